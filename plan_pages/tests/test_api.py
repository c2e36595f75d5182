"""The open-data API: plans, projects and goals, only what anyone may see, rate limited."""

from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    milestone,
    set_history,
)
from sdg.pages import ensure_goal_pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


@pytest.fixture
def site(site_root, locale_en):
    glumsoe = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe")
    tybjerg = LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg", slug="tybjerg")
    forest = ProjectPageFactory(parent=glumsoe, title="Folkeskoven", goals=[15, 13])
    forest.save_revision().publish()
    path = ProjectPageFactory(parent=glumsoe, title="Stien", goals=[11], status="completed")
    hall = ProjectPageFactory(parent=tybjerg, title="Forsamlingshuset", goals=[11])
    english = forest.copy_for_translation(locale_en, copy_parents=True)
    english.title = "The people's forest"
    english.save_revision().publish()
    return {"glumsoe": glumsoe, "tybjerg": tybjerg, "forest": forest, "path": path, "hall": hall}


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


def test_projects_filter_by_goal_area_status_and_locale(client, site):
    assert titles(client, "/api/v2/projects/?goal=11") == ["Forsamlingshuset", "Stien"]
    assert titles(client, "/api/v2/projects/?goal=15&locale=da") == ["Folkeskoven"]
    assert titles(client, "/api/v2/projects/?area=glumsoe&locale=da") == ["Folkeskoven", "Stien"]
    area_id = site["tybjerg"].pk
    assert titles(client, f"/api/v2/projects/?area={area_id}") == ["Forsamlingshuset"]
    assert titles(client, "/api/v2/projects/?status=completed") == ["Stien"]
    assert titles(client, "/api/v2/projects/?locale=en") == ["The people's forest"]


def test_a_project_lists_its_area_goals_and_language(client, site):
    items = client.get("/api/v2/projects/?locale=en").json()["items"]
    [forest] = items
    assert forest["goals"] == [13, 15]
    assert forest["status"] == "in_progress"
    assert forest["area"]["title"] == "Glumsø"
    assert forest["meta"]["locale"] == "en"


def test_bad_filters_are_refused(client, site):
    assert client.get("/api/v2/projects/?goal=18").status_code == 400
    assert client.get("/api/v2/projects/?status=secret").status_code == 400
    assert client.get("/api/v2/projects/?type=wagtailcore.Page").status_code == 400
    assert client.get("/api/v2/projects/?locale=fr").status_code == 404
    assert client.get("/api/v2/projects/?targets=11.1").status_code == 200


def test_drafts_and_private_projects_are_never_listed(client, site):
    ProjectPageFactory(parent=site["glumsoe"], title="Kladde", live=False)
    private = ProjectPageFactory(parent=site["tybjerg"], title="Hemmelig")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    changed = site["hall"]
    changed.title = "Ikke udgivet endnu"
    changed.save_revision()

    listed = titles(client, "/api/v2/projects/?locale=da")
    assert listed == ["Folkeskoven", "Forsamlingshuset", "Stien"]
    assert client.get(f"/api/v2/projects/{private.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_plans_and_goals(client, site, site_root):
    ensure_goal_pages(site_root)
    plans = client.get("/api/v2/plans/?locale=da").json()["items"]
    assert [plan["title"] for plan in plans] == ["Glumsø", "Tybjerg"]
    assert plans[0]["meta"]["slug"] == "glumsoe"
    goal = client.get("/api/v2/goals/?number=11").json()["items"]
    assert [(g["number"], g["short_title"]) for g in goal] == [(11, goal[0]["short_title"])]
    detail = client.get(f"/api/v2/goals/{goal[0]['id']}/").json()
    assert detail["targets"][0]["code"] == "11.1"


def test_requests_past_the_rate_are_refused(client, site, settings):
    settings.API_RATE = "3/min"
    statuses = [client.get("/api/v2/projects/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.slow  # builds 3, then 10 plans with their projects
@pytest.mark.parametrize("endpoint", ["projects", "plans", "goals"])
def test_queries_do_not_grow_with_the_number_of_items(client, site_root, endpoint):
    ensure_goal_pages(site_root)
    counts = []
    for projects in (3, 10):
        for plan in LocalAreaPlanPageFactory._meta.model.objects.all():
            plan.delete()
        for number in range(projects):
            plan = LocalAreaPlanPageFactory(parent=site_root)
            project = ProjectPageFactory(parent=plan, goals=[number % 17 + 1, 13])
            project.tags.add("natur")
            project.save()
        client.get(f"/api/v2/{endpoint}/?fields=*")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v2/{endpoint}/?fields=*")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_project_gives_its_milestones_progress_and_status_history(client, site_root):
    today = timezone.localdate()
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe")
    forest = ProjectPageFactory(parent=plan, title="Folkeskoven", status="in_progress")
    forest.milestones = [
        milestone("Træerne bestilt", date(2024, 3, 1), done=date(2024, 3, 10)),
        milestone("Plantedag", today - timedelta(days=5)),  # not done, its day has passed
        milestone("Indvielse", today + timedelta(days=60)),
    ]
    forest.save_revision().publish()
    set_history(forest, ("planned", date(2024, 1, 15)), ("in_progress", date(2024, 3, 1)))

    item = client.get(f"/api/v2/projects/{forest.pk}/").json()
    listed = client.get("/api/v2/projects/?fields=milestones,status_history").json()["items"]

    assert item["progress"] == {"percent": 33}
    assert item["milestones"] == [
        {"title": "Træerne bestilt", "planned_date": "2024-03-01", "done_date": "2024-03-10",
         "late": False},
        {"title": "Plantedag", "planned_date": (today - timedelta(days=5)).isoformat(),
         "done_date": None, "late": True},
        {"title": "Indvielse", "planned_date": (today + timedelta(days=60)).isoformat(),
         "done_date": None, "late": False},
    ]  # fmt: skip
    assert item["status_history"] == [
        {"status": "planned", "date": "2024-01-15"},
        {"status": "in_progress", "date": "2024-03-01"},
    ]
    assert listed[0]["milestones"] == item["milestones"]
    assert listed[0]["status_history"] == item["status_history"]


def test_milestones_and_history_keep_the_listings_queries_constant(client, site_root):
    counts = []
    for projects in (3, 30):
        for plan in LocalAreaPlanPageFactory._meta.model.objects.all():
            plan.delete()
        plan = LocalAreaPlanPageFactory(parent=site_root)
        for number in range(projects):
            project = ProjectPageFactory(parent=plan)
            project.milestones = [
                milestone("Start", date(2024, 1, 1), done=date(2024, 1, 2)),
                milestone("Slut", date(2030, 1, 1)),
            ]
            project.save_revision().publish()
            set_history(project, ("planned", date(2023, 1, number % 28 + 1)))
        url = "/api/v2/projects/?fields=milestones,status_history,progress&limit=20"
        client.get(url)  # the site and its locales, cached after the first request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(response.json()["items"]) == min(projects, 20)  # a page holds 20 at most
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
