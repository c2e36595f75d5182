"""Demo meetings from demo/meetings.json.

Glumsø og Omegn has its two citizens' meetings of 2021 with minutes: the ideas of the plan were
collected at the first, three working groups were formed at the second. Vestlandet4700 has a
citizens' meeting ahead with registration open and a few registrations, and a future workshop
that is full, with a waiting list; Glumsø's open council meeting ahead is cancelled. Dates of
coming meetings are set from the day of the load.
"""

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from participation.models import MeetingPage, Registration
from participation.registrations import register

MEETINGS_FILE = Path(__file__).resolve().parent / "meetings.json"


def load_meetings() -> dict:
    return json.loads(MEETINGS_FILE.read_text(encoding="utf-8"))


def meeting_times(data: dict, now: datetime) -> tuple[datetime, datetime]:
    """Fixed times for a past meeting; a coming one a number of days after the load."""
    if "starts" in data:
        return datetime.fromisoformat(data["starts"]), datetime.fromisoformat(data["ends"])
    day = timezone.localdate(now) + timedelta(days=data["starts_in_days"])
    starts = timezone.make_aware(datetime.combine(day, time(data["hour"])))
    return starts, starts + timedelta(hours=data["hours"])


def build_meeting(data: dict, language: str, now: datetime) -> MeetingPage:
    starts, ends = meeting_times(data, now)
    return MeetingPage(
        title=data["title"][language],
        slug=data["slug"][language],
        kind=data["kind"],
        starts_at=starts,
        ends_at=ends,
        place_name=data["place_name"],
        address=data["address"],
        venue_point=data.get("venue_point"),
        step_free=data["step_free"],
        hearing_loop=data["hearing_loop"],
        parking=data["parking"],
        agenda=data["agenda"][language],
        registration="capacity" in data,
        capacity=data.get("capacity"),
        minutes=data.get("minutes", {}).get(language, ""),
        decisions=data.get("decisions", {}).get(language, ""),
        cancelled="cancelled" in data,
        cancellation_note=data.get("cancelled", {}).get(language, ""),
    )


def add_registrations(meeting: MeetingPage, data: dict):
    """The listed residents register in order, so the waiting list forms as it would."""
    if Registration.objects.filter(meeting=meeting).exists():
        return
    for name, email, people, needs in data.get("registrations", []):
        register(meeting, name=name, email=email, people=people, needs=needs, language="da")
