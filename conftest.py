"""Fixtures every app's tests may use: none names an app of ours (see core.tests).

Also the one rule for tests that cannot run everywhere:

- A test marked `postgresql` is skipped, with its reason, when the run is on SQLite: it is not
  applicable there (CI runs the suite on PostgreSQL too). On any other database, or on SQLite
  when DATABASE_URL names PostgreSQL, it fails.
- A test whose tool is missing here (the `tool` fixture: Chromium, Java, the npm packages) is
  skipped on a developer's machine, but under CI=true every skip other than the one above
  fails the test: CI must have every tool, and nothing may pass there by not running.
"""

import os
import shutil
from pathlib import Path

from wagtail.models import Locale, Page, Site

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent
NODE_MODULES = PROJECT_ROOT / "frontend" / "node_modules"

# What the tests may need from outside Python: where it is found, and how to install it.
TOOLS = {
    "chromium": (
        lambda: shutil.which("chromium") or "/usr/bin/chromium",
        "Debian's chromium (make browser)",
    ),
    "java": (lambda: shutil.which("java") or "java", "Java for the Nu Html Checker"),
    "axe-core": (
        lambda: NODE_MODULES / "axe-core" / "axe.min.js",
        "axe-core (npm ci --prefix frontend)",
    ),
    "vnu": (
        lambda: NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar",
        "the Nu Html Checker (npm ci --prefix frontend)",
    ),
}

NOT_APPLICABLE = pytest.StashKey[str]()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def database_url_names_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(
        ("postgres://", "postgresql://", "pgsql://", "postgis://")
    )


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgresql") is None:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    if connection.vendor == "sqlite" and not database_url_names_postgresql():
        reason = "needs PostgreSQL, and this run is on SQLite (set DATABASE_URL to run it)"
        item.stash[NOT_APPLICABLE] = reason
        pytest.skip(reason)
    pytest.fail(
        f"needs PostgreSQL, but the database is {connection.vendor} "
        f"(DATABASE_URL={os.environ.get('DATABASE_URL', '')!r})",
        pytrace=False,
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if (
        in_ci()
        and report.skipped
        and not hasattr(report, "wasxfail")
        and NOT_APPLICABLE not in item.stash
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true, where every test must run: {reason}"
    return report


@pytest.fixture(autouse=True)
def forget_remembered_rows():
    """Each test starts with nothing remembered from an earlier one's database, which was rolled
    back under this process's memo (core.content_cache.remembered) without a signal."""
    from core.content_cache import forget_remembered

    forget_remembered()


@pytest.fixture(autouse=True)
def keep_the_active_language():
    """Each test ends in the language it began in: the test client's request for an English
    page leaves English active in this thread (LocaleMiddleware activates, nothing resets), and
    a later test would create its pages' rows in English."""
    from django.utils import translation

    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture(scope="session")
def tool():
    """`tool(name)`: the path of one of TOOLS; the test is skipped where it is missing
    (and so fails under CI=true)."""

    def find(name):
        locate, description = TOOLS[name]
        path = str(locate())
        if not (shutil.which(path) or Path(path).exists()):
            pytest.skip(f"{description} is not installed")
        return path

    return find


@pytest.fixture
def site_root(db):
    """A plain page at the root of the default site, as a front page any app can build under."""
    root = Page.get_first_root_node().add_child(
        instance=Page(title="Forside", slug="forside", live=True)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": root}
    )
    return root


@pytest.fixture
def locale_en(db):
    return Locale.objects.get_or_create(language_code="en")[0]
