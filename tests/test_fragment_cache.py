"""The fragment cache on the site's pages (`{% fragment %}`, core/templatetags/fragment_cache.py):
with the page cache off, a second anonymous visit renders the cached parts without their
queries, and every change a visitor could see shows at once. The tag's own rules:
core/tests/test_fragment_cache.py."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from core.models import ContactDetails, ContactSettings
from core.tests.database import make_locale_en
from participation.tests.factories import MeetingPageFactory
from plan_pages.tests.factories import (
    AnnualReportPageFactory,
    ProjectPageFactory,
)
from sdg.models import SDGGoalPage
from sdg.pages import ensure_goal_pages
from tests.test_cache_failure import CLOSED_REDIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings, home_page):
    ContactSettings.for_site(home_page.get_site())  # made on first read, as on a real site
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def fragment_entries():
    """The fragments in the test's cache (LocMemCache keeps its keys in `_cache`)."""
    return [key for key in cache._cache if "template.cache." in key]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def goal_page(home_page, number):
    ensure_goal_pages(home_page)
    return SDGGoalPage.objects.get(number=number, locale=home_page.locale)


def publish(page, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("page", ["plan", "project", "goal page"])
def test_the_second_visit_renders_from_fragments_with_fewer_queries(
    client, fragments, home_page, project, page
):
    pages = {
        "plan": project.get_parent,
        "project": lambda: project,
        "goal page": lambda: goal_page(home_page, number=11),
    }
    url = pages[page]().url
    first, first_html = queries_of(client, url)
    second, second_html = queries_of(client, url)

    assert second < first
    assert second_html == first_html


# What each page's view works out only when its body is rendered (core.content_cache.Deferred):
# tables that a body from the fragment cache must not be read for.
DEFERRED_TABLES = {
    "overview": ("plan_pages_projectpage", "plan_pages_projectgoal", "participation_meetingpage"),
    "plan": ("plan_pages_projectpage", "plan_pages_projectgoal", "plan_pages_milestone"),
    # Its goals and milestones are read for the <head> too, with the page.
    "project": ("plan_pages_statuschange", "plan_pages_projectupdatepage"),
    "annual report": ("plan_pages_projectpage", "plan_pages_statuschange"),
    "meeting": ("participation_idea", "participation_workinggroup"),
    # Its listing of projects, the areas' counts and the map come from plan_pages' hook.
    "goal page": ("plan_pages_projectpage", "plan_pages_projectgoal", "search_projectdocument"),
}


@pytest.mark.parametrize("page", DEFERRED_TABLES)
def test_a_body_from_the_fragment_cache_asks_none_of_its_own_queries(
    client, fragments, home_page, project, page
):
    plan = project.get_parent()
    pages = {
        "overview": lambda: home_page,
        "plan": lambda: plan,
        "project": lambda: project,
        "annual report": lambda: AnnualReportPageFactory(parent=plan, plan=plan.specific),
        "meeting": lambda: MeetingPageFactory(parent=plan, plan=plan.specific),
        "goal page": lambda: goal_page(home_page, number=11),  # the project's goal
    }
    url = pages[page]().url
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    tables = [f'"{table}"' for table in DEFERRED_TABLES[page]]
    assert not [query["sql"] for query in queries if any(t in query["sql"] for t in tables)]


def test_a_new_project_on_a_goal_shows_on_the_goal_page_at_once(
    client, fragments, home_page, project
):
    url = goal_page(home_page, number=11).url
    assert "Legepladsen" in client.get(url).content.decode()

    ProjectPageFactory(parent=project.get_parent(), title="Bålhytten").save_revision().publish()

    assert "Bålhytten" in client.get(url).content.decode()


def test_publishing_a_plan_shows_the_change_at_once(client, fragments, plan):
    client.get(plan.url)
    publish(plan, title="Glumsø og omegn")
    assert "Glumsø og omegn" in client.get(plan.url).content.decode()


def test_publishing_a_project_changes_its_plan_page_at_once(client, fragments, project):
    plan_url = project.get_parent().url
    assert "Legepladsen" in client.get(plan_url).content.decode()
    client.get(project.url)

    publish(project, title="Den nye legeplads")

    assert "Den nye legeplads" in client.get(plan_url).content.decode()
    assert "Den nye legeplads" in client.get(project.url).content.decode()


def test_changed_contact_details_show_at_once(client, fragments, plan):
    contact = ContactDetails.objects.create(
        locale=plan.locale,
        site_name="Næstved Kommune",
        unit="Plan og Udvikling",
        phone="55 88 55 88",
        email="lup@naestved.dk",
    )
    site_settings = ContactSettings.for_site(plan.get_site())
    site_settings.contact = contact
    site_settings.save()
    assert "Plan og Udvikling" in client.get(plan.url).content.decode()

    contact.unit = "Landdistrikterne"
    contact.save()

    assert "Landdistrikterne" in client.get(plan.url).content.decode()


def test_a_preview_shows_the_draft_and_leaves_no_fragment(admin_client, client, fragments, plan):
    client.get(plan.url)
    draft = plan.specific
    draft.title = "Kladde til Glumsø"
    draft.save_revision()  # not published: a new latest revision, as a preview has
    cache.clear()

    preview = admin_client.get(f"/admin/pages/{plan.pk}/view_draft/")
    assert "Kladde til Glumsø" in preview.content.decode()
    assert fragment_entries() == []
    assert "Kladde til Glumsø" not in client.get(plan.url).content.decode()


def test_a_signed_in_editor_neither_gets_nor_leaves_fragments(
    admin_client, client, fragments, plan
):
    client.get(plan.url)  # the anonymous visitor's fragments
    # A change that bypasses the signals: the anonymous visitor still sees the fragments...
    Page.objects.filter(pk=plan.pk).update(title="Ændret uden signal")
    assert "Ændret uden signal" not in client.get(plan.url).content.decode()
    # ...the editor renders afresh, and stores nothing for the visitors.
    cache.clear()
    editor_page = admin_client.get(plan.url).content.decode()
    assert "Ændret uden signal" in editor_page
    assert fragment_entries() == []


def test_danish_and_english_fragments_never_mix(client, fragments, plan):
    english = plan.copy_for_translation(make_locale_en(), copy_parents=True)
    english.title = "Glumsø and surroundings"
    english.slug = "glumsoe-and-surroundings"
    english.save_revision().publish()
    english.refresh_from_db()  # its address, by the new slug

    for _ in range(2):  # the second round from the fragments
        danish_html = client.get(plan.url).content.decode()
        english_html = client.get(english.url).content.decode()
        assert ">Kontakt<" in danish_html and ">Contact<" not in danish_html
        assert ">Contact<" in english_html and ">Kontakt<" not in english_html
        assert "Glumsø and surroundings</h1>" in english_html
        assert "Glumsø and surroundings</h1>" not in danish_html


def test_addresses_that_are_not_pages_add_no_fragments(client, fragments, plan):
    client.get(plan.url)
    before = len(fragment_entries())

    for number in range(20):
        assert client.get(f"/da/findes-ikke-{number}/").status_code == 404

    assert len(fragment_entries()) == before  # their footer is the plan's


def test_pages_render_when_redis_is_down(client, fragments, settings, project):
    settings.CACHES = CLOSED_REDIS
    for url in (project.url, project.get_parent().url, "/da/"):
        for _ in range(2):
            assert client.get(url).status_code == 200
