"""Registration for a meeting: places, the waiting list, the e-mails and the cancel link.

Registrations are kept against the meeting in the default language, so the Danish and English
pages fill the same room. Every change to a meeting's places takes a lock on the meeting's row
(`select_for_update`, PostgreSQL; SQLite writes one at a time anyway), so two residents who
send at the same moment cannot both take the last place. Nobody has an account: the e-mail
carries a signed link (django.core.signing, its own salt) that can do one thing, cancel that
registration.
"""

import logging
from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from django_tasks import task

from .forms import PlainTextField, ResidentForm, subject_line
from .models import MAX_PEOPLE, MeetingPage, Registration, RegistrationStatus

logger = logging.getLogger(__name__)

CANCEL_SALT = "participation.meeting.cancel"
# A cancel link is refused after this long, whatever happens (the meeting is long past).
CANCEL_LINK_MAX_AGE = timedelta(days=400)


class RegistrationForm(ResidentForm):
    name = PlainTextField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send the confirmation here, with a link to cancel."),
    )
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=MAX_PEOPLE,
        initial=1,
        help_text=_("Yourself included, at most 10."),
    )
    needs = PlainTextField(
        label=_("Anything we should know?"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a wheelchair place, an interpreter, food allergies."),
    )


def source_meeting(meeting) -> MeetingPage:
    """The meeting in the default language, where every language's registrations are kept
    (looked up once per meeting instance: a meeting page asks for it more than once)."""
    default = Locale.get_default()
    if meeting.locale_id == default.pk:
        return meeting
    if "_source_meeting" not in meeting.__dict__:
        meeting._source_meeting = meeting.get_translation_or_none(default) or meeting
    return meeting._source_meeting


def meeting_in(meeting, language: str) -> MeetingPage:
    """The meeting as a resident who wrote in `language` reads it."""
    locale = Locale.objects.filter(language_code=language).first()
    found = meeting.get_translation_or_none(locale) if locale else None
    return found if found is not None and found.live else meeting


def lock(meeting) -> MeetingPage:
    """The meeting's row, locked until the transaction ends: one change of places at a time."""
    return MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting.pk)


def places_taken(meeting) -> int:
    confirmed = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED)
    return confirmed.aggregate(total=Sum("people"))["total"] or 0


def places_left(meeting) -> int | None:
    """None: no limit."""
    if meeting.capacity is None:
        return None
    return max(meeting.capacity - places_taken(source_meeting(meeting)), 0)


def has_waiting_list(meeting) -> bool:
    return meeting.registrations.filter(status=RegistrationStatus.WAITING).exists()


@transaction.atomic
def register(meeting, *, name, email, people, needs, language) -> Registration:
    """A place if there is room and nobody is waiting before them; else the waiting list."""
    source = lock(source_meeting(meeting))
    full = source.capacity is not None and (
        has_waiting_list(source) or places_taken(source) + people > source.capacity
    )
    return Registration.objects.create(
        meeting=source,
        language=language,
        name=name,
        email=email,
        people=people,
        needs=needs,
        status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
    )


def waiting_position(registration) -> int:
    """1 for the first on the waiting list."""
    return (
        registration.meeting.registrations.filter(
            status=RegistrationStatus.WAITING, registered_at__lte=registration.registered_at
        )
        .exclude(pk__gt=registration.pk, registered_at=registration.registered_at)
        .count()
    )


def move_up(meeting) -> list[Registration]:
    """Give free places to the waiting list in order; the first who does not fit waits on, and
    so does everyone after them (nobody jumps the queue). Call with the meeting locked."""
    if meeting.capacity is None:
        waiting = list(meeting.registrations.filter(status=RegistrationStatus.WAITING))
    else:
        free = meeting.capacity - places_taken(meeting)
        waiting = []
        for registration in meeting.registrations.filter(status=RegistrationStatus.WAITING):
            if registration.people > free:
                break
            free -= registration.people
            waiting.append(registration)
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
    return waiting


@transaction.atomic
def cancel(registration) -> list[Registration]:
    """Cancel, then move the waiting list up; those who move up are e-mailed (after commit)."""
    meeting = lock(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return []
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    moved = move_up(meeting)
    for moved_up in moved:
        transaction.on_commit(lambda pk=moved_up.pk: send_moved_up.enqueue(pk))
    return moved


def cancel_token(registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


class InvalidLink(Exception):
    """The link was changed, is too old, or belongs to another meeting."""


def registration_from_token(token: str, meeting) -> Registration:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_LINK_MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise InvalidLink from error
    registration = (
        Registration.objects.filter(pk=pk, meeting__translation_key=meeting.translation_key)
        .select_related("meeting")
        .first()
    )
    if registration is None or registration.anonymised_at:
        raise InvalidLink
    return registration


def cancel_url(registration, page) -> str:
    query = urlencode({"token": cancel_token(registration)})
    return f"{page.get_full_url()}{page.reverse_subpage('cancel')}?{query}"


def registration_email(registration, template: str) -> EmailMessage:
    """An e-mail to the resident in the language they registered in, with the invitation."""
    from .meetings import meeting_calendar

    with translation.override(registration.language):
        page = meeting_in(registration.meeting, registration.language)
        context = {
            "registration": registration,
            "page": page,
            "meeting_url": page.get_full_url(),
            "cancel_url": cancel_url(registration, page),
            "position": waiting_position(registration)
            if registration.status == RegistrationStatus.WAITING
            else None,
        }
        subject = subject_line(render_to_string(f"emails/{template}_subject.txt", context))
        body = render_to_string(f"emails/{template}.txt", context)
        message = EmailMessage(subject, body, to=[registration.email])
        if template == "meeting_cancelled":
            # METHOD:CANCEL with the invitation's UID takes the meeting out of the calendar.
            message.attach(f"{page.slug}.ics", meeting_calendar(page, None), "text/calendar")
        elif registration.status == RegistrationStatus.CONFIRMED:
            # The MIME type alone: Django adds the charset of a text attachment itself.
            message.attach(f"{page.slug}.ics", meeting_calendar(page, None), "text/calendar")
    return message


def send_confirmation(registration) -> bool:
    """True when sent. The registration stands either way; a failure is logged."""
    try:
        registration_email(registration, "meeting_registration").send()
    except OSError:  # the mail server refused or was not reached (SMTPException too)
        logger.exception("The confirmation of registration %s was not sent", registration.pk)
        return False
    return True


@task()
def send_moved_up(registration_id: int):
    registration = Registration.objects.select_related("meeting").get(pk=registration_id)
    if registration.status == RegistrationStatus.CONFIRMED and not registration.anonymised_at:
        registration_email(registration, "meeting_moved_up").send()


@task()
def send_reminder(registration_id: int):
    """The day before: once per registration, however often it is queued."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("meeting")
            .get(pk=registration_id)
        )
        if (
            registration.reminded_at
            or registration.status != RegistrationStatus.CONFIRMED
            or registration.meeting.cancelled
        ):
            return
        registration_email(registration, "meeting_reminder").send()
        registration.reminded_at = timezone.now()
        registration.save(update_fields=["reminded_at"])


def registrations_to_tell_of_cancellation(meeting):
    """Who still expects to come to the cancelled `meeting` (registered or waiting) and has
    not been told yet."""
    return source_meeting(meeting).registrations.filter(
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING),
        cancellation_sent_at__isnull=True,
        anonymised_at__isnull=True,
    )


def enqueue_cancellation_notices(meeting) -> int:
    """Queue one e-mail per resident still registered for the cancelled meeting."""
    ids = list(registrations_to_tell_of_cancellation(meeting).values_list("pk", flat=True))
    for pk in ids:
        send_meeting_cancelled.enqueue(pk)
    return len(ids)


@task()
def send_meeting_cancelled(registration_id: int):
    """Once per registration, however often the cancelled meeting is published again."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("meeting")
            .get(pk=registration_id)
        )
        if registration.cancellation_sent_at or not registration.meeting.cancelled:
            return
        registration_email(registration, "meeting_cancelled").send()
        registration.cancellation_sent_at = timezone.now()
        registration.save(update_fields=["cancellation_sent_at"])


def registrations_to_remind(now=None):
    """Confirmed, not yet reminded registrations of meetings that start tomorrow (Danish date)."""
    tomorrow = timezone.localdate(now or timezone.now()) + timedelta(days=1)
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        anonymised_at__isnull=True,
        meeting__starts_at__date=tomorrow,
        meeting__cancelled=False,
    )


def enqueue_reminders(now=None) -> int:
    ids = list(registrations_to_remind(now).values_list("pk", flat=True))
    for pk in ids:
        send_reminder.enqueue(pk)
    return len(ids)


def registrations_to_anonymise(now=None):
    cutoff = (now or timezone.now()) - timedelta(days=settings.MEETING_DATA_RETENTION_DAYS)
    return Registration.objects.filter(anonymised_at__isnull=True, meeting__ends_at__lt=cutoff)
