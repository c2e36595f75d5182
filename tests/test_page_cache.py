"""The anonymous page cache (cms/page_cache.py): what is kept, under which key, and when it is
forgotten. The cache shared by processes and a cache that is down: tests/test_servers.py."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, home_page):
    from core.models import ContactSettings

    ContactSettings.for_site(home_page.get_site())  # made on first read, as on a real site
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def cached_entries():
    """Page responses in the test's cache (LocMemCache keeps its keys in `_cache`)."""
    return [key for key in cache._cache if ":page:" in key]


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "lokalraad"},
        {"restriction_type": PageViewRestriction.GROUPS},
    ],
)
def test_making_a_cached_page_private_hides_it_at_once(client, project, page_cache, restriction):
    assert client.get(project.url)["X-Page-Cache"] == "miss"
    assert client.get(project.url)["X-Page-Cache"] == "hit"

    PageViewRestriction.objects.create(page=project, **restriction)

    response = client.get(project.url)
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"
    assert "Legepladsen" not in response.content.decode().split("<main", 1)[-1]
    assert response.status_code in (200, 302)  # the password form, or to the log-in


def test_making_a_plan_private_hides_its_cached_projects(client, plan, project, page_cache):
    client.get(project.url)
    restriction = PageViewRestriction.objects.create(
        page=plan, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Lokalrådet")])

    assert client.get(project.url).status_code == 302


def test_listings_follow_a_change_of_privacy_at_once(client, plan, project, page_cache):
    """The plan's cached project list drops a project made private and shows it again when
    the restriction is removed (restricted pages themselves are never cached)."""
    assert "Legepladsen" in client.get(plan.url).content.decode()
    assert client.get(plan.url)["X-Page-Cache"] == "hit"

    restriction = PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.PASSWORD, password="lokalraad"
    )
    hidden = client.get(plan.url)
    assert hidden["X-Page-Cache"] == "miss"
    assert "Legepladsen" not in hidden.content.decode()
    assert client.get(plan.url)["X-Page-Cache"] == "hit"

    restriction.delete()

    shown = client.get(plan.url)
    assert shown["X-Page-Cache"] == "miss"
    assert "Legepladsen" in shown.content.decode()


def test_a_scheduled_expiry_forgets_the_cached_page(client, project, page_cache):
    """`publish_scheduled` unpublishes an expired page (and so sends page_unpublished)."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    client.get(project.url)
    type(project).objects.filter(pk=project.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("publish_scheduled", verbosity=0)

    assert client.get(project.url).status_code == 404


def test_made_up_query_parameters_add_no_cache_entries(client, project, page_cache):
    client.get(project.url)
    before = len(cached_entries())

    for number in range(200):
        response = client.get(project.url, {"x": number})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # answered fresh, never stored

    assert len(cached_entries()) == before


def test_search_and_listing_parameters_are_cached_each_on_their_own(client, plan, page_cache):
    url = plan.url
    assert client.get(url, {"status": "in_progress"})["X-Page-Cache"] == "miss"
    assert client.get(url, {"status": "in_progress"})["X-Page-Cache"] == "hit"
    assert client.get(url, {"status": "done"})["X-Page-Cache"] == "miss"
    # The same filters in another order are the same page.
    assert client.get(f"{url}?goal=11&status=done")["X-Page-Cache"] == "miss"
    assert client.get(f"{url}?status=done&goal=11")["X-Page-Cache"] == "hit"
    # A known parameter beside an unknown one: the page is built from both, so it is not kept.
    assert "X-Page-Cache" not in client.get(url, {"status": "done", "utm_source": "x"})
    search = client.get(reverse("search"), {"q": "legeplads", "page": "1"})
    assert search["X-Page-Cache"] == "miss"


def test_cache_keys_stay_short_whatever_the_address(client, plan, page_cache):
    client.get(plan.url, {"q": "skov " * 400})
    assert cached_entries()
    assert max(len(key) for key in cached_entries()) < 120
