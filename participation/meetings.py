"""Residents' meetings under a plan: the invitation (.ics), schema.org data and the plan's list.

The invitation is a calendar like the plan's (`plan_pages.calendar.new_calendar`); its times
carry the Europe/Copenhagen time zone with its VTIMEZONE, so a calendar shows 19:00 in winter
and in summer alike.
"""

import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from icalendar import Event, vCalAddress

from core.metadata import without_empty
from plan_pages.calendar import ics_response, new_calendar
from plan_pages.feeds import FeedItem

from .models import MeetingPage, Organiser

DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def meeting_event(meeting, request) -> Event:
    url = meeting.get_full_url(request)
    language = meeting.locale.language_code
    event = Event()
    # One UID for every language version: it is one meeting in the resident's calendar.
    event.add("uid", f"meeting-{meeting.translation_key}@{urlsplit(url).hostname}")
    event.add("dtstamp", meeting.last_published_at or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(DANISH_TIME))
    event.add("dtend", meeting.ends_at.astimezone(DANISH_TIME))
    event.add("summary", shown_title(meeting), parameters={"LANGUAGE": language})
    event.add("location", f"{meeting.place_name}, {meeting.address}")
    event.add("url", url)
    if meeting.cancelled:
        # A later version of the same event (UID), which calendars show as cancelled.
        event.add("status", "CANCELLED")
        event.add("sequence", 1)
    if meeting.plan_id and meeting.plan.council_email:  # the council's public address
        organiser = vCalAddress(f"MAILTO:{meeting.plan.council_email}")
        organiser.params["CN"] = meeting.organiser_name()
        event.add("organizer", organiser)
    return event


def shown_title(meeting) -> str:
    """The title, saying so when the meeting is cancelled (not every calendar or feed reader
    shows a cancelled status), in the active language."""
    if meeting.cancelled:
        return gettext("Cancelled: %(title)s") % {"title": meeting.title}
    return meeting.title


def meeting_calendar(meeting, request) -> bytes:
    """The meeting alone, to put in a calendar, or, once cancelled, to take out of it."""
    calendar = new_calendar()
    if meeting.cancelled:
        calendar["method"] = "CANCEL"
    calendar.add_component(meeting_event(meeting, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation_response(meeting, request) -> HttpResponse:
    return ics_response(
        meeting_calendar(meeting, request),
        f"{meeting.slug}.ics",
        meeting.locale.language_code,
        disposition="attachment",
    )


def meeting_structured_data(meeting, request) -> dict:
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": meeting.title,
            "url": meeting.get_full_url(request),
            "inLanguage": meeting.locale.language_code,
            "startDate": meeting.starts_at.astimezone(DANISH_TIME).isoformat(),
            "endDate": meeting.ends_at.astimezone(DANISH_TIME).isoformat(),
            "eventStatus": "https://schema.org/"
            + ("EventCancelled" if meeting.cancelled else "EventScheduled"),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "isAccessibleForFree": True,
            "location": {
                "@type": "Place",
                "name": meeting.place_name,
                "address": postal_address(meeting.address),
            },
            "organizer": without_empty(
                {
                    "@type": "Organization",
                    "name": meeting.organiser_name(),
                    "url": meeting.plan.council_website
                    if meeting.plan_id and meeting.organiser == Organiser.COUNCIL
                    else "",
                }
            ),
        }
    )


# "Storegade 1, 4171 Glumsø": the street, then a Danish postcode and the town.
DANISH_ADDRESS = re.compile(r"(?P<street>.+),\s*(?P<postcode>[0-9]{4})\s+(?P<town>[^,]+)")


def postal_address(address: str) -> dict:
    """schema.org's PostalAddress of an address written as one line."""
    found = DANISH_ADDRESS.fullmatch(address.strip())
    if found is None:
        return {"@type": "PostalAddress", "streetAddress": address, "addressCountry": "DK"}
    return {
        "@type": "PostalAddress",
        "streetAddress": found["street"].strip(),
        "postalCode": found["postcode"],
        "addressLocality": found["town"].strip(),
        "addressCountry": "DK",
    }


def published_meetings(plan):
    """Every live, public meeting of the plan, with what its event needs, the first first."""
    return (
        MeetingPage.objects.child_of(plan)
        .live()
        .public()
        .select_related("plan", "locale")
        .order_by("starts_at", "pk")
    )


def when_and_where(meeting) -> str:
    """ "Torsdag 12. juni 2031 19:00–21:00, Glumsø Forsamlingshus, Storegade 1, 4171 Glumsø"
    in the active language, Danish time."""
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return (
        f"{capfirst(date_format(start, 'l'))} {date_format(start)} "
        f"{time_format(start)}–{time_format(end)}, {meeting.place_name}, {meeting.address}"
    )


def meeting_feed_items(plan, request) -> list[FeedItem]:
    """The plan's meetings for its feed, each from the day it was announced (published)."""
    return [
        FeedItem(
            title=shown_title(meeting),
            link=meeting.get_full_url(request),
            description=when_and_where(meeting),
            published=meeting.first_published_at,
            updated=meeting.last_published_at,
            author=meeting.organiser_name(),
            categories=[str(meeting.get_kind_display())],
        )
        for meeting in published_meetings(plan)
    ]


NEXT_MEETINGS = 4


def next_meetings(locale, count=NEXT_MEETINGS) -> list:
    """The next live, public meetings of every area in `locale`, the soonest first (one
    that has begun and not ended counts), each with its area's title: one query."""
    meetings = MeetingPage.objects.live().public().filter(locale=locale, ends_at__gt=timezone.now())
    return list(MeetingPage.with_area_title(meetings).order_by("starts_at", "pk")[:count])


def plan_meetings(plan):
    """The plan's live, public meetings: those to come (the next first), and past ones that
    have something to read (minutes), the latest first. Read with the plan's other child
    pages, in the one query they share (`live_subpages_of`)."""
    now = timezone.now()
    meetings = sorted(plan.live_subpages_of(MeetingPage), key=lambda meeting: meeting.starts_at)
    coming = [meeting for meeting in meetings if meeting.ends_at > now]
    past = [meeting for meeting in reversed(meetings) if meeting.ends_at <= now and meeting.minutes]
    return coming, past


def meeting_links(meeting_ids, locale) -> dict:
    """{meeting id: the live, public meeting in `locale`} for the meetings rows point at (they
    point at the source language's). One query, however many rows."""
    return MeetingPage.objects.live().public().translations_of(meeting_ids, locale.pk)
