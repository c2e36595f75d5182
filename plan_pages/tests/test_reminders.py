"""Reminders to the councils: an overdue next milestone or a long silence gives each member of
the area's council one e-mail, in their language, once (plan_pages.reminders)."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest

from plan_pages.models import CouncilReminder, ProjectPage
from plan_pages.reminders import due_reminders, queue_reminders, send_council_reminders
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    ProjectUpdatePageFactory,
    council_of,
    milestone,
    published_plans,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    plan.save_revision().publish()
    return plan


def member(plan, django_user_model, username, language=None):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.dk", "pw", first_name=username.title()
    )
    user.groups.add(council_of(plan).group)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def project(plan, milestones=(), **fields):
    page = ProjectPageFactory(parent=plan, status=fields.pop("status", "in_progress"), **fields)
    page.milestones = list(milestones)
    page.save_revision().publish()
    return ProjectPage.objects.get(pk=page.pk)


@pytest.fixture
def queue_runs_on_commit(django_capture_on_commit_callbacks):
    """The e-mails are queued when the reminders' transaction commits: run them then."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            queue_reminders()

    return run


def overdue(title="Plantedag"):
    return milestone(title, TODAY - timedelta(days=3))


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_an_overdue_milestone_reminds_each_member_once_in_their_language(
    plan, django_user_model, django_capture_on_commit_callbacks
):
    member(plan, django_user_model, "karen")  # no language chosen: Danish
    member(plan, django_user_model, "john", language="en")
    project(
        plan,
        [overdue("Plantedag"), milestone("Indvielse", TODAY + timedelta(days=40))],
        title="Skovrejsning",
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_councils", stdout=io.StringIO())

    [danish] = mails_to("karen@example.dk")
    [english] = mails_to("john@example.dk")
    assert danish.subject == "Et projekt i jeres lokalplan trænger til en opdatering"
    assert "Skovrejsning (Glumsø og Omegn)" in danish.body
    assert "Det næste delmål, “Plantedag”," in danish.body or "“Plantedag”" in danish.body
    assert "er ikke markeret som nået" in danish.body
    assert "/admin/pages/" in danish.body and "/edit/" in danish.body
    assert english.subject == "A project of your local plan needs an update"
    assert "is not marked as done" in english.body


def test_a_rerun_sends_nothing_and_a_new_overdue_milestone_sends_again(
    plan, django_user_model, queue_runs_on_commit
):
    member(plan, django_user_model, "karen")
    page = project(plan, [overdue("Plantedag"), milestone("Indvielse", TODAY + timedelta(days=40))])
    queue_runs_on_commit()
    assert len(mail.outbox) == 1

    queue_runs_on_commit()
    send_council_reminders.enqueue(django_user_model.objects.get(username="karen").pk)  # a retry
    assert len(mail.outbox) == 1

    # The first step is done; the next one is now overdue: a new reminder.
    draft = page.get_latest_revision_as_object()
    first, second = sorted(draft.milestones.all(), key=lambda m: m.planned_date)
    first.done_date = TODAY - timedelta(days=1)
    second.planned_date = TODAY - timedelta(days=1)
    draft.milestones = [first, second]
    draft.save_revision().publish()
    queue_runs_on_commit()
    assert len(mail.outbox) == 2
    assert "Indvielse" in mail.outbox[1].body


def test_no_reminders_for_completed_paused_or_unpublished_projects(
    plan, django_user_model, queue_runs_on_commit
):
    member(plan, django_user_model, "karen")
    project(plan, [overdue()], status="completed")
    project(plan, [overdue()], status="paused")
    draft = ProjectPageFactory(parent=plan, live=False, status="planned")
    draft.milestones = [overdue()]
    draft.save_revision()

    assert due_reminders() == []
    queue_runs_on_commit()
    assert mail.outbox == []


def test_a_project_without_news_for_long_reminds_once(
    plan, django_user_model, settings, queue_runs_on_commit
):
    settings.PROJECT_STALE_DAYS = 180
    member(plan, django_user_model, "karen")
    quiet = project(plan, title="Stille projekt")
    long_ago = timezone.now() - timedelta(days=200)
    ProjectPage.objects.filter(pk=quiet.pk).update(last_published_at=long_ago)
    lively = project(plan, title="Levende projekt")
    ProjectPage.objects.filter(pk=lively.pk).update(last_published_at=long_ago)
    update = ProjectUpdatePageFactory(parent=lively)
    update.save_revision().publish()  # news from last week counts as a change

    queue_runs_on_commit()
    queue_runs_on_commit()

    [message] = mail.outbox
    assert "Stille projekt" in message.body and "Levende projekt" not in message.body
    assert "Der er ikke offentliggjort noget om projektet siden" in message.body


def test_many_projects_of_a_member_come_in_one_email(plan, django_user_model, queue_runs_on_commit):
    member(plan, django_user_model, "karen")
    project(plan, [overdue()], title="Første")
    project(plan, [overdue()], title="Andet")

    queue_runs_on_commit()

    [message] = mail.outbox
    assert "Første" in message.body and "Andet" in message.body
    assert message.subject == "2 projekter i jeres lokalplan trænger til en opdatering"


def test_only_the_areas_own_council_is_reminded(site_root, django_user_model, queue_runs_on_commit):
    plans = published_plans(site_root)
    member(plans["A"], django_user_model, "karen")
    member(plans["B"], django_user_model, "bent")
    project(plans["A"], [overdue()])

    queue_runs_on_commit()

    assert [message.to for message in mail.outbox] == [["karen@example.dk"]]
    assert CouncilReminder.objects.get().user.username == "karen"


def count_selection_queries(plan, n):
    for number in range(n):
        project(plan, [overdue(f"Trin {number}"), milestone("Senere", TODAY + timedelta(days=9))])
    with CaptureQueriesContext(connection) as queries:
        due = due_reminders()
    assert len(due) == ProjectPage.objects.count()
    return len(queries)


def test_the_selection_takes_the_same_number_of_queries_for_3_or_30_projects(site_root):
    plans = published_plans(site_root)
    assert count_selection_queries(plans["A"], 3) == count_selection_queries(plans["B"], 27)
