"""Asking to follow: the same answer whether or not the address is known or already follows.

Nothing is active until the owner of the address confirms; the language and frequency chosen
travel in the signed confirmation link, so a stranger cannot change a follower's settings.
"""

from django.db import transaction
from django.utils import timezone

from .models import Follower, Subscription
from .tasks import send_confirmation_task


def ask_to_follow(email, target, key, frequency, language):
    with transaction.atomic():
        follower, _created = Follower.objects.get_or_create(
            email=email, defaults={"language": language, "frequency": frequency}
        )
        Subscription.objects.get_or_create(follower=follower, target=target, key=key)
    # Enqueued once the block has committed, so a queue in another process finds the rows.
    # The task sends nothing when nothing waits for confirmation (the address already follows
    # this) or one was sent within the hour: the visitor's answer is the same either way.
    send_confirmation_task.enqueue(follower.pk, language, frequency)


def confirm(data):
    """Apply a confirmation link's signed data; None when the follower has gone since."""
    follower = Follower.objects.filter(pk=data["f"]).first()
    if follower is None:
        return None
    now = timezone.now()
    follower.subscriptions.filter(pk__in=data["s"], confirmed_at__isnull=True).update(
        confirmed_at=now
    )
    follower.language, follower.frequency = data["l"], data["q"]
    follower.save(update_fields=["language", "frequency"])
    return follower
