"""The projects found by a search on a map beside their numbered list, filtered alike."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

POINT = {"type": "Point", "coordinates": [11.7, 55.35]}


def search_url(language="da"):
    with translation.override(language):
        return reverse("search")


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def plan(site_root):
    return publish(LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe"))


def test_placed_projects_found_are_on_the_map_with_their_list(client, plan):
    bridge = publish(ProjectPageFactory(parent=plan, title="Badebro", site=POINT, goals=[14]))
    publish(ProjectPageFactory(parent=plan, title="Sti", site=POINT, goals=[11]))
    publish(ProjectPageFactory(parent=plan, title="Nyhedsbrev", goals=[14]))  # not placed
    html = client.get(search_url() + "?goal=14").content.decode()
    assert 'id="search-map-heading"' in html
    assert f'<a href="{bridge.url}" class="map-site-link" aria-label="1. Badebro">' in html
    assert 'aria-label="2. ' not in html  # Sti does not work on goal 14
    assert "1 projekt mere er ikke sat på kortet." in html
    # Nothing found on the map: no map at all.
    assert "search-map-heading" not in client.get(search_url() + "?goal=3").content.decode()


def test_the_search_map_makes_no_request_to_another_host(client, plan, settings):
    settings.MAP_TILE_URL = ""
    publish(ProjectPageFactory(parent=plan, title="Badebro", site=POINT))
    html = client.get(search_url("da")).content.decode()
    section = html.split('id="search-map-heading"')[1].split("</section>")[0]
    assert "http://" not in section and "https://" not in section.replace("http://www.w3.org", "")


def test_the_search_map_takes_the_same_queries_for_three_or_twelve_projects(client, plan):
    for number in range(3):
        publish(ProjectPageFactory(parent=plan, title=f"Projekt {number}", site=POINT))
    client.get(search_url())
    with CaptureQueriesContext(connection) as few:
        client.get(search_url())
    for number in range(3, 12):
        publish(ProjectPageFactory(parent=plan, title=f"Projekt {number}", site=POINT))
    client.get(search_url())  # the site and its settings, read again after a publish
    with CaptureQueriesContext(connection) as many:
        html = client.get(search_url()).content.decode()
    assert html.count('class="map-site-link"') == 12
    assert len(many) == len(few)
