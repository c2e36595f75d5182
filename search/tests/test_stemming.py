"""On PostgreSQL each language is stemmed with its own configuration (search/backends.py)."""

from django.urls import reverse
from django.utils import translation

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

# Stemming is PostgreSQL's full-text search: not applicable on SQLite (see conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def projects(site_root, locale_en):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø")
    plan.save_revision().publish()
    danish = ProjectPageFactory(
        parent=plan,
        title="Sikre skoleveje",
        summary="Nye cykelstier mellem landsbyerne og skolen.",
    )
    danish.save_revision().publish()
    english = danish.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Safe routes to school"
    english.summary = "New cycle paths between the villages and the school."
    english.save_revision().publish()
    return danish, english


def found(client, language, words):
    with translation.override(language):
        url = reverse("search")
    response = client.get(url, {"q": words})
    return [project.title for project in response.context["outcome"].page.object_list]


@pytest.mark.parametrize("words", ["landsby", "landsbyer", "cykelsti", "cykelstier", "skole"])
def test_danish_word_forms_find_danish_pages(client, projects, words):
    assert found(client, "da", words) == ["Sikre skoleveje"]


@pytest.mark.parametrize("words", ["village", "villages", "path", "school"])
def test_english_word_forms_find_english_pages(client, projects, words):
    assert found(client, "en", words) == ["Safe routes to school"]


def test_a_language_does_not_find_the_other_languages_pages(client, projects):
    assert found(client, "en", "landsbyerne") == []
    assert found(client, "da", "villages") == []
