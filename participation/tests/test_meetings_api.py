"""Meetings in the open-data API: what, when (Danish time with its offset), where, access and
whether one can sign up; never who has signed up."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from participation.tests.factories import MeetingPageFactory, RegistrationFactory
from plan_pages.tests.factories import LocalAreaPlanPageFactory

pytestmark = pytest.mark.django_db
DANISH_TIME = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


@pytest.fixture
def plans(site_root):
    glumsoe = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe")
    tybjerg = LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg", slug="tybjerg")
    return glumsoe, tybjerg


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_a_meeting_says_when_where_and_whether_residents_can_sign_up(client, plans):
    glumsoe, _ = plans
    summer = datetime(2031, 6, 12, 19, 0, tzinfo=DANISH_TIME)
    meeting = MeetingPageFactory(
        parent=glumsoe,
        title="Andet borgermøde",
        kind="second",
        starts_at=summer,
        ends_at=summer + timedelta(hours=2),
        hearing_loop=True,
        registration=True,
        capacity=2,
    )
    meeting.save_revision().publish()
    RegistrationFactory(meeting=meeting, name="Ida Storm", email="ida@example.dk", people=2)

    [item] = items(client, "/api/v2/meetings/")
    detail = client.get(f"/api/v2/meetings/{meeting.pk}/")

    assert item["kind"] == "second"
    assert item["start"] == "2031-06-12T19:00:00+02:00"
    assert item["end"] == "2031-06-12T21:00:00+02:00"
    assert item["place"] == {"name": "Glumsø Forsamlingshus", "address": "Storegade 1, 4171 Glumsø"}
    assert item["accessibility"] == {"step_free": True, "hearing_loop": True, "parking": False}
    assert item["area"]["slug"] == "glumsoe"
    assert item["registration"] == {
        "required": True,
        "open": True,
        "full": True,
        "closes_at": "2031-06-12T19:00:00+02:00",
    }
    for text in (detail.content.decode(), str(item)):
        assert "Ida" not in text and "ida@example.dk" not in text and "people" not in text
    assert detail.json()["organiser"] == glumsoe.council_name


def test_winter_times_carry_the_winter_offset(client, plans):
    winter = datetime(2031, 1, 15, 19, 0, tzinfo=DANISH_TIME)
    MeetingPageFactory(
        parent=plans[0], starts_at=winter, ends_at=winter + timedelta(hours=2)
    ).save_revision().publish()
    [item] = items(client, "/api/v2/meetings/")
    assert item["start"] == "2031-01-15T19:00:00+01:00"
    assert item["registration"]["required"] is False


def test_meetings_filter_by_area_and_upcoming_and_refuse_bad_values(client, plans):
    glumsoe, tybjerg = plans
    past = timezone.now() - timedelta(days=30)
    MeetingPageFactory(parent=glumsoe, title="Første").save_revision().publish()
    MeetingPageFactory(
        parent=glumsoe, title="Sidste år", starts_at=past, ends_at=past + timedelta(hours=2)
    ).save_revision().publish()
    MeetingPageFactory(parent=tybjerg, title="Tybjerg-mødet").save_revision().publish()
    MeetingPageFactory(parent=tybjerg, title="Kladde", live=False)  # never published

    def titles(query):
        return sorted(item["title"] for item in items(client, f"/api/v2/meetings/?{query}"))

    assert titles("") == ["Første", "Sidste år", "Tybjerg-mødet"]
    assert titles("area=glumsoe") == ["Første", "Sidste år"]
    assert titles(f"area={tybjerg.pk}") == ["Tybjerg-mødet"]
    assert titles("upcoming=true&area=glumsoe") == ["Første"]
    assert titles("upcoming=false") == ["Sidste år"]
    assert titles("locale=da&kind=first") == ["Første", "Sidste år", "Tybjerg-mødet"]
    assert client.get("/api/v2/meetings/?upcoming=maybe").status_code == 400
    assert client.get("/api/v2/meetings/?upcoming=a%00b").status_code == 400
    assert client.get("/api/v2/meetings/?when=soon").status_code == 400


def test_the_meetings_listing_reads_a_constant_number_of_queries(client, plans):
    counts = []
    for number in (3, 20):
        for meeting in MeetingPageFactory._meta.model.objects.all():
            meeting.delete()
        for _ in range(number):
            meeting = MeetingPageFactory(parent=plans[0], registration=True, capacity=5)
            meeting.save_revision().publish()
            RegistrationFactory(meeting=meeting)
        client.get("/api/v2/meetings/?fields=*")  # the site and its locales, then cached
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v2/meetings/?fields=*&limit=20")
        assert len(response.json()["items"]) == number
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
