"""What the benchmark scripts in this folder share: run them as modules, never as tests.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search
    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.survey_results
    .venv/bin/python -m benchmarks.load

`test_database()` sets Django up on a throwaway test database (as the test runner does),
`front_page()` and `plan_page()` build the page tree every script starts from, `time_requests()`
times requests through Django's test client with their SQL queries, and `print_result()` and
`Table` print the figures the same way in every script. Django and the models are imported
inside the functions, so that a script answers `--help` before Django is set up.
"""

import argparse
import contextlib
import statistics
import time
from dataclasses import dataclass

import django


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
def test_database():
    """Set Django up and create the test databases; yield the vendor, then drop them."""
    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        yield connection.vendor
    finally:
        teardown_databases(old_config, verbosity=0)


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


def time_requests(path, requests, params=None):
    """Time `requests` GETs of `path` through the test client, after one warm-up request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    status = client.get(path, params).status_code
    assert status == 200, f"{path} answered {status}"
    timings = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            status = client.get(path, params).status_code
            timings.append((time.perf_counter() - start) * 1000)
        assert status == 200, f"{path} answered {status}"
    timings.sort()
    return Timing(
        median_ms=statistics.median(timings),
        p95_ms=timings[int(0.95 * (len(timings) - 1))],
        queries=len(queries),
        requests=requests,
    )


def print_result(label, timing):
    """One line: what was measured, then median, p95 and SQL queries per request."""
    print(
        f"{label}: median {timing.median_ms:.1f} ms, p95 {timing.p95_ms:.1f} ms, "
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
