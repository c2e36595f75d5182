"""The e-mails: a confirmation, the instant messages and the weekly digest.

Every message is written in the follower's language, with each item linked in that language
(the source page when it is not translated yet) and in the other. An item is sent only while
its page is still live and public. Deliveries are marked sent in the transaction that sends
them: when the mail server fails, nothing is marked, the failure is logged without the address,
and the next run (cron, or the next task) tries again.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from core.changes import change_kinds
from plan_pages.models import Milestone, ProjectStatus

from .models import (
    ChangeKind,
    Delivery,
    Follower,
    MessageKind,
    SendLogEntry,
    SendStatus,
    Subscription,
)
from .targets import target_page
from .tokens import UNSUBSCRIBE, confirmation_token, follower_token

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return f"{site.root_url if site else settings.WAGTAILADMIN_BASE_URL}{path}"


def localized_url(name, language, *args) -> str:
    with translation.override(language):
        return site_url(reverse(name, args=args))


def other_language(language):
    return next(code for code, _name in settings.LANGUAGES if code != language)


class PageFinder:
    """Live, public pages by translation key and language, found in one query."""

    def __init__(self, keys):
        found = Page.objects.live().public().filter(translation_key__in=keys)
        self.pages = {
            (str(page.translation_key), page.locale.language_code): page
            for page in found.select_related("locale")
        }

    def get(self, key, language):
        return self.pages.get((key, language)) or self.pages.get((key, settings.LANGUAGE_CODE))


def items_by_area(deliveries, language):
    """[(area title, [(kind heading, [item, …]), …]), …]: each page once per kind, its latest
    change; areas by title, the changes outside any area last."""
    deliveries = sorted(deliveries, key=lambda d: d.change.created_at)
    changes = [d.change for d in deliveries]
    keys = {str(c.page.translation_key) for c in changes} | {c.area_key for c in changes}
    finder = PageFinder(keys - {""})
    milestones = milestone_titles(changes, language)
    headings = change_kinds()
    other = other_language(language)
    areas = defaultdict(dict)
    for change in changes:
        page = finder.get(str(change.page.translation_key), settings.LANGUAGE_CODE)
        if page is None:  # unpublished or made private since: not told
            continue
        shown = finder.get(str(change.page.translation_key), language)
        translated = finder.pages.get((str(change.page.translation_key), other))
        plan = finder.get(change.area_key, language) if change.area_key else None
        area = plan.title if plan else ""
        heading = str(headings.get(change.kind, change.kind))
        # A page once per kind (its latest status), but each of its milestones done.
        item = str(change.page.translation_key)
        if change.kind == ChangeKind.MILESTONE_DONE:
            item += change.detail
        areas[area].setdefault(heading, {})[item] = {
            "title": shown.title,
            "url": shown.get_full_url(),
            "detail": describe(change, milestones),
            "other_url": translated.get_full_url() if translated else "",
        }
    ordered = sorted(areas.items(), key=lambda item: (item[0] == "", item[0]))
    return [
        (area or _("Across the municipality"), [(h, list(i.values())) for h, i in kinds.items()])
        for area, kinds in ordered
    ]


def milestone_titles(changes, language) -> dict:
    """{milestone's translation key: its title in `language`, else in Danish}, in one query."""
    keys = {c.detail for c in changes if c.kind == ChangeKind.MILESTONE_DONE}
    if not keys:
        return {}
    found = Milestone.objects.filter(
        translation_key__in=keys, locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).values_list("translation_key", "locale__language_code", "title")
    titles = {}
    for key, _code, title in sorted(found, key=lambda row: row[1] == language):
        titles[str(key)] = title  # the follower's language last, so it wins
    return titles


def describe(change, milestones) -> str:
    if change.kind == ChangeKind.PROJECT_STATUS and change.detail in ProjectStatus.values:
        return _("Status now: %(status)s") % {"status": ProjectStatus(change.detail).label}
    if change.kind == ChangeKind.MILESTONE_DONE:
        return milestones.get(change.detail, "")
    return ""


def follower_links(follower):
    manage = localized_url("following:manage", follower.language, follower_token(follower))
    unsubscribe = localized_url(
        "following:unsubscribe", follower.language, follower_token(follower, UNSUBSCRIBE)
    )
    return manage, unsubscribe


def build_message(follower, kind, groups) -> EmailMultiAlternatives:
    manage_url, unsubscribe_url = follower_links(follower)
    other = other_language(follower.language)
    context = {
        "groups": groups,
        "kind": kind,
        "manage_url": manage_url,
        "unsubscribe_url": unsubscribe_url,
        "other_language": dict(settings.LANGUAGES)[other],
        "other_language_code": other,
        "language": follower.language,
    }
    subject = " ".join(render_to_string("following/emails/news_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject,
        render_to_string("following/emails/news.txt", context),
        to=[follower.email],
        headers={
            # RFC 8058: a mail program's one-click unsubscribe POSTs to the https address.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("following/emails/news.html", context), "text/html")
    return message


def log(kind, status, areas, changes=0, error=""):
    """One row per area the message told about (areas: {key: title}), no address."""
    SendLogEntry.objects.bulk_create(
        [
            SendLogEntry(
                kind=kind,
                status=status,
                area_key=key,
                area_title=title,
                changes=changes,
                error=error[:255],
            )
            for key, title in (areas or {"": ""}).items()
        ]
    )


def area_titles(keys):
    source = Locale.get_default()
    pages = Page.objects.filter(translation_key__in=keys, locale=source)
    return {str(page.translation_key): page.title for page in pages}


def send_news(follower, kind) -> bool:
    """Send `follower` everything owed to them as one e-mail; True when something was sent."""
    pending = Delivery.objects.filter(follower=follower, sent_at__isnull=True)
    failure = None
    with transaction.atomic():
        deliveries = list(pending.select_for_update().select_related("change__page"))
        if not deliveries:
            return False
        with translation.override(follower.language):
            groups = items_by_area(deliveries, follower.language)
            areas = area_titles({d.change.area_key for d in deliveries if d.change.area_key})
            count = sum(len(items) for _area, kinds in groups for _h, items in kinds)
            if groups:
                try:
                    build_message(follower, kind, groups).send()
                except OSError as error:  # SMTPException too: the server refused or was away
                    failure = error
        if failure is None:
            pending.filter(pk__in=[d.pk for d in deliveries]).update(sent_at=timezone.now())
    if failure is not None:
        logger.warning("Following e-mail %s not sent: %s", kind, type(failure).__name__)
        pending.filter(pk__in=[d.pk for d in deliveries]).update(attempts=F("attempts") + 1)
        log(kind, SendStatus.FAILED, areas, count, type(failure).__name__)
        return False
    if groups:
        log(kind, SendStatus.SENT, areas, count)
    return bool(groups)


def send_instant_messages(now=None):
    """Everyone on instant messages whose oldest waiting change is older than the window: a
    burst of changes within the window goes out as one e-mail."""
    now = now or timezone.now()
    due = now - timedelta(minutes=settings.FOLLOWING_INSTANT_WINDOW_MINUTES)
    followers = Follower.objects.filter(
        frequency="instant",
        deliveries__sent_at__isnull=True,
        deliveries__change__created_at__lte=due,
    ).distinct()
    return sum(send_news(follower, MessageKind.INSTANT) for follower in followers)


def send_weekly_digests():
    followers = Follower.objects.filter(
        frequency="weekly", deliveries__sent_at__isnull=True
    ).distinct()
    return sum(send_news(follower, MessageKind.DIGEST) for follower in followers)


def send_confirmation(follower, language, frequency, now=None) -> bool:
    """Ask the address's owner to confirm what waits for confirmation: at most one e-mail per
    interval per address, whoever asks how often."""
    now = now or timezone.now()
    interval = timedelta(minutes=settings.FOLLOWING_CONFIRMATION_INTERVAL_MINUTES)
    if follower.confirmation_sent_at and follower.confirmation_sent_at > now - interval:
        return False
    waiting = list(follower.subscriptions.filter(confirmed_at__isnull=True))
    if not waiting:
        return False
    token = confirmation_token(follower, [s.pk for s in waiting], language, frequency)
    with translation.override(language):
        context = {
            "confirm_url": localized_url("following:confirm", language, token),
            "targets": [describe_target(s, language) for s in waiting],
            "days": settings.FOLLOWING_CONFIRMATION_DAYS,
        }
        subject = " ".join(_("Confirm that you want news by e-mail").split())
        message = EmailMultiAlternatives(
            subject,
            render_to_string("following/emails/confirm.txt", context),
            to=[follower.email],
        )
        message.attach_alternative(
            render_to_string("following/emails/confirm.html", context), "text/html"
        )
        try:
            message.send()
        except OSError as error:
            logger.warning("Following confirmation not sent: %s", type(error).__name__)
            log(MessageKind.CONFIRMATION, SendStatus.FAILED, None, 0, type(error).__name__)
            return False
    Follower.objects.filter(pk=follower.pk).update(confirmation_sent_at=now)
    log(MessageKind.CONFIRMATION, SendStatus.SENT, None)
    return True


def send_waiting_confirmations():
    """Retry the confirmations that could not be sent (the mail server was away)."""
    followers = Follower.objects.filter(
        confirmation_sent_at__isnull=True, subscriptions__confirmed_at__isnull=True
    ).distinct()
    return sum(send_confirmation(f, f.language, f.frequency) for f in followers)


def describe_target(subscription, language) -> dict:
    """{"title", "url"} of what a subscription follows, in `language`."""
    page = target_page(subscription.target, subscription.key, language)
    if page is None:
        if subscription.target == "all":
            return {"title": _("Everything in Næstved Kommune"), "url": site_url(f"/{language}/")}
        return {"title": _("A page that is no longer published"), "url": ""}
    return {"title": page.title, "url": page.get_full_url()}


def forget_unconfirmed(now=None):
    """Unconfirmed subscriptions older than the confirmation's validity go, and followers left
    with nothing to follow with them; returns how many subscriptions went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FOLLOWING_CONFIRMATION_DAYS)
    old = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    count = old.count()
    old.delete()
    Follower.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).delete()
    return count
