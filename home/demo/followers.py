"""A few confirmed followers for the demo, so the admin's follower counts and send log have
something to show and a publish sends mail to the console (invented addresses)."""

from django.utils import timezone

from wagtail.models import Locale

from following.models import Follower, Subscription, Target
from plan_pages.models import LocalAreaPlanPage

# (address, language, frequency, [plan slug or UN goal number or "all"])
FOLLOWERS = [
    ("birthe.holm@example.dk", "da", "instant", ["glumsoe-og-omegn"]),
    ("jonas.kjaer@example.dk", "da", "weekly", ["tybjerg-og-omegn", 15]),
    ("sarah.miller@example.com", "en", "weekly", ["all"]),
]


def target_of(followed):
    if followed == "all":
        return Target.EVERYTHING, ""
    if isinstance(followed, int):
        return Target.GOAL, str(followed)
    plan = LocalAreaPlanPage.objects.get(slug=followed, locale=Locale.get_default())
    return Target.AREA, str(plan.translation_key)


def add_demo_followers():
    for email, language, frequency, follows in FOLLOWERS:
        follower, _created = Follower.objects.get_or_create(
            email=email, defaults={"language": language, "frequency": frequency}
        )
        for followed in follows:
            target, key = target_of(followed)
            Subscription.objects.get_or_create(
                follower=follower,
                target=target,
                key=key,
                defaults={"confirmed_at": timezone.now()},
            )
