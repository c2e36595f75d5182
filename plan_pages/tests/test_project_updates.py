"""Updates from a project ("Nyt fra projektet"): written by the council under its own projects
only, moderated like any change, shown newest first; and the pages that show what happened,
in a number of queries that does not grow with the milestones, updates, projects or areas."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState

import pytest

from plan_pages.models import ProjectPage, ProjectUpdatePage
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    ProjectUpdatePageFactory,
    log_in_council_member,
    milestone,
    published_plans,
)
from sdg.pages import ensure_goal_pages

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def add_update_url(project):
    return reverse("wagtailadmin_pages:add", args=("plan_pages", "projectupdatepage", project.pk))


def update_form(**changes):
    return {
        "title": "Første plantedag",
        "slug": "foerste-plantedag",
        "date": "2026-11-10",
        "text": "120 frivillige plantede 3.000 træer.",
        "image": "",
        "image_alt_text": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **changes,
    }


@pytest.fixture
def plans(site_root):
    return published_plans(site_root)


@pytest.fixture
def project(plans):
    project = ProjectPageFactory(parent=plans["A"], title="Folkeskov")
    project.save_revision().publish()
    return project


def test_a_council_writes_an_update_and_submits_it_but_cannot_publish(
    client, plans, project, django_user_model
):
    log_in_council_member(client, plans["A"], django_user_model)

    response = client.post(add_update_url(project), {**update_form(), "action-submit": "1"})

    assert response.status_code == 302
    update = ProjectUpdatePage.objects.get()
    assert not update.live
    assert WorkflowState.objects.active().filter(object_id=str(update.pk)).exists()
    response = client.post(
        add_update_url(project), {**update_form(slug="nyt-2"), "action-publish": "1"}
    )
    assert not ProjectUpdatePage.objects.filter(slug="nyt-2", live=True).exists()


def test_another_areas_council_cannot_add_an_update(client, plans, project, django_user_model):
    log_in_council_member(client, plans["B"], django_user_model, username="tybjerg")

    assert client.get(add_update_url(project)).status_code in (302, 403)
    client.post(add_update_url(project), {**update_form(), "action-submit": "1"})

    assert not ProjectUpdatePage.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "9999-12-31"}, "Vælg en dato mellem år 2000 og 2100."),
        ({"date": "i morgen"}, "Indtast en gyldig dato."),
        ({"text": "ord " * 5000}, "højst have 2000 tegn"),
        ({"text": ""}, "Dette felt er påkrævet."),
    ],
)
def test_hostile_updates_get_a_danish_message(
    client, plans, project, django_user_model, changes, message
):
    log_in_council_member(client, plans["A"], django_user_model)

    # Submitted: Wagtail saves drafts unfinished, but checks everything before it goes on.
    response = client.post(
        add_update_url(project), {**update_form(**changes), "action-submit": "1"}
    )

    assert response.status_code == 200
    errors = " ".join(str(m) for errs in response.context["form"].errors.values() for m in errs)
    assert message in errors
    assert not ProjectUpdatePage.objects.exists()


def test_the_project_shows_its_newest_updates_and_a_page_lists_them_all(client, project):
    for days in range(5):
        update = ProjectUpdatePageFactory(
            parent=project, title=f"Nyt {days}", date=TODAY - timedelta(days=days)
        )
        update.save_revision().publish()
    draft = ProjectUpdatePageFactory(parent=project, title="Kladde om nyt", date=TODAY)
    draft.unpublish()

    page_html = client.get(project.url).content.decode()
    all_html = client.get(f"{project.url}updates/").content.decode()

    assert "Nyt fra projektet" in page_html
    assert "Nyt 0" in page_html and "Nyt 2" in page_html and "Nyt 3" not in page_html
    assert page_html.index("Nyt 0") < page_html.index("Nyt 1")
    assert f'href="{project.url}updates/"' in page_html
    assert all(f"Nyt {days}" in all_html for days in range(5))
    assert "Kladde om nyt" not in page_html + all_html


def test_an_update_page_links_back_to_its_project(client, project):
    update = ProjectUpdatePageFactory(parent=project, title="Bænkene er på plads")
    update.save_revision().publish()

    html = client.get(update.url).content.decode()

    assert "<h1>Bænkene er på plads</h1>" in html
    assert f'<a href="{project.url}">Folkeskov</a>' in html


# ---- Queries that do not grow ----


def project_with(plan, number, title):
    project = ProjectPageFactory(parent=plan, title=title, goals=[15])
    project.milestones = [
        milestone(
            f"Skridt {n}", date(2025, 1, 1) + timedelta(days=n), date(2025, 1, 2) if n % 2 else None
        )
        for n in range(number)
    ]
    project.save_revision().publish()
    for n in range(number):
        ProjectUpdatePageFactory(parent=project, title=f"Nyt {title} {n}").save_revision().publish()
    return project


def queries(client, url):
    """The number of queries of a second visit (the first fills the per-site caches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_project_page_queries_do_not_grow_with_milestones_and_updates(client, site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root)
    plan.save_revision().publish()
    one = project_with(plan, 1, "Lille")
    many = project_with(plan, 8, "Stor")

    assert queries(client, many.url) == queries(client, one.url)


def test_a_project_page_reads_its_goals_in_its_own_row_not_a_query_of_their_own(client, site_root):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = LocalAreaPlanPageFactory(parent=site_root)
    plan.save_revision().publish()
    project = ProjectPageFactory(parent=plan, title="Fugleskjul", goals=[15, 3])
    project.save_revision().publish()
    client.get(project.url)

    with CaptureQueriesContext(connection) as captured:
        html = client.get(project.url).content.decode()

    assert 'class="sdg-number">3<' in html and 'class="sdg-number">15<' in html
    # Read in the page's own query (as a subquery), never as rows of their own.
    assert not [q for q in captured if q["sql"].startswith('SELECT "plan_pages_projectgoal"')]


def test_the_plan_page_roll_up_queries_do_not_grow_with_projects(client, site_root):
    small = LocalAreaPlanPageFactory(parent=site_root, title="Lille område")
    small.save_revision().publish()
    project_with(small, 1, "Eneste")
    large = LocalAreaPlanPageFactory(parent=site_root, title="Stort område")
    large.save_revision().publish()
    for n in range(6):
        project_with(large, 3, f"Projekt {n}")

    assert queries(client, large.url) == queries(client, small.url)


def test_a_goal_page_counts_projects_per_area_in_queries_that_do_not_grow(client, site_root):
    index_page = ensure_goal_pages(site_root)
    goal_page = index_page.get_children().specific().get(sdggoalpage__number=15)
    first = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    first.save_revision().publish()
    done = ProjectPageFactory(parent=first, status="completed", goals=[15])
    done.save_revision().publish()
    baseline = queries(client, goal_page.url)

    for n in range(4):
        plan = LocalAreaPlanPageFactory(parent=site_root, title=f"Område {n}")
        plan.save_revision().publish()
        for status in ("in_progress", "completed"):
            ProjectPageFactory(parent=plan, status=status, goals=[15]).save_revision().publish()
    assert queries(client, goal_page.url) == baseline

    html = client.get(goal_page.url).content.decode()
    assert "Projekter om målet, fordelt på områder" in html
    assert f'<a href="{first.url}">Glumsø og Omegn</a></th><td>1</td><td>1</td>' in html
    assert ">Område 0</a></th><td>2</td><td>1</td>" in html
    assert not ProjectPage.objects.filter(status="idea").exists()
