"""Benchmark of the project search: run as a script, not as a test.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/naestved_lup_bench \\
        DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search

It builds a throwaway database (as the test runner does) with AREAS areas, and for each size
given to --projects (ascending, e.g. `--projects 10000 50000`: both in one run, the second
adding to the first) times REQUESTS requests of each search in SEARCHES (words + two goals +
an area, with facet counts; and the same without words) through Django's test client, and
prints the median, the 95th percentile and the SQL queries per request.
"""

import random
import time

from benchmarks import harness

WORDS = [
    *("landsby", "cykelsti", "legeplads", "fællesskab", "skov", "sø", "bibliotek"),
    *("forsamlingshus", "borgermøde", "arbejdsgruppe", "energi", "solceller", "natur"),
    *("sti", "bus", "trafik", "skole", "børn", "ældre", "kultur", "idræt", "blomster"),
    *("byskilt", "kirke", "hal", "frivillige", "velkomst", "kalender", "marked"),
]
STATUSES = ["idea", "planned", "in_progress", "completed", "paused"]
FILTERS = {"goal": ["7", "11"], "area": "omraade-3"}
SEARCHES = {
    "words + 2 goals + an area": {"q": "landsby", **FILTERS},
    "2 goals + an area, no words": FILTERS,
}


def build_areas(areas):
    home = harness.front_page()
    return [harness.plan_page(home, f"Område {n}", f"omraade-{n}") for n in range(areas)]


def build(plans, first, last):
    """Projects number `first` to `last - 1`, the same ones whatever the sizes asked for."""
    from django.utils import timezone

    from plan_pages.models import ProjectGoal, ProjectPage

    rng = random.Random(2026 + first)
    for n in range(first, last):
        text = " ".join(rng.choice(WORDS) for _ in range(12))
        goals = rng.sample(range(1, 18), rng.randint(1, 3))
        rng.choice(plans).add_child(
            instance=ProjectPage(
                title=f"Projekt {n} {rng.choice(WORDS)}",
                summary=text,
                status=rng.choice(STATUSES),
                goal_tags=[ProjectGoal(goal=goal) for goal in goals],
                first_published_at=timezone.now(),
            )
        )


def result_count(params):
    """How many projects a timed search finds, counted once outside the timing."""
    from django.http import QueryDict
    from django.utils import translation

    from wagtail.models import Locale

    from plan_pages.listing import ProjectSearch

    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    with translation.override("da"):
        return ProjectSearch.from_params(query, Locale.get_default()).run().total


def main():
    parser = harness.arguments(__doc__, requests=100)
    parser.add_argument("--projects", type=int, nargs="+", default=[10_000])
    parser.add_argument("--areas", type=int, default=50)
    args = parser.parse_args()

    with harness.test_database() as vendor:
        plans, built = build_areas(args.areas), 0
        for size in sorted(args.projects):
            started = time.perf_counter()
            build(plans, built, size)
            seconds, built = time.perf_counter() - started, size
            for label, params in SEARCHES.items():
                timing = harness.time_requests("/da/soeg/", args.requests, params)
                harness.print_result(
                    f"{vendor}: {size} projects in {args.areas} areas (built in {seconds:.0f} s); "
                    f"{label}: {result_count(params)} results",
                    timing,
                )


if __name__ == "__main__":
    main()
