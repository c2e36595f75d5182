"""From a publish to the followers owed it: record each change once, and who gets it.

Only the source language's publishes count (a change is the same in every language; each
follower reads it in their own), and only pages that are live and public: a private page, or
one under a private page, tells no one anything.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q

from wagtail.models import Locale, PageLogEntry

from core.changes import published_changes, scheduled_changes

from .models import Change, Delivery, Subscription, Target


def is_public(page) -> bool:
    return page.live and not page.get_view_restrictions().exists()


def previous_version(page):
    """The page as it was last published before this publish, or None on its first.

    Wagtail sends `page_published` before it logs the publish, so the newest publish in the
    log is the one before. (A page's `first_published_at` cannot tell: a revision saved from
    a stale copy of the page carries none, and the publish sets it again.)"""
    entry = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry else None


def record_published_changes(sender, instance, revision=None, **kwargs):
    """The `page_published` receiver."""
    page = instance.specific
    if page.locale_id != Locale.get_default().pk or not is_public(page):
        return
    record(published_changes(page, previous_version(page)))


def record_scheduled_changes(now):
    record(c for c in scheduled_changes(now) if is_public(c.page))


def record(page_changes) -> list[Change]:
    """Store the changes not seen before and owe each to its followers; returns the new ones."""
    new = []
    for page_change in page_changes:
        try:
            with transaction.atomic():
                change = Change.objects.create(
                    key=page_change.key,
                    kind=page_change.kind,
                    page=page_change.page,
                    area_key=str(page_change.area_key or ""),
                    project_key=str(page_change.project_key or ""),
                    goals=sorted(page_change.goals),
                    detail=page_change.detail,
                )
        except IntegrityError:  # seen before: a retry, or the same revision published again
            continue
        owe(change)
        new.append(change)
    if new:
        transaction.on_commit(schedule_instant_messages)
    return new


def subscriptions_for(change):
    """The confirmed subscriptions that `change` concerns."""
    concerns = Q(target=Target.EVERYTHING)
    if change.area_key:
        concerns |= Q(target=Target.AREA, key=change.area_key)
    if change.project_key:
        concerns |= Q(target=Target.PROJECT, key=change.project_key)
    if change.goals:
        concerns |= Q(target=Target.GOAL, key__in=[str(goal) for goal in change.goals])
    return Subscription.objects.filter(concerns, confirmed_at__isnull=False)


def owe(change):
    """One delivery per follower, however many of their subscriptions the change matches."""
    followers = subscriptions_for(change).values_list("follower_id", flat=True).distinct()
    Delivery.objects.bulk_create(
        [Delivery(follower_id=pk, change=change) for pk in followers], ignore_conflicts=True
    )


def schedule_instant_messages():
    from .tasks import schedule_instant_sending

    schedule_instant_sending()
