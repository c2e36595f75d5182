"""Demo ideas, surveys and answers from demo/participation.json.

Glumsø og Omegn has a closed survey with public results (its volunteers' data already deleted,
as the retention period has passed); Vestlandet4700 has an open one, with comments waiting for
moderation. Answers are generated from a fixed seed, so every load gives the same figures.
"""

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from participation.models import Idea, IdeaAnswer, SurveyPage, SurveyResponse

PARTICIPATION_FILE = Path(__file__).resolve().parent / "participation.json"
# Invented residents who offered to help.
FIRST_NAMES = ["Anne", "Bo", "Camilla", "Dennis", "Ellen", "Frede", "Gitte", "Henrik", "Ida"]
LAST_NAMES = ["Kjeldsen", "Bak", "Mølgaard", "Hvid", "Storm", "Lykke", "Krog", "Vinther"]
SKIP_RATE = 0.15


def load_participation() -> dict:
    return json.loads(PARTICIPATION_FILE.read_text(encoding="utf-8"))


def build_ideas(data: dict | None, language: str) -> list[Idea]:
    ideas = (data or {}).get("ideas", [])
    return [
        Idea(
            number=number,
            title=idea["title"][language],
            description=idea["description"][language],
        )
        for number, idea in enumerate(ideas, start=1)
    ]


def survey_dates(data: dict, now: datetime) -> tuple[datetime, datetime]:
    """Fixed dates for a past survey; dates around the load for an open one."""
    if "opens" in data:
        return datetime.fromisoformat(data["opens"]), datetime.fromisoformat(data["closes"])
    return now + timedelta(days=data["opens_in_days"]), now + timedelta(days=data["closes_in_days"])


def build_survey(data: dict, language: str, now: datetime) -> SurveyPage:
    opens_at, closes_at = survey_dates(data, now)
    return SurveyPage(
        title=data["title"][language],
        slug=data["slug"][language],
        intro=data["intro"][language],
        thank_you=data["thank_you"][language],
        opens_at=opens_at,
        closes_at=closes_at,
        results_public=data["results_public"],
    )


def add_responses(survey: SurveyPage, ideas: list[Idea], data: dict):
    """`data["responses"]` answers with priorities around each idea's mean, some helpers,
    and the listed comments; spread over the survey's open days."""
    rng = random.Random(data["seed"])
    now = timezone.now()
    last = min(survey.closes_at, now)
    span = (last - survey.opens_at).total_seconds()
    for _ in range(data["responses"]):
        response = SurveyResponse(
            survey=survey,
            language="en" if rng.random() < 0.1 else "da",
            submitted_at=survey.opens_at + timedelta(seconds=rng.uniform(0, span)),
        )
        answers = [
            IdeaAnswer(
                idea=idea,
                priority=min(5, max(1, round(rng.gauss(mean, 0.9)))),
                wants_to_help=rng.random() < help_rate,
            )
            for idea, mean, help_rate in zip(
                ideas, data["mean_priority"], data["help_rate"], strict=True
            )
            if rng.random() > SKIP_RATE
        ]
        if any(answer.wants_to_help for answer in answers):
            first, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if data["anonymised"]:
                response.anonymised_at = survey.closes_at + timedelta(days=180)
            else:
                response.name = f"{first} {last_name}"
                response.email = f"{first}.{last_name}@example.dk".lower().replace("ø", "oe")
                response.consent_at = response.submitted_at
        response.save()
        for answer in answers:
            answer.response = response
        IdeaAnswer.objects.bulk_create(answers)
    by_number = {idea.number: idea for idea in ideas}
    for comment in data["comments"]:
        answer = (
            IdeaAnswer.objects.filter(response__survey=survey, idea=by_number[comment["idea"]])
            .filter(comment="")
            .order_by("pk")
            .first()
        )
        answer.comment = comment["text"]
        answer.comment_status = comment["status"]
        answer.save(update_fields=["comment", "comment_status"])
