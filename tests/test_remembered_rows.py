"""The site and its settings are read once per content change, not per page (core/sites.py):
every change a visitor could see of them bumps the content generation (cms/page_cache.py), so
the next page view shows it, with every cache of HTML off."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from core.content_cache import generation
from core.models import ContactDetails, ContactSettings
from core.templatetags import navigation_tags
from core.tests.database import make_locale_en
from core.tests.pages import published
from plan_pages.tests.factories import LocalAreaPlanPageFactory
from sdg.tests.factories import SDGGoalPageFactory, SDGIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_html_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def setting_id(model):
    return model._meta.label


@pytest.mark.parametrize("model", list(settings_registry), ids=setting_id)
def test_saving_or_deleting_any_registered_setting_bumps_the_generation(home_page, model):
    before = generation()
    instance = model.for_site(home_page.get_site())
    instance.save()
    saved = generation()
    instance.delete()
    assert before != saved != generation()


def test_saving_the_site_bumps_the_generation(home_page):
    before = generation()
    home_page.get_site().save()
    assert generation() != before


def test_a_second_page_view_reads_neither_the_site_nor_any_setting(client, no_html_cache, plan):
    tables = ["wagtailcore_site", *(model._meta.db_table for model in settings_registry)]
    client.get(plan.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(plan.url).status_code == 200
    read = [table for table in tables for query in queries if f'"{table}"' in query["sql"]]
    assert read == []


def test_changed_contact_details_show_at_once_in_both_languages(client, no_html_cache, plan):
    danish = ContactDetails.objects.create(
        locale=plan.locale, site_name="Næstved Kommune", unit="Plan og Udvikling"
    )
    english = danish.copy_for_translation(make_locale_en())
    english.unit = "Planning"
    english.save()
    contact_settings = ContactSettings.for_site(plan.get_site())
    contact_settings.contact = danish
    contact_settings.save()
    english_plan = plan.copy_for_translation(make_locale_en(), copy_parents=True)
    english_plan.save_revision().publish()
    english_plan.refresh_from_db()
    assert "Plan og Udvikling" in client.get(plan.url).content.decode()
    assert "Planning" in client.get(english_plan.url).content.decode()

    danish.unit = "Landdistrikterne"
    danish.save()
    english.unit = "Rural districts"
    english.save()

    assert "Landdistrikterne" in client.get(plan.url).content.decode()
    assert "Rural districts" in client.get(english_plan.url).content.decode()


def areas_to_filter_by(client):
    with translation.override("da"):
        response = client.get(reverse("search"))
    return [area.title for area in response.context["outcome"].areas]


def test_the_area_filter_follows_plans_published_renamed_made_private_and_unpublished(
    client, no_html_cache, plan
):
    """The areas a search filters by are remembered per content change (plan_pages.listing)."""
    other = LocalAreaPlanPageFactory(parent=plan.get_parent(), title="Fuglebjerg", live=False)
    assert areas_to_filter_by(client) == ["Glumsø"]

    other.save_revision().publish()
    assert areas_to_filter_by(client) == ["Fuglebjerg", "Glumsø"]

    other.title = "Fuglebjerg og Omegn"
    other.save_revision().publish()
    assert areas_to_filter_by(client) == ["Fuglebjerg og Omegn", "Glumsø"]

    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    assert areas_to_filter_by(client) == ["Glumsø"]

    restriction.delete()
    assert areas_to_filter_by(client) == ["Fuglebjerg og Omegn", "Glumsø"]

    other.refresh_from_db()  # live: published by its revision, not by this instance
    other.unpublish()
    assert areas_to_filter_by(client) == ["Glumsø"]


def goal_tag_of(client, page):
    """The text of the page's tag of goal 11, and where it links (None: no link)."""
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    tag = soup.select_one(".sdg-tag")
    link = tag.find("a")
    return " ".join(tag.get_text().split()), link["href"] if link else None


def test_goal_tags_read_their_goal_pages_once_per_change_and_follow_each_change(
    client, no_html_cache, home_page, project
):
    """The goal pages a goal tag links to are remembered through SDG_REMEMBER (cms wires sdg to
    core.content_cache): no query for them on a second view, every change seen at once."""
    index = published(SDGIndexPageFactory(parent=home_page))
    goal = published(SDGGoalPageFactory(parent=index, number=11, short_title="Byer"))
    assert goal_tag_of(client, project) == ("11 Byer", goal.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(project.url)
    assert [query for query in queries if '"sdg_sdggoalpage"' in query["sql"]] == []

    goal.short_title = "Bæredygtige byer"
    published(goal)
    assert goal_tag_of(client, project) == ("11 Bæredygtige byer", goal.url)

    goal.unpublish()
    assert goal_tag_of(client, project) == ("11 Bæredygtige byer og lokalsamfund", None)


def chrome_of(client, page):
    """The page's breadcrumbs and its alternate language versions, as a visitor's browser
    reads them."""
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    crumbs = [link.get_text(strip=True) for link in soup.select("nav.breadcrumbs a")]
    versions = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    return crumbs, versions


def test_the_chrome_is_read_once_per_change_and_follows_each_change(
    client, no_html_cache, monkeypatch, plan, project
):
    """A page's ancestors, translations, menus and privacy page are remembered per content
    change (core.templatetags.navigation_tags.remembered_chrome)."""
    reads = []
    read = navigation_tags.read_chrome_pages
    monkeypatch.setattr(
        navigation_tags, "read_chrome_pages", lambda *args: reads.append(args) or read(*args)
    )
    crumbs, versions = chrome_of(client, project)
    assert crumbs[-1] == "Glumsø" and "en" not in versions
    chrome_of(client, project)
    assert len(reads) == 1

    plan.title = "Glumsø og Omegn"
    published(plan)
    english = project.copy_for_translation(make_locale_en(), copy_parents=True)
    published(english)
    english.refresh_from_db()

    crumbs, versions = chrome_of(client, project)
    assert crumbs[-1] == "Glumsø og Omegn"
    assert versions["en"].endswith(english.url)


@pytest.mark.parametrize("view", ["page", "search"])
def test_the_language_versions_are_worked_out_once_per_request(
    client, no_html_cache, monkeypatch, plan, view
):
    """The head's hreflang links and the header's switcher read one answer."""
    english = plan.copy_for_translation(make_locale_en(), copy_parents=True)
    published(english)
    name = {"page": "page_versions", "search": "view_versions"}[view]
    calls = []
    work_out = getattr(navigation_tags, name)
    monkeypatch.setattr(navigation_tags, name, lambda *args: calls.append(1) or work_out(*args))
    with translation.override("da"):
        url = plan.url if view == "page" else reverse("search") + "?q=skov"

    soup = BeautifulSoup(client.get(url).content, "html.parser")

    assert len(calls) == 1
    assert soup.select_one('link[hreflang="en"]') is not None
    assert "English" in [link.get_text(strip=True) for link in soup.select("header a")]
