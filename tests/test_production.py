"""Production settings, the page cache, health and backups."""

import os
import subprocess
import sys
from unittest import mock

from django.db import DatabaseError

import pytest

from plan_pages.models import ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.slow  # manage.py check in a subprocess
def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Q2" * 12,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "lup.naestved.dk",
        "CSRF_TRUSTED_ORIGINS": "https://lup.naestved.dk",
        "WAGTAILADMIN_BASE_URL": "https://lup.naestved.dk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.fixture
def project(home_page):
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø")
    plan.save_revision().publish()
    project = ProjectPageFactory(parent=plan, title="Legepladsen")
    project.save_revision().publish()
    return project


@pytest.fixture
def page_cache(settings, home_page):
    from django.core.cache import cache

    from core.models import ContactSettings

    ContactSettings.for_site(home_page.get_site())  # made on first read, as on a real site
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_anonymous_visitors_get_cached_pages_and_see_a_change_at_once(client, project, page_cache):
    assert client.get(project.url)["X-Page-Cache"] == "miss"
    cached = client.get(project.url)
    assert cached["X-Page-Cache"] == "hit"
    assert "public" in cached["Cache-Control"] and "Cookie" in cached["Vary"]

    project.title = "Legepladsen er åben"
    project.save_revision().publish()

    fresh = client.get(project.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Legepladsen er åben" in fresh.content.decode()


def test_a_signed_in_editor_never_gets_a_cached_page(client, admin_user, project, page_cache):
    client.get(project.url)  # cached for anonymous visitors
    client.force_login(admin_user)

    response = client.get(project.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "wagtail-userbar" in response.content.decode()

    client.logout()
    client.cookies.clear()
    anonymous = client.get(project.url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_unpublishing_and_moving_forget_cached_pages(client, project, page_cache, home_page):
    url = project.url
    client.get(url)
    project.unpublish()
    assert client.get(url).status_code == 404

    other_plan = LocalAreaPlanPageFactory(parent=home_page, title="Tybjerg")
    other_plan.save_revision().publish()
    project.save_revision().publish()
    client.get(url)
    project.move(other_plan, pos="last-child")
    moved = client.get(url)  # Wagtail leaves a redirect at the old address
    assert moved.status_code == 301
    assert moved["Location"] == ProjectPage.objects.get(pk=project.pk).url


def test_health_reports_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}

    with mock.patch("cms.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_not_found_pages_speak_the_visitors_language(client, home_page):
    danish = client.get("/da/findes-ikke/")
    english = client.get("/en/does-not-exist/")
    assert danish.status_code == english.status_code == 404
    assert "Siden blev ikke fundet" in danish.content.decode()
    assert "Page not found" in english.content.decode()


def test_the_api_is_never_served_from_the_page_cache(client, project, page_cache):
    """The API answers JSON or browsable HTML by the Accept header, which the cache key lacks."""
    html = client.get("/api/v2/projects/", HTTP_ACCEPT="text/html")
    as_json = client.get("/api/v2/projects/", HTTP_ACCEPT="application/json")
    assert "X-Page-Cache" not in html and "X-Page-Cache" not in as_json
    assert as_json["Content-Type"] == "application/json"
    assert as_json.json()["meta"]["total_count"] == 1
