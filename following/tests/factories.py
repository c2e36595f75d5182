from django.utils import timezone

from following.models import Follower, Subscription, Target


def follower(email="ida@example.dk", *follows, language="da", frequency="instant"):
    """A confirmed follower of `follows`: pages (plans, projects), goal numbers, or "all"."""
    person = Follower.objects.create(email=email, language=language, frequency=frequency)
    for followed in follows:
        Subscription.objects.create(
            follower=person, confirmed_at=timezone.now(), **target_of(followed)
        )
    return person


def target_of(followed):
    if followed == "all":
        return {"target": Target.EVERYTHING, "key": ""}
    if isinstance(followed, int):
        return {"target": Target.GOAL, "key": str(followed)}
    target = Target.AREA if followed.specific_class.__name__ == "LocalAreaPlanPage" else "project"
    return {"target": target, "key": str(followed.translation_key)}
