"""A plan's ideas link the meeting each was collected at and the project each became, in the
plan's language, and only while that page is live, public and (for a project) the plan's own."""

from wagtail.models import PageViewRestriction

import pytest

from core.tests.pages import published
from participation.models import Idea
from participation.tests.factories import MeetingPageFactory, add_ideas
from participation.wagtail_hooks import ideas_with_projects
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_root):
    return published(LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn"))


@pytest.fixture
def meeting(plan):
    return published(MeetingPageFactory(parent=plan, plan=plan, title="Første borgermøde"))


@pytest.fixture
def project(plan):
    return published(ProjectPageFactory(parent=plan, title="Fugleskjul ved søen"))


@pytest.fixture
def ideas(plan, meeting, project):
    bird_hide, jetty, path = add_ideas(plan, "Fugleskjul", "Badebro", "Trampesti")
    bird_hide.meeting, bird_hide.project = meeting, project
    bird_hide.save()
    other_area = published(LocalAreaPlanPageFactory(parent=plan.get_parent(), title="Fuglebjerg"))
    jetty.project = published(ProjectPageFactory(parent=other_area, title="Badebro i Fuglebjerg"))
    jetty.save()
    return bird_hide, jetty, path


def links(plan):
    """{idea: (meeting title, project title)} as the plan's page shows them."""
    return {
        idea.title: (
            idea.meeting_page and idea.meeting_page.title,
            idea.became and idea.became.title,
        )
        for idea in ideas_with_projects(plan)
    }


def test_an_idea_links_its_meeting_and_project_and_never_another_areas_project(
    client, plan, ideas, meeting, project
):
    assert links(plan) == {
        "Fugleskjul": ("Første borgermøde", "Fugleskjul ved søen"),
        "Badebro": (None, None),
        "Trampesti": (None, None),
    }
    html = client.get(plan.url).content.decode()
    assert f'Indsamlet på <a href="{meeting.url}">Første borgermøde</a>' in html
    assert f'Blev til projektet <a href="{project.url}">Fugleskjul ved søen</a>' in html
    assert "Badebro i Fuglebjerg" not in html


def test_an_unpublished_meeting_and_a_private_project_are_not_linked(plan, ideas, meeting, project):
    meeting.unpublish()
    PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )

    assert links(plan)["Fugleskjul"] == (None, None)


def test_the_english_plan_links_the_english_meeting_and_project(
    client, plan, ideas, meeting, project, locale_en
):
    english_plan = published(plan.copy_for_translation(locale_en, copy_parents=True))
    for page, title in ((meeting, "First citizens' meeting"), (project, "Bird hide by the lake")):
        english = page.copy_for_translation(locale_en)
        english.title = title
        published(english)
    # The translated idea keeps the source idea's links, to the Danish pages.
    assert Idea.objects.get(page=english_plan, number=1).meeting_id == meeting.pk

    assert links(english_plan)["Fugleskjul"] == (
        "First citizens' meeting",
        "Bird hide by the lake",
    )
    html = client.get(english_plan.url).content.decode()
    assert "Første borgermøde" not in html
