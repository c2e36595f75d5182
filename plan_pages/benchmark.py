"""Benchmark of a survey's public results: run as a script, not as a test.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m plan_pages.benchmark
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/naestved_lup_bench \\
        DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m plan_pages.benchmark

It builds a throwaway database (as the test runner does) with one plan of IDEAS ideas and two
closed surveys with public results, one with FEW and one with MANY responses, then times
REQUESTS requests of each survey page through Django's test client, in the same run, and
prints the median, the 95th percentile and the SQL queries per request.
"""

import argparse
import random
import statistics
import time
from datetime import timedelta

import django


def build(ideas, counts):
    from django.utils import timezone

    from wagtail.models import Page, Site

    from home.models import HomePage
    from plan_pages.models import (
        Idea,
        IdeaAnswer,
        LocalAreaPlanPage,
        SurveyPage,
        SurveyResponse,
    )

    rng = random.Random(2026)
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Forside", slug="forside", intro="-", about_lup="-", about_blup="-")
    )
    Site.objects.update(root_page=home)
    plan = home.add_child(
        instance=LocalAreaPlanPage(
            title="Område",
            slug="omraade",
            summary="-",
            villages="-",
            council_name="Lokalrådet",
            vision="<p>-</p>",
        )
    )
    plan_ideas = [
        Idea.objects.create(page=plan, locale=plan.locale, number=n, title=f"Idé {n}", sort_order=n)
        for n in range(1, ideas + 1)
    ]
    now = timezone.now()
    surveys = []
    for count in counts:
        survey = plan.add_child(
            instance=SurveyPage(
                title=f"{count} svar",
                slug=f"svar-{count}",
                intro="-",
                results_public=True,
                opens_at=now - timedelta(days=60),
                closes_at=now - timedelta(days=1),
            )
        )
        responses = SurveyResponse.objects.bulk_create(
            SurveyResponse(survey=survey, language="da") for _ in range(count)
        )
        IdeaAnswer.objects.bulk_create(
            IdeaAnswer(
                response=response,
                idea=idea,
                priority=rng.randint(1, 5),
                wants_to_help=rng.random() < 0.1,
                comment="God idé" if rng.random() < 0.05 else "",
                comment_status="approved",
            )
            for response in responses
            for idea in plan_ideas
        )
        surveys.append(survey)
    return surveys


def measure(url, requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=8)
    parser.add_argument("--few", type=int, default=100)
    parser.add_argument("--many", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        surveys = build(args.ideas, [args.few, args.many])
        for survey in surveys:
            median, p95, queries = measure(survey.url, args.requests)
            print(
                f"{connection.vendor}: survey page with results, {survey.title} x "
                f"{args.ideas} ideas: median {median:.1f} ms, p95 {p95:.1f} ms, "
                f"{queries} SQL queries per request ({args.requests} requests)"
            )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
