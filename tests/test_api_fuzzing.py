"""Whatever a client puts in the address, the open-data API answers 200 or a 4xx, never a 500.

Hypothesis tries every endpoint with every parameter it knows (its operations, its filters and
its field names), with values of any kind: text with control characters and other scripts'
digits, numbers past 64 bits, search syntax of the backends. Each failing address found so far
is also tried on every run (the `example`s)."""

from django.core.cache import cache

from wagtail.api.v2.views import PagesAPIViewSet

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from participation.api import MeetingsAPIViewSet
from participation.tests.factories import MeetingPageFactory
from plan_pages.api import PlansAPIViewSet, ProjectsAPIViewSet
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from sdg.api import GoalsAPIViewSet
from sdg.pages import ensure_goal_pages

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "plans": PlansAPIViewSet,
    "projects": ProjectsAPIViewSet,
    "goals": GoalsAPIViewSet,
    "meetings": MeetingsAPIViewSet,
    "pages": PagesAPIViewSet,
}


def field_names(viewset):
    names = set()
    for field in [*viewset.body_fields, *viewset.meta_fields]:
        names.add(field if isinstance(field, str) else field.name)
    return names


PARAMETERS = sorted(
    {
        name
        for viewset in ENDPOINTS.values()
        for name in (viewset.known_query_parameters | field_names(viewset))
    }
    | {"goal", "area", "status", "id", "html_path", "upcoming"}
)

NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["9223372036854775808", "1" * 26, "²", "٣", "1e3", "0x1", "-0", " 1"]),
)
SEARCH_SYNTAX = st.lists(
    st.sampled_from(["AND", "OR", "NOT", "(", ")", "*", '"', "^", ":", "-", "+", "NEAR", "a"]),
    max_size=8,
).map(" ".join)
# Each of these made a 500 somewhere before the checks in cms/api.py.
HOSTILE_VALUES = [
    "a\x00b",
    "²",
    "1" * 26,
    "9223372036854775808",
    'AND OR NOT ( ) * "',
    "-1",
    "0000-00-00",
    "0001-01-01 00:00",
    "9999-12-31T23:59:59-12:00",
]
VALUES = st.one_of(st.text(max_size=40), NUMBERS, SEARCH_SYNTAX, st.just("a\x00b"))


@pytest.fixture
def api(client, home_page, settings):
    settings.API_RATE = "1000000/min"
    cache.clear()
    ensure_goal_pages(home_page)
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø", slug="glumsoe")
    plan.save_revision().publish()
    project = ProjectPageFactory(parent=plan, title="Folkeskoven", goals=[15, 13])
    project.save_revision().publish()
    MeetingPageFactory(parent=plan, registration=True, capacity=10).save_revision().publish()
    return client


def assert_answers(client, endpoint, params):
    response = client.get(f"/api/v2/{endpoint}/", params, HTTP_ACCEPT="application/json")
    assert response.status_code < 500, (endpoint, params, response.content[:500])
    if response.status_code == 400:
        assert "message" in response.json()


@hypothesis_settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    endpoint=st.sampled_from(sorted(ENDPOINTS)),
    params=st.dictionaries(st.sampled_from(PARAMETERS), VALUES, min_size=1, max_size=3),
)
@example(endpoint="projects", params={"area": "²"})
@example(endpoint="projects", params={"area": "1" * 26})
@example(endpoint="projects", params={"search": "a\x00b"})
@example(endpoint="pages", params={"offset": "9223372036854775808"})
@example(endpoint="goals", params={"search": 'AND OR NOT ( ) * "'})
@example(endpoint="plans", params={"search": 'AND OR NOT ( ) * "'})
@example(endpoint="meetings", params={"upcoming": "maybe", "kind": "a\x00b"})
@example(endpoint="goals", params={"search": "0", "search_operator": "0"})
def test_no_query_makes_the_api_fail(api, endpoint, params):
    assert_answers(api, endpoint, params)


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_every_parameter_with_the_values_that_made_500s(api, endpoint):
    for parameter in PARAMETERS:
        for value in HOSTILE_VALUES:
            assert_answers(api, endpoint, {parameter: value})
