"""Links and absolute addresses follow the address the site is served on (issue #13, 1).

The demo's Site record is the address `make run` serves (WAGTAILADMIN_BASE_URL, 127.0.0.1:8000),
which e-mails sent outside a request name; pages served on another address (PORT=, localhost)
name that one.
"""

import re
from urllib.parse import urlparse
from xml.etree import ElementTree

from wagtail.models import Site

import pytest
from icalendar import Calendar

from following.sending import site_url
from plan_pages.models import LocalAreaPlanPage, ProjectPage

pytestmark = pytest.mark.django_db

SERVED = "127.0.0.1:8000"


def get(client, url, host=SERVED):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return response


def absolute_addresses(html):
    return re.findall(r'(?:href|content)="(https?://[^"]+)"', html)


@pytest.mark.parametrize("language", ["da", "en"])
def test_pages_name_only_the_address_they_are_served_on(demo_site, client, language):
    project = ProjectPage.objects.live().filter(locale__language_code=language).first()
    html = get(client, project.url).content.decode()

    addresses = absolute_addresses(html)
    assert addresses, "no canonical, hreflang or og:url found"
    own = [a for a in addresses if "127.0.0.1" in a or "localhost" in a]
    assert own and all(a.startswith(f"http://{SERVED}/") for a in own), own
    assert f'<link rel="canonical" href="http://{SERVED}{project.url}">' in html
    assert re.search(rf'"url": "http://{re.escape(SERVED)}/', html)  # JSON-LD


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_language_switcher_links_relative_to_the_current_site(demo_site, client, language):
    project = ProjectPage.objects.live().filter(locale__language_code=language).first()
    html = get(client, project.url).content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    links = re.findall(r'href="([^"]+)"', switcher)
    assert links and all(link.startswith("/") for link in links), links


def test_the_sitemap_and_robots_txt_name_the_served_address(demo_site, client):
    sitemap = get(client, "/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(f"http://{SERVED}/") for loc in locations)
    robots = get(client, "/robots.txt").content.decode()
    assert f"Sitemap: http://{SERVED}/sitemap.xml" in robots


def test_feeds_and_calendar_uids_name_the_served_address(demo_site, client):
    feed = ElementTree.fromstring(get(client, "/da/feeds/projects.rss").content)
    links = [element.text for element in feed.iter("link")]
    assert links and all(link.startswith(f"http://{SERVED}/") for link in links), links

    plan = LocalAreaPlanPage.objects.live().filter(locale__language_code="da").first()
    calendar = Calendar.from_ical(get(client, f"{plan.url}kalender.ics").content)
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        assert str(event["URL"]).startswith(f"http://{SERVED}/")
        assert str(event["UID"]).endswith("@127.0.0.1")


def test_the_demos_e_mails_link_to_the_address_make_run_serves(demo_site):
    assert site_url("/da/") == f"http://{SERVED}/da/"


def test_pages_served_on_another_address_name_that_address(demo_site, client):
    project = ProjectPage.objects.live().filter(locale__language_code="da").first()
    html = get(client, project.url, host="localhost:8080").content.decode()
    assert f'<link rel="canonical" href="http://localhost:8080{project.url}">' in html


def test_the_configured_host_keeps_the_site_records_address(demo_site, client):
    """In production the request comes in on the Site record's host (no port behind a proxy)."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    project = ProjectPage.objects.live().filter(locale__language_code="da").first()
    html = get(client, project.url, host="localhost").content.decode()
    assert f'<link rel="canonical" href="http://localhost{project.url}">' in html


@pytest.mark.parametrize("endpoint", ["plans", "projects", "goals", "pages"])
def test_the_api_names_pages_and_their_parents_on_the_served_address(demo_site, client, endpoint):
    listing = get(client, f"/api/v2/{endpoint}/?limit=3").json()["items"]
    detail = get(client, urlparse(listing[0]["meta"]["detail_url"]).path).json()

    html_urls = [item["meta"]["html_url"] for item in listing] + [detail["meta"]["html_url"]]
    if detail["meta"].get("parent"):
        html_urls.append(detail["meta"]["parent"]["meta"]["html_url"])
    assert all(url.startswith(f"http://{SERVED}/") for url in html_urls), html_urls
