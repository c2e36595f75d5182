"""A plan's year (årshjul) as an iCalendar feed that calendar apps can subscribe to.

Each activity becomes one all-day event that repeats every year in its months. An activity
is known only by its months, not its days, so each occurrence sits on the 1st of the month as
a reminder for that month (RRULE FREQ=YEARLY;BYMONTH=…;BYMONTHDAY=1, TRANSP:TRANSPARENT so
it never shows as busy). The series starts in the year the plan was adopted (else the year it
was first published, else this year), on the 1st of the activity's first month: a start that
does not move from one request or one year to the next, so subscribed calendars keep their
events. UIDs are built from the activity's translation key, the language and the host the site
is served on, which stay the same however often the calendar is fetched.

The plan's calendar (`/da/<plan>/kalender.ics`) holds the year's activities, the milestones of
the plan's projects (all-day, on the day a step was done, else the day it is planned for) and
what other apps add through the hook `plan_calendar_events(plan, request)` (participation adds
the plan's meetings, with times in Europe/Copenhagen). Every time zone an event uses is
described by a VTIMEZONE, so calendars place 19:00 right in winter and in summer alike.
The old address `aarshjul.ics` sends subscribers on to it.
"""

from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

from icalendar import Calendar, Event

from core.plugins import contributions

from .models import LocalAreaPlanPage, Milestone, ProjectPage

PRODID = "-//Næstved Kommune//Lokale udviklingsplaner//DA"


def first_year(plan) -> int:
    if plan.year_adopted:
        return plan.year_adopted
    if plan.first_published_at:
        return plan.first_published_at.year
    return timezone.localdate().year


def activity_event(activity, plan, language, host, url, year, stamp) -> Event:
    months = sorted(set(activity.months))
    start = date(year, months[0], 1)
    event = Event()
    event.add("uid", f"aarshjul-{activity.translation_key}-{language}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("rrule", {"freq": "yearly", "bymonth": months, "bymonthday": 1})
    event.add("summary", activity.title, parameters={"LANGUAGE": language})
    if activity.description:
        event.add("description", activity.description, parameters={"LANGUAGE": language})
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def milestone_event(milestone, project, language, host, url, stamp) -> Event:
    """A project's step as an all-day event: on the day it was done, else the day planned."""
    day = milestone.done_date or milestone.planned_date
    event = Event()
    event.add("uid", f"milestone-{milestone.translation_key}-{language}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"{project.title}: {milestone.title}", parameters={"LANGUAGE": language})
    if milestone.description:
        event.add("description", milestone.description, parameters={"LANGUAGE": language})
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def project_milestones(plan):
    """The live, public projects of the plan with their milestones, in two queries."""
    return (
        ProjectPage.objects.live()
        .public()
        .child_of(plan)
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("pk")))
        .order_by("path")
    )


def new_calendar() -> Calendar:
    """An empty calendar that says it is ours, for publishing events (other apps' too)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def plan_calendar(plan, request) -> bytes:
    """The plan's activities, milestones and others' events as an iCalendar file, in the
    plan's language."""
    language = plan.locale.language_code
    url = plan.get_full_url(request)
    host = urlsplit(url).hostname
    stamp = plan.last_published_at or datetime.now(tz=timezone.get_current_timezone())
    year = first_year(plan)

    calendar = new_calendar()
    calendar.add("x-wr-calname", plan.title, parameters={"LANGUAGE": language})
    calendar.add("x-wr-caldesc", plan.summary, parameters={"LANGUAGE": language})
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    for activity in plan.activities.all():
        if activity.months:
            calendar.add_component(activity_event(activity, plan, language, host, url, year, stamp))
    for project in project_milestones(plan):
        project_url = project.get_full_url(request)
        for milestone in project.milestones.all():
            calendar.add_component(
                milestone_event(milestone, project, language, host, project_url, stamp)
            )
    for event in contributions("plan_calendar_events", plan, request):
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_response(ical: bytes, filename: str, language: str, disposition="inline") -> HttpResponse:
    """An iCalendar file as a response, with its file name and its language."""
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Content-Language"] = language
    return response


def calendar_response(plan, request) -> HttpResponse:
    return ics_response(
        plan_calendar(plan, request), f"{plan.slug}-kalender.ics", plan.locale.language_code
    )


def served_plan(slug):
    """Plans sit right under the front page of their language, so the slug in the active
    language finds the plan (only a live one that anyone may see)."""
    plans = LocalAreaPlanPage.objects.live().public().filter(locale=Locale.get_active())
    return get_object_or_404(plans.select_related("locale"), slug=slug)


def plan_calendar_view(request, slug):
    """/da/<plan>/kalender.ics: the plan's calendar."""
    return calendar_response(served_plan(slug), request)


def annual_calendar(request, slug):
    """/da/<plan>/aarshjul.ics, the address of the year alone before the plan had one
    calendar: subscribers are sent on to it, and their calendar app follows."""
    plan = served_plan(slug)
    return HttpResponsePermanentRedirect(reverse("plan-calendar", kwargs={"slug": plan.slug}))
