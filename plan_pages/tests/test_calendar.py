"""A plan's year (årshjul) as an iCalendar feed."""

from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from plan_pages.models import AnnualActivity
from plan_pages.tests.factories import LocalAreaPlanPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_root, locale_en):
    plan = LocalAreaPlanPageFactory(
        parent=site_root, title="Glumsø og Omegn", slug="glumsoe", year_adopted=2022
    )
    plan.activities = [
        AnnualActivity(title="Lokalrådsmøde", description="Åbent for alle.", months=[9, 3]),
        AnnualActivity(title="Sankthans", months=[6]),
    ]
    plan.save_revision().publish()
    english = plan.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Glumsø and around"  # its address becomes /en/glumsoe-and-around/
    for activity, title in zip(
        english.activities.all(), ["Council meeting", "Midsummer"], strict=True
    ):
        activity.title = title
        activity.save()
    english.save_revision().publish()
    return plan


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(cal):
    return {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}


def test_each_activity_is_a_yearly_all_day_event_in_its_months(client, plan):
    cal = calendar(client, "/da/glumsoe/aarshjul.ics")
    assert str(cal["VERSION"]) == "2.0"
    assert "Næstved Kommune" in str(cal["PRODID"])
    assert str(cal["X-WR-CALNAME"]) == "Glumsø og Omegn"
    meeting = events(cal)["Lokalrådsmøde"]
    assert meeting["SUMMARY"].params["LANGUAGE"] == "da"
    assert str(meeting["DESCRIPTION"]) == "Åbent for alle."
    assert str(meeting["URL"]) == "http://testserver/da/glumsoe/"
    assert meeting["DTSTAMP"] is not None
    start = meeting.decoded("DTSTART")
    assert start == date(2022, 3, 1)  # all day, from the year the plan was adopted
    rule = rrulestr(meeting["RRULE"].to_ical().decode(), dtstart=start)
    occurrences = [day.date() for day in rule.between(datetime(2024, 1, 1), datetime(2025, 12, 31))]
    assert occurrences == [date(2024, 3, 1), date(2024, 9, 1), date(2025, 3, 1), date(2025, 9, 1)]


def test_uids_are_stable_and_differ_by_language(client, plan):
    first = {str(e["UID"]) for e in calendar(client, "/da/glumsoe/aarshjul.ics").walk("VEVENT")}
    again = {str(e["UID"]) for e in calendar(client, "/da/glumsoe/aarshjul.ics").walk("VEVENT")}
    english = calendar(client, "/en/glumsoe-and-around/aarshjul.ics")
    assert first == again and len(first) == 2
    assert all(uid.endswith("@testserver") for uid in first)
    assert not first & {str(e["UID"]) for e in english.walk("VEVENT")}
    assert str(english["X-WR-CALNAME"]) == "Glumsø and around"
    assert sorted(events(english)) == ["Council meeting", "Midsummer"]


def test_the_plan_page_links_its_calendar(client, plan):
    html = client.get("/da/glumsoe/").content.decode()
    assert (
        '<a href="/da/glumsoe/aarshjul.ics" type="text/calendar">Abonnér på årshjulet</a>' in html
    )
