"""The test settings pin every backend: the environment of a developer or CI cannot change them."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.db import connection

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Everything base.py reads from the environment, set as a production server would set it.
PRODUCTION_LIKE_ENVIRONMENT = {
    "REDIS_URL": "redis://cache.internal:6379/0",
    "SEARCH_URL": "https://search.internal:9200",
    "SEARCH_BACKEND": "wagtail.search.backends.elasticsearch8",
    "PAGE_CACHE_SECONDS": "600",
    "FRAGMENT_CACHE_SECONDS": "600",
    "MEDIA_ROOT": "/srv/media",
    "SECRET_KEY": "from-the-environment",
    "ALLOWED_HOSTS": "lup.naestved.dk",
    "WAGTAILADMIN_BASE_URL": "https://lup.naestved.dk",
    "DEFAULT_FROM_EMAIL": "noreply@naestved.dk",
    "LOG_LEVEL": "DEBUG",
    "NUM_PROXIES": "2",
    "PARTICIPATION_RATE_LIMIT": "1/h",
    "PERSONAL_DATA_RETENTION_DAYS": "7",
    "API_RATE": "1/min",
}

# Imports the settings modules only (no django.setup(), no database) and reports what they say.
SCRIPT = textwrap.dedent(
    """
    import json
    from cms.settings import base, test

    names = [
        "CACHES", "WAGTAILSEARCH_BACKENDS", "EMAIL_BACKEND", "TASKS", "STORAGES",
        "PAGE_CACHE_SECONDS", "FRAGMENT_CACHE_SECONDS", "MEDIA_ROOT", "SECRET_KEY", "ALLOWED_HOSTS",
        "WAGTAILADMIN_BASE_URL", "DEFAULT_FROM_EMAIL", "LOGGING", "NUM_PROXIES",
        "REST_FRAMEWORK", "PARTICIPATION_RATE_LIMIT", "PERSONAL_DATA_RETENTION_DAYS", "API_RATE",
        "MIDDLEWARE",
    ]
    print(json.dumps({
        module.__name__.rsplit(".", 1)[1]: {name: getattr(module, name) for name in names}
        for module in (base, test)
    }, default=str))
    """
)


def settings_under(environment):
    """The settings as imported with `environment` and none of the other variables above."""
    inherited = {k: v for k, v in os.environ.items() if k not in PRODUCTION_LIKE_ENVIRONMENT}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=PROJECT_ROOT,
        env={**inherited, **environment},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_the_environment_cannot_change_the_tests_backends():
    found = settings_under(PRODUCTION_LIKE_ENVIRONMENT)
    base, test = found["base"], found["test"]

    # base.py does follow the environment, so the test settings have something to undo.
    assert base["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert base["WAGTAILSEARCH_BACKENDS"]["default"]["URLS"] == ["https://search.internal:9200"]

    locmem = "django.core.cache.backends.locmem.LocMemCache"
    assert test["CACHES"] == {"default": {"BACKEND": locmem}, "renditions": {"BACKEND": locmem}}
    assert test["WAGTAILSEARCH_BACKENDS"] == {"default": {"BACKEND": "search.backends"}}
    assert test["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"
    assert test["TASKS"] == {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    assert test["STORAGES"] == {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert "cms.static_files.StaticFilesMiddleware" not in test["MIDDLEWARE"]


def test_the_environment_cannot_change_the_tests_other_settings():
    test = settings_under(PRODUCTION_LIKE_ENVIRONMENT)["test"]

    assert test["PAGE_CACHE_SECONDS"] == 0
    assert test["FRAGMENT_CACHE_SECONDS"] == 0
    assert test["MEDIA_ROOT"] == str(PROJECT_ROOT / ".test-media")
    assert test["SECRET_KEY"] == "test-only-key"
    assert test["ALLOWED_HOSTS"] == ["testserver", "localhost", "127.0.0.1"]
    assert test["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8000"
    assert test["DEFAULT_FROM_EMAIL"] == "lup@naestved.example.dk"
    assert test["LOGGING"]["root"]["level"] == "WARNING"
    assert test["NUM_PROXIES"] == 0
    assert test["REST_FRAMEWORK"]["NUM_PROXIES"] is None
    assert test["PARTICIPATION_RATE_LIMIT"] == "30/h"
    assert test["PERSONAL_DATA_RETENTION_DAYS"] == 180
    assert test["API_RATE"] == "120/min"


def test_the_test_settings_are_the_same_with_and_without_the_environment():
    """Apart from the database (DATABASE_URL chooses PostgreSQL in CI, on purpose)."""
    assert settings_under({})["test"] == settings_under(PRODUCTION_LIKE_ENVIRONMENT)["test"]


@pytest.mark.postgresql
@pytest.mark.django_db
def test_postgresql_never_compiles_this_sites_queries_to_machine_code():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
