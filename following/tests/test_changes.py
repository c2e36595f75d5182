"""Who is owed what when a page is published: each kind of change, once, and never for drafts,
private pages or translations."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from following.models import Change, Delivery
from following.tests.conftest import publish_project, translate
from following.tests.factories import follower
from participation.tests.factories import MeetingPageFactory, SurveyPageFactory
from plan_pages.tests.factories import (
    AnnualReportPageFactory,
    ProjectUpdatePageFactory,
    milestone,
)

pytestmark = pytest.mark.django_db


def owed(person):
    return sorted(d.change.key.split(":")[0] for d in Delivery.objects.filter(follower=person))


def test_a_new_project_is_owed_to_the_areas_and_the_goals_followers_only(plan, other_plan):
    of_area = follower("omraade@example.dk", plan)
    of_goal = follower("maal@example.dk", 15)
    of_other_area = follower("andet@example.dk", other_plan)
    of_other_goal = follower("andet-maal@example.dk", 3)
    of_everything = follower("alt@example.dk", "all")

    publish_project(plan, goals=[15])

    assert owed(of_area) == owed(of_goal) == owed(of_everything) == ["new-project"]
    assert owed(of_other_area) == owed(of_other_goal) == []


def test_a_status_change_is_owed_once_and_republishing_tells_nothing(plan, project):
    person = follower("ida@example.dk", project)

    project.status = "completed"
    project.save_revision().publish()
    project.save_revision().publish()  # the same status again: no change

    assert owed(person) == ["project-status"]
    assert Change.objects.get(kind="project_status").detail == "completed"


def test_following_an_area_and_its_project_gives_each_change_once(plan, project):
    person = follower("ida@example.dk", plan, project, 15, "all")

    project.status = "completed"
    project.save_revision().publish()

    assert Delivery.objects.filter(follower=person).count() == 1


def test_a_draft_tells_nothing(plan, project):
    person = follower("ida@example.dk", plan)
    project.status = "paused"
    project.save_revision()  # saved, not published

    assert owed(person) == []


def test_a_private_project_tells_nothing(plan, project):
    person = follower("ida@example.dk", plan)
    PageViewRestriction.objects.create(page=project, restriction_type="password", password="x")

    project.status = "completed"
    project.save_revision().publish()

    assert owed(person) == []
    assert not Change.objects.filter(kind="project_status").exists()


def test_a_project_under_a_private_plan_tells_nothing(site_root):
    from plan_pages.tests.factories import LocalAreaPlanPageFactory

    plan = LocalAreaPlanPageFactory(parent=site_root, title="Lukket område")
    plan.save_revision().publish()
    PageViewRestriction.objects.create(page=plan, restriction_type="password", password="x")
    person = follower("ida@example.dk", plan, "all")

    publish_project(plan)

    assert owed(person) == [] and not Change.objects.exists()


def test_publishing_the_translation_tells_nothing_more(plan, project, locale_en):
    person = follower("ida@example.dk", plan)
    english = translate(project, locale_en, "The bird hide")
    english.status = "completed"
    english.save_revision().publish()

    assert owed(person) == []
    assert not Change.objects.filter(kind="project_status").exists()


def test_surveys_opening_and_closing_and_a_new_annual_report_reach_the_area(plan):
    person = follower("ida@example.dk", plan)
    survey = SurveyPageFactory(parent=plan, title="Spørg")
    survey.save_revision().publish()
    AnnualReportPageFactory(parent=plan, year=2025).save_revision().publish()
    later = SurveyPageFactory(
        parent=plan,
        title="Senere",
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=2),
    )
    later.save_revision().publish()
    assert owed(person) == ["annual-report", "survey-opened"]

    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save_revision().publish()
    type(later).objects.filter(pk=later.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    call_command("send_following_mail")
    call_command("send_following_mail")  # twice: still once each

    assert owed(person) == ["annual-report", "survey-closed", "survey-opened", "survey-opened"]


def test_a_milestone_done_is_owed_once_to_the_projects_followers(plan, project):
    person = follower("ida@example.dk", project)
    today = timezone.localdate()
    project.milestones = [milestone("Fonde søgt", today), milestone("Skjulet bygget", today)]
    project.save_revision().publish()
    assert owed(person) == []  # planned, not done

    project.milestones.first().done_date = today
    project.save_revision().publish()
    project.save_revision().publish()  # nothing new done: nothing more

    assert owed(person) == ["milestone-done"]
    done = project.milestones.get(title="Fonde søgt")
    assert Change.objects.get(kind="milestone_done").detail == str(done.translation_key)


def test_a_project_update_is_owed_to_the_projects_and_the_areas_followers(plan, project):
    of_project = follower("ida@example.dk", project)
    of_area = follower("omraade@example.dk", plan)

    update = ProjectUpdatePageFactory(parent=project, date=timezone.localdate())
    update.save_revision().publish()
    update.save_revision().publish()  # a correction is not news again

    assert owed(of_project) == owed(of_area) == ["project-update"]


def test_a_meeting_announced_is_owed_to_the_areas_followers_only(plan, other_plan):
    of_area = follower("omraade@example.dk", plan)
    of_other_area = follower("andet@example.dk", other_plan)

    MeetingPageFactory(parent=plan).save_revision().publish()

    assert owed(of_area) == ["meeting"]
    assert owed(of_other_area) == []
