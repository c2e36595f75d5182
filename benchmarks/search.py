"""Benchmark of the project search: run as a script, not as a test.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/naestved_lup_bench \\
        DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search

It builds a throwaway database (as the test runner does), fills it with PROJECTS projects in
AREAS areas, then times REQUESTS search requests (words + two goal filters + facet counts)
through Django's test client and prints the median, the 95th percentile and the SQL queries
per request.
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
SEARCH = {"q": "landsby", "goal": ["7", "11"]}


def build(projects, areas):
    from django.utils import timezone

    from plan_pages.models import ProjectGoal, ProjectPage

    rng = random.Random(2026)
    home = harness.front_page()
    plans = [harness.plan_page(home, f"Område {n}", f"omraade-{n}") for n in range(areas)]
    for n in range(projects):
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


def result_count():
    """How many projects the timed search finds, counted once outside the timing."""
    from django.utils import translation

    from wagtail.models import Locale

    from plan_pages.listing import ProjectQuery, ProjectSearch

    goals = tuple(int(goal) for goal in SEARCH["goal"])
    with translation.override("da"):
        query = ProjectQuery(text=SEARCH["q"], goals=goals)
        return ProjectSearch(query, Locale.get_default()).run().total


def main():
    parser = harness.arguments(__doc__, requests=100)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--areas", type=int, default=50)
    args = parser.parse_args()

    with harness.test_database() as vendor:
        started = time.perf_counter()
        build(args.projects, args.areas)
        built = time.perf_counter() - started
        timing = harness.time_requests("/da/soeg/", args.requests, SEARCH)
        harness.print_result(
            f"{vendor}: {args.projects} projects in {args.areas} areas (built in {built:.0f} s); "
            f"{result_count()} results for '{SEARCH['q']}' + goals {', '.join(SEARCH['goal'])}",
            timing,
        )


if __name__ == "__main__":
    main()
