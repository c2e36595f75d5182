"""PostgreSQL: the project search reads a GIN-indexed tsvector per project, kept in step with
the project's index entry (search/models.py, search/postgresql.py)."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from search.models import ProjectDocument

from .searching import found, publish, search

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def plan(site_root):
    return publish(LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe"))


def test_publishing_a_project_stores_its_words_and_a_new_version_replaces_them(client, plan):
    project = publish(ProjectPageFactory(parent=plan, title="Ny legeplads", goals=[3]))
    assert ProjectDocument.objects.filter(page_id=project.pk).exists()
    assert found(client, "da", "legepladser") == {"Ny legeplads"}

    project.title = "Nyt fugleskjul"
    publish(project)
    assert ProjectDocument.objects.filter(page_id=project.pk).count() == 1
    assert found(client, "da", "legepladser") == set()
    assert found(client, "da", "fugleskjul") == {"Nyt fugleskjul"}


def test_deleting_a_project_deletes_its_words(plan):
    project = publish(ProjectPageFactory(parent=plan, title="Ny legeplads"))
    project.delete()
    assert not ProjectDocument.objects.filter(page_id=project.pk).exists()


def test_update_index_fills_the_words_again(client, plan):
    publish(ProjectPageFactory(parent=plan, title="Ny legeplads"))
    ProjectDocument.objects.all().delete()
    call_command("update_index", verbosity=0)
    assert found(client, "da", "legeplads") == {"Ny legeplads"}


def test_the_words_are_matched_in_the_database_not_as_a_list_of_ids(client, plan):
    for number in range(3):
        publish(ProjectPageFactory(parent=plan, title=f"Legeplads {number}", goals=[3]))
    with CaptureQueriesContext(connection) as captured:
        response = search(client, {"q": "legepladser", "goal": "3"})
    assert response.context["outcome"].total == 3
    sql = [query["sql"] for query in captured]
    assert any("search_projectdocument" in query and "@@" in query for query in sql)
