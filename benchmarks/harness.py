"""What the benchmark scripts in this folder share: run them as modules, never as tests.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search
    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.survey_results
    .venv/bin/python -m benchmarks.load

`test_database()` sets Django up on a throwaway test database (as the test runner does),
`front_page()` and `plan_page()` build the page tree every script starts from, `time_requests()`
times requests through Django's test client with their SQL queries, and `print_result()` and
`Table` print the figures the same way in every script; `production_environment()`,
`manage()` and `build_demo_site()` set up the demo that gunicorn serves with the production
settings. Django and the models are imported inside the functions, so that a script answers
`--help` before Django is set up.
"""

import argparse
import contextlib
import os
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent


def production_environment(database_url, port, **overrides):
    """The environment of a throwaway site served by gunicorn with the production settings on
    a loopback port; `overrides` are added as further variables."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "TASKS_BACKEND": "immediate",
        "DEMO_PASSWORD": secrets.token_urlsafe(12),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        **overrides,
    }


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build_demo_site(env):
    """Tables, translations, static files and the demo content for `env`'s database."""
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "compilemessages", "--ignore=.venv/*")
    manage(env, "collectstatic", "--noinput")
    # Refused under the production settings: the dev settings, on the same database.
    manage({**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}, "load_demo_content")


def arguments(doc, requests=None):
    """An argument parser described by the script's docstring, with `--requests` if given."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    if requests is not None:
        parser.add_argument(
            "--requests", type=int, default=requests, help=f"requests timed (default {requests})"
        )
    return parser


@contextlib.contextmanager
def test_database(keep=False):
    """Set Django up and create the test databases; yield the vendor, then drop them. With
    `keep`, an existing test database is reused (migrated) and kept afterwards."""
    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    # Not serialized (as the test runner does for tests that roll back to it): that would read
    # every row of a kept database, tens of thousands of projects, before each run.
    old_config = setup_databases(
        verbosity=0, interactive=False, keepdb=keep, serialized_aliases=set()
    )
    try:
        yield connection.vendor
    finally:
        teardown_databases(old_config, verbosity=0, keepdb=keep)


def front_page():
    """A municipal overview as the root of the default Site."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Forside", slug="forside", intro="-", about_lup="-", about_blup="-")
    )
    Site.objects.update(root_page=home)
    return home


def plan_page(parent, title="Område", slug="omraade"):
    """A local area plan with only its required fields, under `parent`."""
    from plan_pages.models import LocalAreaPlanPage

    return parent.add_child(
        instance=LocalAreaPlanPage(
            title=title,
            slug=slug,
            summary="-",
            villages="-",
            council_name="Lokalrådet",
            vision="<p>-</p>",
        )
    )


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    queries: int  # SQL queries of one request (the last one)
    requests: int
    # The median CPU time of this process per request: Python's share, which other work on
    # a shared machine disturbs less than the wall time.
    python_cpu_ms: float = 0.0


def time_requests(path, requests, params=None):
    """Time `requests` GETs of `path` through the test client, after one warm-up request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    status = client.get(path, params).status_code
    assert status == 200, f"{path} answered {status}"
    timings, cpu = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            status = client.get(path, params).status_code
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert status == 200, f"{path} answered {status}"
    timings.sort()
    return Timing(
        median_ms=statistics.median(timings),
        p95_ms=timings[int(0.95 * (len(timings) - 1))],
        queries=len(queries),
        requests=requests,
        python_cpu_ms=statistics.median(cpu),
    )


def profile_requests(path, requests, params=None, top=25):
    """Where the time of `requests` GETs of `path` goes: the SQL's share of the wall time
    (Django's own query timings) and the functions with the most cumulative time."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path, params)
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        profiler.enable()
        for _ in range(requests):
            client.get(path, params)
        profiler.disable()
        wall_ms = (time.perf_counter() - start) * 1000 / requests
    sql_ms = sum(float(query["time"]) for query in queries) * 1000 / requests
    print(f"  per request: {wall_ms:.1f} ms, of which SQL {sql_ms:.1f} ms (under the profiler)")
    slowest = sorted(queries, key=lambda query: -float(query["time"]))[:5]
    for query in slowest:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def print_result(label, timing):
    """One line: what was measured, then median, p95 and SQL queries per request."""
    print(
        f"{label}: median {timing.median_ms:.1f} ms, p95 {timing.p95_ms:.1f} ms, "
        f"Python CPU median {timing.python_cpu_ms:.1f} ms, "
        f"{timing.queries} SQL queries per request ({timing.requests} requests)"
    )


class Table:
    """Fixed-width columns, each (title, width, format): text left, numbers right-aligned."""

    def __init__(self, *columns):
        self.columns = columns

    def print_header(self):
        print(
            " ".join(
                f"{title:>{width}}" if spec else f"{title:{width}}"
                for title, width, spec in self.columns
            )
        )

    def print_row(self, *values):
        print(
            " ".join(
                f"{value:{width}{spec}}"
                for value, (_, width, spec) in zip(values, self.columns, strict=True)
            )
        )
