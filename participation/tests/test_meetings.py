"""Meetings under a plan: the page, its invitation, registration with a waiting list, the
e-mails and cancel link, reminders, deletion of personal data, the council's door list, and
what the meeting led to."""

import csv
import io
import json
import logging
import re
import smtplib
import threading
from datetime import datetime, timedelta
from io import StringIO
from types import SimpleNamespace
from unittest import mock
from urllib.parse import unquote, urlencode
from zoneinfo import ZoneInfo

from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

import django_ratelimit.core
import pytest
from defusedxml import ElementTree
from icalendar import Calendar

from participation.forms import RATE_LIMITED_MESSAGE
from participation.models import Idea, Registration, RegistrationStatus, WorkingGroup
from participation.registrations import CANCEL_SALT, cancel_token, register, registration_from_token
from participation.tests.factories import MeetingPageFactory, RegistrationFactory, add_ideas
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    log_in_council_member,
    log_in_editor,
)

pytestmark = pytest.mark.django_db
DANISH_TIME = ZoneInfo("Europe/Copenhagen")
SIGN_UP = {
    "name": "Ida Storm",
    "email": "ida@example.dk",
    "people": "1",
    "needs": "",
    "website": "",
}


def danish(text):
    with translation.override("da"):
        return translation.gettext(text)


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(
        parent=site_root, title="Glumsø og Omegn", council_name="Glumsø Lokalråd"
    )
    plan.save_revision().publish()
    return plan


@pytest.fixture
def meeting(plan):
    return MeetingPageFactory(
        parent=plan,
        title="Første borgermøde",
        slug="borgermoede",
        starts_at=datetime(2031, 3, 4, 19, 0, tzinfo=DANISH_TIME),
        ends_at=datetime(2031, 3, 4, 21, 30, tzinfo=DANISH_TIME),
        registration=True,
        capacity=3,
    )


def sign_up(client, meeting, **changes):
    return client.post(meeting.url, {**SIGN_UP, **changes})


def english(meeting, plan, locale_en):
    english_plan = plan.copy_for_translation(locale_en, copy_parents=True)
    english_plan.save_revision().publish()
    english_meeting = meeting.copy_for_translation(locale_en)
    english_meeting.title = "First citizens' meeting"
    english_meeting.save_revision().publish()
    english_meeting.refresh_from_db()
    return english_meeting


# The page


def test_the_meeting_page_shows_when_where_access_and_organiser_in_danish(client, meeting):
    html = client.get(meeting.url).content.decode()

    assert "Tirsdag 4. marts 2031, kl. 19:00–21:30" in html
    assert "Glumsø Forsamlingshus" in html and "Storegade 1, 4171 Glumsø" in html
    assert "Trinfri adgang, ingen teleslynge, ingen parkering ved stedet" in html
    assert "Glumsø Lokalråd" in html
    assert "Velkomst" in html  # the agenda
    assert 'datetime="2031-03-04T19:00:00+01:00"' in html


def test_a_meeting_must_end_after_it_starts_and_close_registration_before(meeting):
    from django.core.exceptions import ValidationError

    meeting.ends_at = meeting.starts_at
    meeting.registration_closes_at = meeting.starts_at + timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        meeting.clean()
    assert set(error.value.message_dict) == {"ends_at", "registration_closes_at"}


def test_the_plan_lists_coming_meetings_first_and_past_ones_with_minutes(client, plan, meeting):
    now = timezone.now()
    past = dict(starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=30, hours=-2))
    MeetingPageFactory(parent=plan, title="Mødet med referat", minutes="<p>Referat</p>", **past)
    MeetingPageFactory(parent=plan, title="Mødet uden referat", **past)
    MeetingPageFactory(parent=plan, title="Næste møde", starts_at=now + timedelta(days=2))

    html = client.get(plan.url).content.decode()

    assert html.index("Næste møde") < html.index("Første borgermøde")
    assert "Mødet med referat" in html
    assert "Mødet uden referat" not in html


def test_the_invitation_is_valid_icalendar_in_danish_time_across_summer_time(client, plan):
    winter = MeetingPageFactory(
        parent=plan, starts_at=datetime(2031, 3, 20, 19, 0, tzinfo=DANISH_TIME)
    )
    summer = MeetingPageFactory(
        parent=plan, starts_at=datetime(2031, 4, 3, 19, 0, tzinfo=DANISH_TIME)
    )
    for meeting, offset in ((winter, 1), (summer, 2)):
        response = client.get(meeting.url + "invitation/")
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"
        event = calendar.walk("VEVENT")[0]
        start = event.decoded("dtstart")
        assert (start.hour, start.utcoffset()) == (19, timedelta(hours=offset))
        assert b"DTSTART;TZID=Europe/Copenhagen:" in response.content
        assert event["location"] == "Glumsø Forsamlingshus, Storegade 1, 4171 Glumsø"


def test_the_page_describes_itself_as_a_schema_org_event(client, meeting):
    html = client.get(meeting.url).content.decode()

    assert '"@type": "Event"' in html
    assert '"eventStatus": "https://schema.org/EventScheduled"' in html
    assert '"startDate": "2031-03-04T19:00:00+01:00"' in html


def test_the_events_json_ld_has_its_status_place_address_and_organiser_and_stays_escaped(
    client, meeting
):
    meeting.title = "Møde </script><script>alert(1)</script> & <!-- snak"
    meeting.save_revision().publish()
    html = client.get(meeting.url).content.decode()

    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [data] = [json.loads(script) for script in scripts]
    assert "<script>alert" not in html
    assert data["@type"] == "Event"
    assert data["name"] == "Møde </script><script>alert(1)</script> & <!-- snak"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert (data["startDate"], data["endDate"]) == (
        "2031-03-04T19:00:00+01:00",
        "2031-03-04T21:30:00+01:00",
    )
    assert data["location"] == {
        "@type": "Place",
        "name": "Glumsø Forsamlingshus",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Storegade 1",
            "postalCode": "4171",
            "addressLocality": "Glumsø",
            "addressCountry": "DK",
        },
    }
    assert data["organizer"]["@type"] == "Organization"
    assert data["organizer"]["name"] == "Glumsø Lokalråd"


def test_the_areas_feed_announces_its_published_meetings(client, plan, meeting):
    meeting.save_revision().publish()
    MeetingPageFactory(parent=plan, title="Kladdemøde", live=False)

    response = client.get(f"/da/feeds/areas/{plan.slug}.rss")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = {item.findtext("title"): item for item in channel.findall("item")}

    assert set(items) == {"Første borgermøde"}
    item = items["Første borgermøde"]
    assert item.findtext("link") == f"http://testserver{meeting.url}"
    assert item.findtext("description") == (
        "Tirsdag 4. marts 2031 19:00–21:30, Glumsø Forsamlingshus, Storegade 1, 4171 Glumsø"
    )
    assert item.findtext("category") == "Første borgermøde"


# Registration


def test_a_resident_registers_and_gets_an_email_with_a_cancel_link_and_invitation(client, meeting):
    response = sign_up(client, meeting)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.status, registration.language) == ("confirmed", "da")
    message = mail.outbox[0]
    assert message.to == ["ida@example.dk"]
    assert "Du er tilmeldt" in message.subject
    link = re.search(r"http://localhost/da/\S+/borgermoede/cancel/\?token=(\S+)", message.body)
    assert registration_from_token(unquote(link[1]), meeting) == registration
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert Calendar.from_ical(content).walk("VEVENT")[0]["summary"] == "Første borgermøde"
    sent = message.message().get_payload()[1]  # the invitation as the mail program gets it
    assert sent["Content-Type"] == 'text/calendar; charset="utf-8"'
    assert sent.get_filename().endswith(".ics")
    page = client.get(response.url).content.decode()
    assert danish("Thank you, you are registered.") in page


def test_the_english_page_registers_for_the_same_meeting_and_writes_in_english(
    client, meeting, plan, locale_en
):
    english_meeting = english(meeting, plan, locale_en)

    sign_up(client, english_meeting)

    registration = Registration.objects.get()
    assert (registration.meeting_id, registration.language) == (meeting.pk, "en")
    assert mail.outbox[0].subject == "You are registered: First citizens' meeting"
    assert "/en/" in mail.outbox[0].body


def test_when_full_the_next_go_on_the_waiting_list_in_order(client, meeting):
    assert sign_up(client, meeting, people="2").status_code == 302
    sign_up(client, meeting, name="Bo Bak", email="bo@example.dk", people="2")  # 2 + 2 > 3
    sign_up(client, meeting, name="Gitte Krog", email="gitte@example.dk", people="1")

    statuses = list(Registration.objects.values_list("name", "status"))
    # Gitte would fit, but Bo waits before her: nobody jumps the queue.
    assert statuses == [
        ("Ida Storm", "confirmed"),
        ("Bo Bak", "waiting"),
        ("Gitte Krog", "waiting"),
    ]
    assert "venteliste" in mail.outbox[1].subject.lower()
    assert "nummer 2" in mail.outbox[2].body
    html = client.get(meeting.url).content.decode()
    assert danish("Join the waiting list") in html


def test_a_cancellation_moves_the_first_waiting_up_and_emails_them_in_their_language(
    client, meeting, plan, locale_en, django_capture_on_commit_callbacks
):
    english_meeting = english(meeting, plan, locale_en)
    first = register(meeting, name="Ida", email="ida@example.dk", people=3, needs="", language="da")
    waiting = register(
        english_meeting, name="Ann", email="ann@example.com", people=2, needs="", language="en"
    )
    assert waiting.status == RegistrationStatus.WAITING
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail is queued on commit
        response = client.post(reverse_cancel(meeting, first))

    assert response.status_code == 302
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    assert [message.to for message in mail.outbox] == [["ann@example.com"]]
    assert mail.outbox[0].subject == "You have a place: First citizens' meeting"
    assert mail.outbox[0].attachments  # the invitation, now that there is a place


def reverse_cancel(meeting, registration, token=None):
    query = urlencode({"token": token or cancel_token(registration)})
    return f"{meeting.url}{meeting.reverse_subpage('cancel')}?{query}"


def test_the_cancel_link_asks_first_and_a_get_changes_nothing(client, meeting):
    registration = RegistrationFactory(meeting=meeting)

    response = client.get(reverse_cancel(meeting, registration))

    assert response.status_code == 200
    assert danish("Yes, cancel my registration") in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda r: cancel_token(r)[:-2] + "xx", id="tampered"),
        pytest.param(
            lambda r: signing.dumps(r.pk + 1, salt=CANCEL_SALT), id="another-registration"
        ),
        pytest.param(lambda r: signing.dumps(r.pk, salt="participation.other"), id="other-purpose"),
        pytest.param(lambda r: "x" * 5000, id="huge-garbage"),
    ],
)
def test_a_bad_cancel_link_gives_a_clear_page_and_cancels_nothing(client, meeting, token):
    registration = RegistrationFactory(meeting=meeting)

    response = client.post(reverse_cancel(meeting, registration, token(registration)))

    assert response.status_code == 400
    assert "Dette link kan ikke bruges" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_an_expired_cancel_link_gives_a_clear_page(client, meeting):
    registration = RegistrationFactory(meeting=meeting)
    token = cancel_token(registration)
    later = timezone.now() + timedelta(days=401)

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(reverse_cancel(meeting, registration, token))

    assert response.status_code == 400
    assert "Dette link kan ikke bruges" in response.content.decode()


def test_a_cancel_link_works_only_on_its_own_meeting(client, meeting, plan):
    other = MeetingPageFactory(parent=plan, registration=True)
    registration = RegistrationFactory(meeting=meeting)

    response = client.post(reverse_cancel(other, registration))

    assert response.status_code == 400


@pytest.mark.parametrize("when", ["deadline", "past"])
def test_registration_is_closed_after_the_deadline_and_for_past_meetings(client, meeting, when):
    now = timezone.now()
    if when == "deadline":
        meeting.registration_closes_at = now - timedelta(minutes=1)
    else:
        meeting.starts_at, meeting.ends_at = now - timedelta(days=2), now - timedelta(days=1)
    meeting.save()

    response = sign_up(client, meeting)

    assert response.status_code == 403
    assert 'name="email"' not in response.content.decode()
    assert not Registration.objects.exists()


def test_places_are_never_overbooked_one_after_the_other(meeting):
    for number in range(6):
        register(
            meeting, name=f"B{number}", email="b@example.dk", people=1, needs="", language="da"
        )

    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 3


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_places_are_never_overbooked_when_residents_send_at_the_same_moment(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root)
    meeting = MeetingPageFactory(parent=plan, registration=True, capacity=3)
    start = threading.Barrier(8)
    errors = []

    def send(number):
        try:
            start.wait()
            register(
                meeting, name=f"B{number}", email="b@example.dk", people=1, needs="", language="da"
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    counts = {s: Registration.objects.filter(status=s).count() for s in ("confirmed", "waiting")}
    assert counts == {"confirmed": 3, "waiting": 5}


# Abuse limits


def test_the_form_carries_a_csrf_token_and_a_post_without_it_is_refused(meeting):
    client = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" in client.get(meeting.url).content.decode()

    assert sign_up(client, meeting).status_code == 403
    assert not Registration.objects.exists()


def test_the_honeypot_refuses_a_bot_and_keeps_what_was_written(client, meeting):
    response = sign_up(client, meeting, website="http://spam.example.com")

    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert 'value="Ida Storm"' in response.content.decode()


def test_the_rate_limit_keeps_the_registration_in_the_form(client, meeting, settings, monkeypatch):
    settings.PARTICIPATION_RATE_LIMIT = "2/h"
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_800_000_000))
    meeting.capacity = None
    meeting.save()
    for _ in range(2):
        assert sign_up(client, meeting).status_code == 302

    limited = sign_up(client, meeting, name="Frede Lykke")

    assert limited.status_code == 429
    html = limited.content.decode()
    assert escape(danish(RATE_LIMITED_MESSAGE)) in html
    assert 'value="Frede Lykke"' in html
    assert Registration.objects.count() == 2


@pytest.mark.parametrize(
    "hostile",
    [
        {"people": "9" * 400},
        {"people": "-1"},
        {"people": "tre"},
        {"name": "Å" * 100_000},
        {"needs": "x" * 100_000},
        {"email": "ikke-en-adresse"},
        {"name": "Ida\x00Storm"},
        {"name": ""},
    ],
)
def test_hostile_or_huge_input_gives_a_clear_danish_message_and_keeps_the_rest(
    client, meeting, hostile
):
    response = (
        sign_up(
            client,
            meeting,
            needs="Jeg har en kørestol",
            **{k: v for k, v in hostile.items() if k != "needs"},
        )
        if "needs" not in hostile
        else sign_up(client, meeting, **hostile)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert danish("Please correct the following") in html
    if "email" not in hostile:
        assert 'value="ida@example.dk"' in html
    assert not Registration.objects.exists()


def test_markup_in_a_name_is_stored_as_plain_text_and_shown_escaped(client, meeting):
    sign_up(client, meeting, name="<script>alert(1)</script>Ida")

    assert Registration.objects.get().name == "alert(1)Ida"


def test_when_the_mail_server_fails_the_registration_is_kept_and_the_resident_told(
    client, meeting, caplog
):
    failure = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with (
        mock.patch("participation.registrations.EmailMessage.send", side_effect=failure),
        caplog.at_level(logging.ERROR, logger="participation.registrations"),
    ):
        response = sign_up(client, meeting)

    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"
    page = client.get(response.url).content.decode()
    assert "kunne ikke sendes" in page
    assert "was not sent" in caplog.text


# Reminders and personal data


def test_reminders_go_the_day_before_once_to_those_with_a_place(meeting):
    meeting.starts_at = timezone.now() + timedelta(days=1)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save()
    coming = RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status="waiting")
    RegistrationFactory(meeting=meeting, status="cancelled")

    for _ in range(2):
        call_command("remind_meeting_participants", stdout=StringIO())

    assert [message.to for message in mail.outbox] == [[coming.email]]
    assert "I morgen" in mail.outbox[0].subject
    coming.refresh_from_db()
    assert coming.reminded_at is not None


def test_no_reminder_for_a_meeting_later_than_tomorrow(meeting):
    RegistrationFactory(meeting=meeting)  # the meeting is in 2031

    call_command("remind_meeting_participants", stdout=StringIO())

    assert not mail.outbox


# Cancellation: marked everywhere, registration closed, everyone registered told once, in their
# language, with a calendar file that takes it out of their calendar.

NOTE = "Forsamlingshuset er oversvømmet. Vi finder en ny dato i maj."


def cancel_meeting(meeting, capture, note=NOTE):
    meeting.cancelled = True
    meeting.cancellation_note = note
    with capture(execute=True):  # the e-mails are queued when the publish commits
        meeting.save_revision().publish()


def test_the_page_says_the_meeting_is_cancelled_and_why_and_takes_no_registration(
    client, meeting, django_capture_on_commit_callbacks
):
    cancel_meeting(meeting, django_capture_on_commit_callbacks, note="Oversvømmet <b>hus</b>")

    html = client.get(meeting.url).content.decode()
    response = client.post(meeting.url, {"name": "Ida", "email": "ida@example.dk", "people": 1})

    assert "Mødet er aflyst" in html
    assert "Oversvømmet &lt;b&gt;hus&lt;/b&gt;" in html
    assert "Mødet er aflyst, så tilmeldingen er lukket." in html
    assert 'name="email"' not in html
    assert "invitation/" not in html  # no calendar file to add a meeting that will not be
    assert response.status_code == 403
    assert not meeting.registrations.exists()


def test_everyone_still_registered_is_told_once_in_their_language_with_a_calendar_cancel(
    meeting, plan, locale_en, django_capture_on_commit_callbacks
):
    english_meeting = english(meeting, plan, locale_en)
    ida = register(meeting, name="Ida", email="ida@example.dk", people=2, needs="", language="da")
    ann = register(
        english_meeting, name="Ann", email="ann@example.com", people=2, needs="", language="en"
    )
    gone = RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    assert ann.status == RegistrationStatus.WAITING
    mail.outbox.clear()

    cancel_meeting(meeting, django_capture_on_commit_callbacks)
    cancel_meeting(meeting, django_capture_on_commit_callbacks)  # published again: no repeat

    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == ["ann@example.com", "ida@example.dk"]
    assert gone.email not in sent
    assert sent["ida@example.dk"].subject == "Aflyst: Første borgermøde"
    assert NOTE in sent["ida@example.dk"].body
    assert sent["ann@example.com"].subject == "Cancelled: First citizens' meeting"
    [(name, content, kind)] = sent["ida@example.dk"].attachments
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert (kind, calendar["method"], event["status"]) == ("text/calendar", "CANCEL", "CANCELLED")
    assert event["uid"].startswith(f"meeting-{meeting.translation_key}@")
    for registration in (ida, ann):
        registration.refresh_from_db()
        assert registration.cancellation_sent_at is not None


def test_a_draft_that_cancels_tells_nobody_until_it_is_published(
    meeting, django_capture_on_commit_callbacks
):
    RegistrationFactory(meeting=meeting)
    meeting.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision()

    assert not mail.outbox


def test_no_reminder_the_day_before_a_cancelled_meeting(meeting):
    meeting.starts_at = timezone.now() + timedelta(days=1)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.cancelled = True
    meeting.save()
    RegistrationFactory(meeting=meeting)

    call_command("remind_meeting_participants", stdout=StringIO())

    assert not mail.outbox


def test_lists_calendar_feed_api_and_json_ld_mark_it_cancelled(
    client, plan, meeting, django_capture_on_commit_callbacks
):
    cancel_meeting(meeting, django_capture_on_commit_callbacks)

    plan_html = client.get(plan.url).content.decode()
    calendar = Calendar.from_ical(client.get(plan.url + "kalender.ics").content)
    feed = ElementTree.fromstring(client.get(f"/da/feeds/areas/{plan.slug}.rss").content)
    api = client.get("/api/v2/meetings/").json()["items"]
    page_html = client.get(meeting.url).content.decode()
    [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)

    assert re.search(r"Første borgermøde</a>.*?<strong>Aflyst</strong>", plan_html, re.S)
    [event] = [e for e in calendar.walk("VEVENT") if e["uid"].startswith("meeting-")]
    assert (event["status"], str(event["summary"])) == ("CANCELLED", "Aflyst: Første borgermøde")
    assert calendar["method"] == "PUBLISH"  # the plan's calendar itself is not a cancellation
    assert feed.find("channel/item").findtext("title") == "Aflyst: Første borgermøde"
    assert [(item["title"], item["cancelled"]) for item in api] == [("Første borgermøde", True)]
    assert json.loads(json_ld)["eventStatus"] == "https://schema.org/EventCancelled"


def test_personal_data_is_deleted_the_set_time_after_the_meeting(plan, settings):
    settings.MEETING_DATA_RETENTION_DAYS = 30
    now = timezone.now()
    old = MeetingPageFactory(
        parent=plan, starts_at=now - timedelta(days=32), ends_at=now - timedelta(days=31)
    )
    recent = MeetingPageFactory(
        parent=plan, starts_at=now - timedelta(days=10), ends_at=now - timedelta(days=9)
    )
    gone = RegistrationFactory(meeting=old, needs="Kørestol", people=2)
    kept = RegistrationFactory(meeting=recent, needs="Kørestol")

    out = StringIO()
    call_command("anonymise_volunteers", stdout=out)

    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.email, gone.needs, gone.people) == ("", "", "", 2)
    assert gone.anonymised_at is not None
    assert kept.email and kept.needs == "Kørestol"
    assert "1 registration(s)" in out.getvalue()


def test_one_persons_registrations_are_deleted_at_once_on_request(meeting):
    RegistrationFactory(meeting=meeting, email="Ida@Example.dk")

    call_command("anonymise_volunteers", email="ida@example.dk", stdout=StringIO())

    assert Registration.objects.get().email == ""


# The council's door list


@pytest.fixture
def two_areas(site_root):
    meetings = {}
    for key, title in (("A", "Glumsø og Omegn"), ("B", "Tybjerg og Omegn")):
        plan = LocalAreaPlanPageFactory(parent=site_root, title=title)
        plan.save_revision().publish()
        meetings[key] = MeetingPageFactory(parent=plan, title=f"Møde {key}", registration=True)
        RegistrationFactory(
            meeting=meetings[key], name=f"Deltager {key}", email=f"{key}@example.dk"
        )
    return meetings


INDEX = "meeting_registrations:index"


def test_a_council_sees_only_its_own_areas_registrations(client, two_areas, django_user_model):
    log_in_council_member(client, two_areas["A"].plan, django_user_model)

    response = client.get(reverse(INDEX))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Deltager A" in html and "Deltager B" not in html
    assert "Tilmeldinger" in html and "Registrations" not in html  # the admin speaks Danish


def test_a_council_exports_only_its_own_areas_registrations(client, two_areas, django_user_model):
    log_in_council_member(client, two_areas["A"].plan, django_user_model)

    response = client.get(reverse(INDEX), {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert any("A@example.dk" in row for row in rows)
    assert not any("B@example.dk" in cell for row in rows for cell in row)


@pytest.mark.parametrize("view", ["delete", "edit", "history"])
def test_a_council_cannot_open_another_areas_registration(
    client, two_areas, django_user_model, view
):
    log_in_council_member(client, two_areas["A"].plan, django_user_model)
    other = Registration.objects.get(meeting=two_areas["B"])

    response = client.get(reverse(f"meeting_registrations:{view}", args=[other.pk]))

    assert response.status_code in (302, 403, 404)  # 302: Wagtail's "no permission" redirect
    assert "Deltager B" not in response.content.decode()


def test_a_council_cannot_delete_even_its_own_registrations(client, two_areas, django_user_model):
    log_in_council_member(client, two_areas["A"].plan, django_user_model)
    own = Registration.objects.get(meeting=two_areas["A"])

    response = client.post(reverse("meeting_registrations:delete", args=[own.pk]))

    assert response.status_code in (302, 403)
    assert Registration.objects.filter(pk=own.pk).exists()


def test_an_editor_sees_every_areas_registrations(client, two_areas, django_user_model):
    log_in_editor(client, django_user_model)

    html = client.get(reverse(INDEX)).content.decode()

    assert "Deltager A" in html and "Deltager B" in html


def test_a_resident_without_an_account_sees_no_registrations(client, two_areas):
    response = client.get(reverse(INDEX))

    assert response.status_code == 302  # to the login


# After the meeting


def test_the_meeting_shows_the_ideas_and_groups_it_led_to_and_they_link_back(client, plan):
    now = timezone.now()
    meeting = MeetingPageFactory(
        parent=plan,
        title="Andet borgermøde",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3, hours=-2),
        minutes="<p>Vi talte om søen.</p>",
        decisions="<ul><li>Lokalrådet søger fonde.</li></ul>",
    )
    idea = add_ideas(plan, "Fugleskjul ved søen")[0]
    Idea.objects.filter(pk=idea.pk).update(meeting=meeting)
    project = ProjectPageFactory(parent=plan, title="Fugleskjul")
    project.save_revision().publish()
    WorkingGroup.objects.create(
        page=project,
        locale=project.locale,
        name="Fugleskjulsgruppen",
        purpose="Bygger skjulet.",
        coordinator_name="Bo",
        coordinator_email="bo@example.dk",
        formed_at=meeting,
    )

    html = client.get(meeting.url).content.decode()

    assert "Vi talte om søen." in html and "Lokalrådet søger fonde." in html
    assert "Fugleskjul ved søen" in html and "Fugleskjulsgruppen" in html
    assert meeting.url in client.get(plan.url).content.decode()  # the idea links back
    assert meeting.url in client.get(project.url).content.decode()  # the group links back


def test_the_meeting_page_costs_the_same_queries_however_many_registrations(client, meeting):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(meeting.url)
        return len(captured)

    RegistrationFactory(meeting=meeting)
    queries()  # the first request fills the site's caches
    few = queries()
    for _ in range(12):
        RegistrationFactory(meeting=meeting, status="waiting")

    assert queries() == few


def test_the_plans_calendar_holds_its_meetings_in_danish_time_across_summer_time(client, plan):
    """The last Sunday of March 2031 is the 30th: a meeting at 19:00 the Friday before is at
    18:00 UTC, one the Monday after at 17:00 UTC; both read 19:00 in Copenhagen."""
    for day, title in ((28, "Før sommertid"), (31, "Efter sommertid")):
        starts = datetime(2031, 3, day, 19, 0, tzinfo=DANISH_TIME)
        MeetingPageFactory(
            parent=plan, title=title, starts_at=starts, ends_at=starts + timedelta(hours=2)
        ).save_revision().publish()
    MeetingPageFactory(parent=plan, title="Kladde", live=False)

    response = client.get(f"/da/{plan.slug}/kalender.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    found = {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}

    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    before, after = found["Før sommertid"], found["Efter sommertid"]
    assert before["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert before.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert after.decoded("DTSTART").utcoffset() == timedelta(hours=2)
    assert before.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 18
    assert after.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 17
    assert after.decoded("DTSTART").hour == 19
    assert "Kladde" not in found
    assert Calendar.from_ical(cal.to_ical()) == cal
