"""An address answered once is routed in one query until the content changes (core.routing):
the page it led to is read by its own type, and every change that moves, renames, unpublishes,
deletes or restricts a page is followed at once, even should the change's bump be lost."""

from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from core.content_cache import GENERATION_KEY
from core.routing import known_routes, route_for_request
from core.tests.pages import published
from plan_pages.models import ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(site_root):
    return [
        published(LocalAreaPlanPageFactory(parent=site_root, title=title, slug=slug))
        for title, slug in (("Glumsø", "glumsoe"), ("Fuglebjerg", "fuglebjerg"))
    ]


@pytest.fixture
def project(plans):
    return published(ProjectPageFactory(parent=plans[0], title="Fugleskjul", slug="fugleskjul"))


def routed(path, remembered=True):
    """The page the address leads to (None: not found), and the queries it took."""
    if not remembered:
        known_routes.clear()
    request = RequestFactory().get("/")
    with translation.override("da"), CaptureQueriesContext(connection) as queries:
        result = route_for_request(request, path)
    return (result.page if result else None), len(queries)


def test_an_address_answered_once_is_routed_in_one_query_by_its_pages_type(project):
    assert routed("glumsoe/fugleskjul/")[0] == project  # and the site, remembered from now
    assert routed("glumsoe/fugleskjul/", remembered=False) == (project, 2)

    page, queries = routed("glumsoe/fugleskjul/")

    assert (page, queries) == (project, 1)
    assert isinstance(page, ProjectPage) and page.summary == project.summary


def test_a_moved_renamed_unpublished_or_deleted_page_is_followed_at_once(plans, project):
    routed("glumsoe/fugleskjul/")

    project.move(plans[1], pos="last-child")
    assert routed("glumsoe/fugleskjul/")[0] is None
    assert routed("fuglebjerg/fugleskjul/")[0] == project

    project.refresh_from_db()
    project.slug = "fugletaarn"
    published(project)
    assert routed("fuglebjerg/fugleskjul/")[0] is None
    assert routed("fuglebjerg/fugletaarn/")[0] == project

    project.unpublish()
    assert routed("fuglebjerg/fugletaarn/")[0] is None

    published(project)
    assert routed("fuglebjerg/fugletaarn/")[0] == project
    project.delete()
    assert routed("fuglebjerg/fugletaarn/")[0] is None


def test_a_move_whose_bump_was_lost_is_still_not_served_at_the_old_address(plans, project):
    routed("glumsoe/fugleskjul/")
    generation = cache.get(GENERATION_KEY)

    project.move(plans[1], pos="last-child")
    cache.set(GENERATION_KEY, generation, timeout=None)  # Redis missed the change

    assert routed("glumsoe/fugleskjul/")[0] is None


def test_a_page_made_private_after_its_address_was_answered_asks_for_the_password(
    client, settings, project
):
    settings.PAGE_CACHE_SECONDS = 0
    assert client.get(project.url).status_code == 200
    PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    cache.set(GENERATION_KEY, cache.get(GENERATION_KEY) - 1, timeout=None)  # even unbumped

    response = client.get(project.url)

    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert project.summary not in response.content.decode()
