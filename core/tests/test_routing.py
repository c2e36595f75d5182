"""Page routing in three queries (core.routing), by Wagtail's rules."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, PageViewRestriction

import pytest

from core.routing import route_for_request

pytestmark = pytest.mark.django_db


def page_under(parent, slug, live=True):
    return parent.add_child(instance=Page(title=slug.title(), slug=slug, live=live))


def routed(path, language="da"):
    request = RequestFactory().get("/")
    with translation.override(language):
        result = route_for_request(request, path)
    return result.page if result else None


def test_a_page_deep_in_the_tree_is_routed_in_one_query(site_root):
    deepest = page_under(page_under(page_under(site_root, "a"), "b"), "c")
    routed("a/b/c/")  # fills what every later request shares (the page types, the site)
    with CaptureQueriesContext(connection) as queries:
        assert routed("a/b/c/") == deepest
    # The pages on the path: a plain Page is its own specific page (a page of a type of its own
    # takes one query more, with its relations and privacy).
    assert len(queries) == 1


def test_a_slug_not_on_the_path_or_a_page_not_live_is_not_found(site_root):
    parent = page_under(site_root, "a")
    page_under(site_root, "b")
    page_under(parent, "draft", live=False)
    assert routed("b/a/") is None
    assert routed("a/draft/") is None
    assert routed("a/missing/") is None


def test_a_page_under_a_page_not_live_is_found_as_in_wagtail(site_root):
    child = page_under(page_under(site_root, "hidden", live=False), "child")
    assert routed("hidden/child/") == child


def test_the_english_address_routes_from_the_english_front_page(site_root, locale_en):
    page = page_under(site_root, "side")
    front_en = site_root.copy_for_translation(locale_en)
    front_en.save_revision().publish()
    page_en = page.copy_for_translation(locale_en)
    page_en.slug = "page"
    page_en.save_revision().publish()
    assert routed("page/", "en").pk == page_en.pk
    assert routed("", "en").pk == front_en.pk
    assert routed("", "da").pk == site_root.pk


def test_a_page_in_a_private_section_keeps_its_restriction(site_root):
    section = page_under(site_root, "private")
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    page_under(section, "inside")
    assert list(routed("private/inside/").get_view_restrictions()) == [restriction]
