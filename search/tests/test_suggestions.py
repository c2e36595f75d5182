"""Suggestions while typing (search/suggestions.py): the JSON the header's combobox reads. Runs on
whichever database the run uses (CI runs both)."""

import json

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

import django_ratelimit.core
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tests.database import built_once, make_locale_en, make_site_root
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from search.suggestions import LIMIT, MAX_LENGTH

from .searching import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        root, locale_en = make_site_root(), make_locale_en()
        plan = publish(
            LocalAreaPlanPageFactory(
                parent=root, title="Glumsø og Omegn", villages="Glumsø, Bavelse, Næsby"
            )
        )
        publish(ProjectPageFactory(parent=plan, title="Fugleskjul ved Glumsø Sø"))
        publish(ProjectPageFactory(parent=plan, title='<img src=x onerror="alert(1)"> Fuglekasser'))
        for n in range(LIMIT + 3):
            publish(ProjectPageFactory(parent=plan, title=f"Bænk nummer {n}"))
        english = plan.copy_for_translation(locale_en, copy_parents=True)
        english.title = "Glumsø and surroundings"
        english.save_revision().publish()
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def suggest(client, words, language="da", **headers):
    with translation.override(language):
        url = reverse("search_suggestions")
    return client.get(url, {"q": words}, **headers)


def titles(response):
    return [item["title"] for item in response.json()["suggestions"]]


def test_a_village_suggests_its_areas_plan_named_with_the_village(client, site):
    response = suggest(client, "bavel")
    assert response.status_code == 200
    first = response.json()["suggestions"][0]
    assert (first["title"], first["place"], first["kind"]) == (
        "Glumsø og Omegn",
        "Bavelse",
        "Lokalområde",
    )
    assert first["url"].startswith("/da/")


def test_a_projects_title_is_suggested_from_its_first_letters(client, site):
    assert "Fugleskjul ved Glumsø Sø" in titles(suggest(client, "fugles"))


def test_suggestions_are_in_the_language_of_the_address(client, site):
    response = suggest(client, "glums", language="en")
    assert titles(response) == ["Glumsø and surroundings"]
    assert response.json()["suggestions"][0]["kind"] == "Local area"
    assert response.json()["status"] == "1 suggestion"
    assert suggest(client, "glums").json()["status"].endswith("forslag")


def test_at_most_a_few_suggestions_and_none_for_one_letter(client, site):
    assert len(titles(suggest(client, "bænk"))) == LIMIT
    assert titles(suggest(client, "b")) == []
    assert suggest(client, "zzzz").json()["status"] == "Ingen forslag"


def test_a_long_or_hostile_query_is_cut_and_answered_never_an_error(client, site):
    for words in ("x" * 10_000, "\x00\x1f", '"*:(', "fugle AND NOT", "ø" * (MAX_LENGTH + 1)):
        response = suggest(client, words)
        assert response.status_code == 200, words
        assert len(response.json()["query"]) <= MAX_LENGTH


def test_titles_come_back_as_text_with_markup_escaped(client, site):
    response = suggest(client, "fuglekasser")
    assert b"<img" not in response.content
    assert "\\u003Cimg" in response.content.decode()
    assert titles(response) == ['<img src=x onerror="alert(1)"> Fuglekasser']
    assert response["Content-Type"] == "application/json"


def test_answers_are_cached_and_take_a_fixed_number_of_queries(
    client, site, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        suggest(client, "bænk")
    with django_assert_max_num_queries(3):  # the same words again: from the cache
        suggest(client, "bænk")


@pytest.mark.slow  # 60 requests
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.one_of(st.text(max_size=300), st.sampled_from(['"', "*", "'", "\\", "%", "ø*"])))
def test_fuzzed_words_never_give_a_server_error(client, site, words):
    cache.clear()
    response = suggest(client, words)
    assert response.status_code == 200
    assert len(response.json()["suggestions"]) <= LIMIT


def test_a_client_asking_too_often_is_told_to_wait(client, site, settings, monkeypatch):
    # django-ratelimit counts in fixed windows: a clock that stands still keeps us in one.
    monkeypatch.setattr(
        django_ratelimit.core, "time", type("Clock", (), {"time": lambda: 1_800_000_000})
    )
    settings.SEARCH_SUGGESTION_RATE = "3/m"
    answers = [suggest(client, f"fugl{n}").status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = suggest(client, "fugle")
    assert refused["Retry-After"] == "60"
    assert json.loads(refused.content)["error"]


def test_only_get(client, site):
    with translation.override("da"):
        url = reverse("search_suggestions")
    assert client.post(url, {"q": "fugle"}).status_code == 405
