"""PostgreSQL: the project search filters and counts from its own copy of what it lists
(search/listing.py), which follows every change at once: a project unpublished, made
private, moved, given other goals or translated is found (and counted) as it now is."""

from wagtail.models import PageViewRestriction

import pytest

from plan_pages.models import ProjectGoal
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from search import listing
from search.models import ProjectDocument

from .searching import found, publish, search

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def plans(site_root):
    return [
        publish(LocalAreaPlanPageFactory(parent=site_root, title=title, slug=slug))
        for title, slug in (("Glumsø", "glumsoe"), ("Fuglebjerg", "fuglebjerg"))
    ]


@pytest.fixture
def project(plans):
    return publish(ProjectPageFactory(parent=plans[0], title="Ny legeplads", goals=[3, 11]))


def facets(client, params):
    return search(client, params).context["outcome"].facets


def test_a_draft_is_not_found_until_published(client, plans):
    draft = ProjectPageFactory(parent=plans[0], title="Ny legeplads", live=False)
    assert found(client, "da", "legeplads") == set()

    publish(draft)
    assert found(client, "da", "legeplads") == {"Ny legeplads"}


def test_an_unpublished_project_is_neither_found_nor_counted(client, project):
    project.unpublish()

    assert found(client, "da", "legeplads") == set()
    assert facets(client, {"goal": "3"})["goal"].get(3, 0) == 0


def test_a_view_restriction_above_a_project_hides_it_and_lifting_it_shows_it(
    client, plans, project
):
    restriction = PageViewRestriction.objects.create(
        page=plans[0], restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    assert found(client, "da", "legeplads") == set()

    restriction.delete()
    assert found(client, "da", "legeplads") == {"Ny legeplads"}


def test_a_project_moved_under_a_private_plan_is_hidden(client, plans, project):
    PageViewRestriction.objects.create(page=plans[1], restriction_type=PageViewRestriction.LOGIN)
    project.move(plans[1], pos="last-child")

    assert found(client, "da", "legeplads") == set()


def test_new_goals_are_counted_once_published(client, project):
    project.goal_tags = [ProjectGoal(goal=13)]
    publish(project)

    counts = facets(client, {"q": "legeplads"})["goal"]
    assert (counts.get(3, 0), counts.get(13, 0)) == (0, 1)


def test_a_new_status_is_filtered_by_once_published(client, project):
    project.status = "completed"
    publish(project)

    outcome = search(client, {"status": "completed"}).context["outcome"]
    assert [found.title for found in outcome.page.object_list] == ["Ny legeplads"]
    assert outcome.facets["status"] == {"completed": 1}


def test_a_translation_is_found_in_its_own_language_only(client, locale_en, project):
    english = project.copy_for_translation(locale_en, copy_parents=True)
    english.title = "New playground"
    publish(english)

    assert found(client, "en", "playground") == {"New playground"}
    assert found(client, "da", "legeplads") == {"Ny legeplads"}


def test_refreshing_every_row_changes_nothing_that_was_kept_in_step(project, plans):
    publish(ProjectPageFactory(parent=plans[1], title="Fugleskjul", goals=[15]))
    columns = ("page_id", *listing.COLUMNS)
    rows = ProjectDocument.objects.order_by("page_id").values_list(*columns)
    kept = list(rows)

    listing.refresh()
    assert list(rows.all()) == kept
    assert [row[-1] for row in kept] == [[3, 11], [15]]
