import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory

pytestmark = pytest.mark.django_db


def test_the_main_navigation_leads_to_the_search_and_marks_it_current(client, site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, slug="glumsoe")
    on_a_plan = client.get(plan.url).content.decode()
    on_the_search = client.get("/da/soeg/").content.decode()

    assert '<a class="nav-link" href="/da/soeg/">Find projekter</a>' in on_a_plan
    assert (
        '<a class="nav-link" href="/da/soeg/" aria-current="page">Find projekter</a>'
        in on_the_search
    )


def test_the_search_page_describes_itself_to_search_engines_in_the_pages_language(
    client, site_root
):
    html = client.get("/da/soeg/").content.decode()

    assert '<meta name="description" content="Søg i lokalområder, projekter' in html, (
        "no Danish description"
    )


def test_search_engines_are_asked_not_to_keep_a_searchs_results(client, site_root):
    asked = client.get("/da/soeg/", {"q": "skov"}).content.decode()
    bare = client.get("/da/soeg/").content.decode()

    assert '<meta name="robots" content="noindex, follow">' in asked
    assert 'name="robots"' not in bare
