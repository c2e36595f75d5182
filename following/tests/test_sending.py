"""What is sent: grouped, in the follower's language with the other language linked, with
one-click unsubscribe headers, and nothing lost or doubled when the mail server fails."""

import smtplib
from datetime import timedelta
from unittest import mock

from django.core import mail
from django.utils import timezone

import pytest

from following import sending
from following.models import Change, Delivery, SendLogEntry
from following.tests.conftest import publish_project, translate
from following.tests.factories import follower
from plan_pages.models import ProjectPage
from plan_pages.tests.factories import milestone

pytestmark = pytest.mark.django_db

LATER = timedelta(minutes=11)


def send_instant():
    return sending.send_instant_messages(timezone.now() + LATER)


def test_a_burst_of_changes_becomes_one_grouped_email(plan, other_plan):
    person = follower("ida@example.dk", plan, other_plan)
    publish_project(plan, title="Fugleskjulet")
    publish_project(plan, title="Badebroen")
    project = publish_project(other_plan, title="Tybjergløbet")
    project.status = "completed"
    project.save_revision().publish()

    assert sending.send_instant_messages() == 0  # the window has not passed yet
    assert send_instant() == 1

    (message,) = mail.outbox
    assert message.to == [person.email]
    body = message.body
    assert body.index("== Glumsø og Omegn ==") < body.index("== Tybjerg og Omegn ==")
    assert body.count("Nye projekter:") == 2
    assert "Projekter med ny status:" in body and "Status nu: Gennemført" in body
    for title in ("Fugleskjulet", "Badebroen", "Tybjergløbet"):
        assert title in body
    assert send_instant() == 0  # nothing twice


def test_the_message_has_one_click_unsubscribe_and_an_html_part(plan):
    follower("ida@example.dk", plan)
    publish_project(plan)
    send_instant()

    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://localhost/da/foelg/afmeld/") and unsubscribe.endswith(
        ">"
    )
    html, mime = message.alternatives[0]
    assert mime == "text/html" and '<html lang="da">' in html and "Fugleskjulet" in html


def test_an_english_follower_reads_english_with_a_link_to_the_danish_page(plan, project, locale_en):
    translate(plan, locale_en, "Glumsø and around")
    translate(project, locale_en, "The bird hide")
    person = follower("eve@example.dk", plan, language="en")
    Delivery.objects.create(follower=person, change=Change.objects.get())

    sending.send_news(person, "instant")

    (message,) = mail.outbox
    assert "News from the local development plans" in message.subject
    assert "== Glumsø and around ==" in message.body
    assert "The bird hide" in message.body and "Fugleskjulet" not in message.body
    assert "Dansk: http://localhost/da/glumsoe/" in message.body
    assert "/en/follow/manage/" in message.body


def test_each_milestone_done_is_named_in_the_followers_language(plan, project, locale_en):
    today = timezone.localdate()
    project.milestones = [milestone("Fonde søgt", today), milestone("Skjulet bygget", today)]
    project.save_revision().publish()
    project = ProjectPage.objects.get(pk=project.pk)  # as the admin has it: read from the database
    translate(plan, locale_en, "Glumsø and around")
    english = project.copy_for_translation(locale_en)
    english.title = "The bird hide"
    steps = list(english.milestones.all())
    for step, title in zip(steps, ["Funds sought", "Hide built"], strict=True):
        step.title = title
    english.milestones = steps
    english.save_revision().publish()
    danish = follower("ida@example.dk", project)
    english_reader = follower("eve@example.dk", project, language="en")
    steps = list(project.milestones.all())
    for step in steps:
        step.done_date = today
    project.milestones = steps
    project.save_revision().publish()

    assert send_instant() == 2

    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert "Fugleskjulet (Fonde søgt)" in by_address[danish.email]
    assert "Fugleskjulet (Skjulet bygget)" in by_address[danish.email]
    assert "The bird hide (Funds sought)" in by_address[english_reader.email]
    assert "The bird hide (Hide built)" in by_address[english_reader.email]


def test_a_change_whose_page_went_private_or_offline_is_not_sent(plan, project):
    person = follower("ida@example.dk", plan)
    Delivery.objects.create(follower=person, change=Change.objects.get())
    project.unpublish()

    assert sending.send_news(person, "instant") is False
    assert not mail.outbox


def test_the_weekly_digest_groups_by_area_and_kind_without_repeats(plan):
    person = follower("ida@example.dk", plan, frequency="weekly")
    project = publish_project(plan, title="Fugleskjulet")
    for status in ("planned", "in_progress", "completed"):
        project.status = status
        project.save_revision().publish()

    assert send_instant() == 0  # weekly followers get no instant mail
    assert sending.send_weekly_digests() == 1

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Denne uge" in message.subject
    assert message.body.count("Fugleskjulet") == 2  # once as new, once with its latest status
    assert "Status nu: Gennemført" in message.body and "Status nu: Planlagt" not in message.body
    assert sending.send_weekly_digests() == 0


def test_a_failing_mail_server_loses_nothing_and_the_next_run_sends(plan):
    follower("ida@example.dk", plan)
    publish_project(plan)

    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("down"),
    ):
        assert send_instant() == 0

    delivery = Delivery.objects.get()
    assert delivery.sent_at is None and delivery.attempts == 1
    failed = SendLogEntry.objects.get()
    assert (failed.status, failed.error, failed.area_title) == (
        "failed",
        "SMTPServerDisconnected",
        "Glumsø og Omegn",
    )
    assert "ida@" not in str(SendLogEntry.objects.values())

    assert send_instant() == 1
    assert len(mail.outbox) == 1
    assert SendLogEntry.objects.filter(status="sent").count() == 1


def test_a_retried_task_sends_nothing_twice(plan):
    follower("ida@example.dk", plan)
    publish_project(plan)
    send_instant()
    send_instant()
    assert len(mail.outbox) == 1


def test_queries_do_not_grow_with_the_number_of_changes(plan, django_assert_max_num_queries):
    person = follower("ida@example.dk", plan)
    for number in range(8):
        publish_project(plan, title=f"Projekt {number}")
    with django_assert_max_num_queries(20):
        sending.send_news(person, "instant")
    assert "Projekt 7" in mail.outbox[0].body
