"""Benchmark of the project search: run as a script, not as a test.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m search.benchmark
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/naestved_lup_bench \\
        DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m search.benchmark

It builds a throwaway database (as the test runner does), fills it with PROJECTS projects in
AREAS areas, then times REQUESTS search requests (words + two goal filters + facet counts)
through Django's test client and prints the median, the 95th percentile and the SQL queries
per request.
"""

import argparse
import random
import statistics
import time

import django

WORDS = [
    *("landsby", "cykelsti", "legeplads", "fællesskab", "skov", "sø", "bibliotek"),
    *("forsamlingshus", "borgermøde", "arbejdsgruppe", "energi", "solceller", "natur"),
    *("sti", "bus", "trafik", "skole", "børn", "ældre", "kultur", "idræt", "blomster"),
    *("byskilt", "kirke", "hal", "frivillige", "velkomst", "kalender", "marked"),
]
STATUSES = ["idea", "planned", "in_progress", "completed", "paused"]


def build(projects, areas):
    from wagtail.models import Page, Site

    from home.models import HomePage
    from plan_pages.models import LocalAreaPlanPage, ProjectGoal, ProjectPage

    rng = random.Random(2026)
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Forside", slug="forside", intro="-", about_lup="-", about_blup="-")
    )
    Site.objects.update(root_page=home)
    plans = [
        home.add_child(
            instance=LocalAreaPlanPage(
                title=f"Område {n}",
                slug=f"omraade-{n}",
                summary="-",
                villages="-",
                council_name="Lokalrådet",
                vision="<p>-</p>",
            )
        )
        for n in range(areas)
    ]
    for n in range(projects):
        text = " ".join(rng.choice(WORDS) for _ in range(12))
        goals = rng.sample(range(1, 18), rng.randint(1, 3))
        rng.choice(plans).add_child(
            instance=ProjectPage(
                title=f"Projekt {n} {rng.choice(WORDS)}",
                summary=text,
                status=rng.choice(STATUSES),
                goal_tags=[ProjectGoal(goal=goal) for goal in goals],
                first_published_at=django.utils.timezone.now(),
            )
        )


def measure(requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from wagtail.models import Locale

    from plan_pages.listing import ProjectQuery, ProjectSearch

    client = Client()
    params = {"q": "landsby", "goal": ["7", "11"]}
    assert client.get("/da/soeg/", params).status_code == 200
    with translation.override("da"):
        query = ProjectQuery(text=params["q"], goals=(7, 11))
        total = ProjectSearch(query, Locale.get_default()).run().total
    timings = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            client.get("/da/soeg/", params)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "results": total,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--areas", type=int, default=50)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        build(args.projects, args.areas)
        built = time.perf_counter() - started
        figures = measure(args.requests)
        print(
            f"{connection.vendor}: {args.projects} projects in {args.areas} areas "
            f"(built in {built:.0f} s); {figures['results']} results for 'landsby' + goals 7, 11; "
            f"median {figures['median_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
            f"{figures['queries']} SQL queries per request ({args.requests} requests)"
        )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
