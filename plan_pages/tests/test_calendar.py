"""A plan's calendar: its year (årshjul) and its projects' milestones as an iCalendar feed."""

from datetime import date, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from plan_pages.models import AnnualActivity
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory, milestone

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
    cal = calendar(client, "/da/glumsoe/kalender.ics")
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
    first = {str(e["UID"]) for e in calendar(client, "/da/glumsoe/kalender.ics").walk("VEVENT")}
    again = {str(e["UID"]) for e in calendar(client, "/da/glumsoe/kalender.ics").walk("VEVENT")}
    english = calendar(client, "/en/glumsoe-and-around/kalender.ics")
    assert first == again and len(first) == 2
    assert all(uid.endswith("@testserver") for uid in first)
    assert not first & {str(e["UID"]) for e in english.walk("VEVENT")}
    assert str(english["X-WR-CALNAME"]) == "Glumsø and around"
    assert sorted(events(english)) == ["Council meeting", "Midsummer"]


def test_the_plan_page_links_its_calendar(client, plan):
    html = client.get("/da/glumsoe/").content.decode()
    assert (
        '<a href="/da/glumsoe/kalender.ics" type="text/calendar">Abonnér på planens kalender</a>'
        in html
    )


def test_the_old_address_of_the_year_sends_subscribers_on_to_the_plans_calendar(client, plan):
    response = client.get("/da/glumsoe/aarshjul.ics")
    assert response.status_code == 301
    assert response["Location"] == "/da/glumsoe/kalender.ics"
    assert client.get("/da/nowhere/aarshjul.ics").status_code == 404


def test_milestones_of_live_projects_are_all_day_events_on_their_day(client, plan):
    forest = ProjectPageFactory(parent=plan, title="Folkeskoven")
    forest.milestones = [
        milestone("Træerne bestilt", date(2024, 3, 1), done=date(2024, 3, 10)),
        milestone("Plantedag", date(2031, 11, 20), description="Tag en skovl med."),
    ]
    forest.save_revision().publish()
    draft = ProjectPageFactory(parent=plan, title="Kladden", live=False)
    draft.milestones = [milestone("Hemmeligt skridt", date(2031, 1, 1))]
    draft.save()

    cal = calendar(client, "/da/glumsoe/kalender.ics")
    found = events(cal)

    done = found["Folkeskoven: Træerne bestilt"]
    assert done.decoded("DTSTART") == date(2024, 3, 10)  # the day it was done
    assert done.decoded("DTEND") == date(2024, 3, 11)
    ahead = found["Folkeskoven: Plantedag"]
    assert ahead.decoded("DTSTART") == date(2031, 11, 20)
    assert str(ahead["DESCRIPTION"]) == "Tag en skovl med."
    assert str(ahead["URL"]) == "http://testserver/da/glumsoe/folkeskoven/"
    assert not any("Hemmeligt" in title for title in found)
    assert Calendar.from_ical(cal.to_ical()) == cal  # it reads back as the same calendar


def test_the_calendars_queries_do_not_grow_with_its_projects(client, plan):
    counts = []
    for number, more in ((3, 3), (30, 27)):
        for index in range(more):
            project = ProjectPageFactory(parent=plan)
            project.milestones = [milestone("Start", date(2030, 1, 1 + index % 28))]
            project.save_revision().publish()
        client.get("/da/glumsoe/kalender.ics")
        with CaptureQueriesContext(connection) as queries:
            cal = calendar(client, "/da/glumsoe/kalender.ics")
        assert len(cal.walk("VEVENT")) == 2 + number
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
