"""sitemap.xml with hreflang alternates, and robots.txt pointing at it."""

from wagtail.models import PageViewRestriction

import pytest
from defusedxml import ElementTree

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def site(home_page, locale_en):
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø", slug="glumsoe")
    translated = ProjectPageFactory(parent=plan, title="Folkeskoven", slug="folkeskoven")
    english = translated.copy_for_translation(locale_en, copy_parents=True)
    english.slug = "peoples-forest"
    english.save_revision().publish()
    ProjectPageFactory(parent=plan, title="Stien", slug="stien")
    ProjectPageFactory(parent=plan, title="Kladde", slug="kladde", live=False)
    private = ProjectPageFactory(parent=plan, title="Lukket", slug="lukket")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return plan


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_translated_pages_point_at_each_other(client, site):
    urls = sitemap(client)
    danish = "http://testserver/da/glumsoe/folkeskoven/"
    english = "http://testserver/en/glumsoe/peoples-forest/"
    expected = {"da": danish, "en": english, "x-default": danish}
    assert urls[danish] == expected
    assert urls[english] == expected
    assert urls["http://testserver/da/"]["en"] == "http://testserver/en/"


def test_an_untranslated_page_has_no_alternates_and_drafts_and_private_pages_are_left_out(
    client, site
):
    urls = sitemap(client)
    assert urls["http://testserver/da/glumsoe/stien/"] == {}
    assert not [url for url in urls if "kladde" in url or "lukket" in url]


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
