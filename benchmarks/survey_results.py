"""Benchmark of a survey's public results: run as a script, not as a test.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.survey_results
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/naestved_lup_bench \\
        DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.survey_results

It builds a throwaway database (as the test runner does) with one plan of IDEAS ideas and two
closed surveys with public results, one with FEW and one with MANY responses, then times
REQUESTS requests of each survey page through Django's test client, in the same run, and
prints the median, the 95th percentile and the SQL queries per request.
"""

import random
from datetime import timedelta

from benchmarks import harness


def build(ideas, counts):
    from django.utils import timezone

    from participation.models import Idea, IdeaAnswer, SurveyPage, SurveyResponse

    rng = random.Random(2026)
    plan = harness.plan_page(harness.front_page())
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


def main():
    parser = harness.arguments(__doc__, requests=50)
    parser.add_argument("--ideas", type=int, default=8)
    parser.add_argument("--few", type=int, default=100)
    parser.add_argument("--many", type=int, default=10_000)
    args = parser.parse_args()

    with harness.test_database() as vendor:
        for survey in build(args.ideas, [args.few, args.many]):
            harness.print_result(
                f"{vendor}: survey page with results, {survey.title} x {args.ideas} ideas",
                harness.time_requests(survey.url, args.requests),
            )


if __name__ == "__main__":
    main()
