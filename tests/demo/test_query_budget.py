"""Every public page type of the demo, uncached, in at most 12 SQL queries (issue #22).

Every live page of each type is requested in both languages, so the budget holds for the type,
not for one page. That the counts do not grow with the number of projects is
tests/test_query_counts.py's.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from tests.page_types import page_type_id, page_types

pytestmark = pytest.mark.django_db

# For every type. A plan, the richest, takes them all: its route, body images, roll-up projects
# and their milestones, village goals, process steps, the year's activities, its child pages
# (meetings, surveys, annual reports: one query), ideas and the pages they link to, and the
# project listing's counts and cards.
BUDGET = 12
# A search with words: the projects (found, counted, their page and goals), the other pages
# (found, loaded) and the ideas; the chrome and the goal pages are remembered. No query per result.
SEARCH_BUDGET = 7


def uncached_queries(client, url):
    """The queries of a second request: the first fills what every later visitor shares."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("model", page_types(), ids=page_type_id)
def test_every_page_of_a_type_keeps_within_its_query_budget(demo_site, client, model):
    pages = Page.objects.type(model).live().public()
    assert pages.exists(), f"the demo has no live public {model.__name__}"
    counts = {page.url: uncached_queries(client, page.url) for page in pages}
    over = {url: count for url, count in counts.items() if count > BUDGET}
    assert not over, f"{model.__name__} over the budget of {BUDGET}: {over}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_search_keeps_within_its_query_budget(demo_site, client, language):
    url = {"da": "/da/soeg/?q=skov", "en": "/en/search/?q=forest"}[language]
    assert uncached_queries(client, url) <= SEARCH_BUDGET
