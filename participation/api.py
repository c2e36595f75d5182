"""Residents' meetings in the read-only open-data API (docs/api.md): `/api/v2/meetings/`.

What a meeting is, when and where, the venue's access and whether residents can still sign
up; never who has signed up (no registration's name, e-mail, number or needs leaves here,
only whether the room is full). Only live meetings that anyone may see are listed, like the
plans and projects (`plan_pages.api`). Times are Danish time with their UTC offset.
"""

from django.db.models import Sum
from django.utils import timezone

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError

from plan_pages.api import OneTypeAPIViewSet, WholePageField, area, in_area

from .meetings import DANISH_TIME
from .models import MeetingPage, Registration, RegistrationStatus

YES = {"true", "1", "yes"}
NO = {"false", "0", "no"}


def danish_time(moment):
    return moment.astimezone(DANISH_TIME).isoformat()


def place(meeting):
    return {"name": meeting.place_name, "address": meeting.address}


def accessibility(meeting):
    return {
        "step_free": meeting.step_free,
        "hearing_loop": meeting.hearing_loop,
        "parking": meeting.parking,
    }


def places_taken(meetings) -> dict:
    """{translation key: confirmed people} for `meetings`, in one query. Registrations are
    kept on the meeting in the default language, which shares its key with its translations."""
    keys = {meeting.translation_key for meeting in meetings if meeting.capacity is not None}
    if not keys:
        return {}
    rows = (
        Registration.objects.filter(
            meeting__translation_key__in=keys, status=RegistrationStatus.CONFIRMED
        )
        .values("meeting__translation_key")
        .annotate(people=Sum("people"))
        .order_by()
    )
    return {row["meeting__translation_key"]: row["people"] for row in rows}


def registration(meeting):
    """Whether residents sign up, whether they still can, and whether every place is taken
    (those who sign up then go on the waiting list)."""
    if not meeting.registration:
        return {"required": False, "open": False, "full": False, "closes_at": None}
    taken = getattr(meeting, "prefetched_places_taken", None)
    if taken is None:
        taken = places_taken([meeting]).get(meeting.translation_key, 0)
    return {
        "required": True,
        "open": meeting.registration_open,
        "full": meeting.capacity is not None and taken >= meeting.capacity,
        "closes_at": danish_time(meeting.registration_deadline),
    }


def yes_or_no(name, value) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    raise BadRequestError(f"{name} must be true or false")


class MeetingsAPIViewSet(OneTypeAPIViewSet):
    """Meetings, filtered by `?area=<plan slug or id>`, `?upcoming=true` and `?kind=first`."""

    name = "meetings"
    model = MeetingPage
    known_query_parameters = OneTypeAPIViewSet.known_query_parameters | {"area", "upcoming"}
    body_fields = OneTypeAPIViewSet.body_fields + [
        "kind",
        "cancelled",
        APIField("start", serializer=WholePageField(lambda m: danish_time(m.starts_at))),
        APIField("end", serializer=WholePageField(lambda m: danish_time(m.ends_at))),
        APIField("place", serializer=WholePageField(place)),
        APIField("accessibility", serializer=WholePageField(accessibility)),
        APIField("area", serializer=WholePageField(area)),
        APIField("organiser", serializer=WholePageField(lambda m: m.organiser_name())),
        APIField("registration", serializer=WholePageField(registration)),
    ]
    listing_default_fields = OneTypeAPIViewSet.listing_default_fields + [
        "kind",
        "cancelled",
        "start",
        "end",
        "place",
        "accessibility",
        "area",
        "registration",
    ]

    def prefetch(self, queryset):
        return queryset.select_related("plan")

    def filter_queryset(self, queryset):
        params = self.request.GET
        if "area" in params:
            queryset = in_area(queryset, params["area"])
        if "upcoming" in params:
            now = timezone.now()
            if yes_or_no("upcoming", params["upcoming"]):
                queryset = queryset.filter(ends_at__gt=now)
            else:
                queryset = queryset.filter(ends_at__lte=now)
        if "order" not in params:
            queryset = queryset.order_by("starts_at", "pk")
        return super().filter_queryset(queryset)

    def paginate_queryset(self, queryset):
        """The page of meetings, with the places taken of all of them read at once."""
        meetings = list(super().paginate_queryset(queryset))
        taken = places_taken(meetings)
        for meeting in meetings:
            meeting.prefetched_places_taken = taken.get(meeting.translation_key, 0)
        return meetings
