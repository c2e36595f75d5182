"""Content-Security-Policy and Permissions-Policy on the site's pages, CORS on the open-data
API only, and the demo content refused under the production settings."""

import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.management import CommandError, call_command

import pytest

from home.models import HomePage
from participation.models import SurveyPage
from plan_pages.models import AnnualReportPage, LocalAreaPlanPage, ProjectPage
from sdg.models import SDGGoalPage
from tests.production import ROOT, SECRET_KEY

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class Inline(HTMLParser):
    """What a page would need 'unsafe-inline' (or another host) for."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: an inline event handler")
        # Data blocks (JSON-LD, Django's json_script) are never run, so CSP does not govern them.
        script_data = attrs.get("type") in ("application/ld+json", "application/json")
        if tag == "script" and not attrs.get("src") and not script_data:
            self.problems.append("<script> without src: inline script")
        if tag == "style":
            self.problems.append("<style>: an inline style sheet")
        for name in ("src", "href"):
            address = attrs.get(name) or ""
            loads = tag in ("script", "img", "source", "iframe") or (
                tag == "link" and attrs.get("rel") == "stylesheet"
            )
            if loads and urlsplit(address).netloc not in ("", "localhost", "testserver"):
                self.problems.append(f"<{tag} {name}={address}>: another host")


@pytest.fixture
def pages(demo_site, db):
    danish = {"locale__language_code": "da"}
    return [
        HomePage.objects.get(**danish),
        LocalAreaPlanPage.objects.filter(**danish, plan_kind="blup").first(),
        ProjectPage.objects.filter(**danish).first(),
        AnnualReportPage.objects.filter(**danish).first(),
        SDGGoalPage.objects.get(**danish, number=11),
        SurveyPage.objects.filter(**danish).first(),
    ]


def test_public_pages_need_nothing_their_policy_forbids(client, pages):
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        directives = policy(response)
        assert directives["script-src"][0] == "'self'"
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-inline'" not in directives["style-src"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'self'"]
        parser = Inline()
        parser.feed(response.content.decode())
        assert parser.problems == [], page.url


def test_json_ld_stays_data_on_a_project_page(client, pages):
    """JSON-LD is a data block: CSP blocks scripts that run, not <script type=…+json>."""
    html = client.get(pages[2].url).content.decode()
    assert '<script type="application/ld+json">' in html


def test_a_cached_page_carries_the_policies_too(client, pages, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.get(pages[1].url)
    cached = client.get(pages[1].url)
    assert cached["X-Page-Cache"] == "hit"
    assert "Content-Security-Policy" in cached and "Permissions-Policy" in cached


def test_the_admin_is_left_to_its_own_scripts_and_still_works(admin_client, pages):
    for url in ("/admin/", f"/admin/pages/{pages[2].pk}/edit/", "/admin/images/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" not in response
        assert "camera=()" in response["Permissions-Policy"]


def test_every_response_switches_off_unused_browser_features(client, pages):
    for url in ("/da/", "/api/v2/pages/", "/healthz", "/robots.txt"):
        header = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in header, url


def test_the_api_may_be_read_from_any_web_page_without_cookies(client, pages):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://data.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response

    preflight = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET"


def test_pages_and_the_admin_send_no_cors_headers(client, pages):
    for url in ("/da/", "/admin/login/", "/healthz"):
        response = client.get(url, HTTP_ORIGIN="https://data.example.org")
        assert "Access-Control-Allow-Origin" not in response, url


def test_the_demo_content_is_refused_where_it_is_not_allowed(settings, pages):
    settings.DEMO_CONTENT_ALLOWED = False
    before = HomePage.objects.count()
    with pytest.raises(CommandError, match="Refused under"):
        call_command("load_demo_content")
    assert HomePage.objects.count() == before


def test_the_demo_content_is_refused_under_the_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://lup.naestved.dk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_content"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Refused under cms.settings.production" in result.stderr
    assert "superuser" in result.stderr
