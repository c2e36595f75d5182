"""A meeting's venue as a point on the map (optional): placed in the admin like a project's
site, shown on the meeting's page over the plan's area, with its marker leading to the address."""

import json

from django.core.exceptions import ValidationError

import pytest

from participation.tests.factories import MeetingPageFactory
from plan_pages.tests.factories import LocalAreaPlanPageFactory

pytestmark = pytest.mark.django_db

AREA = {
    "type": "Polygon",
    "coordinates": [[[11.6, 55.3], [11.8, 55.3], [11.8, 55.4], [11.6, 55.4], [11.6, 55.3]]],
}
VENUE = {"type": "Point", "coordinates": [11.69, 55.35]}


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn", area=AREA)
    plan.save_revision().publish()
    return plan


def test_a_placed_venue_is_on_the_meeting_page_map_over_the_area(client, plan):
    meeting = MeetingPageFactory(parent=plan, venue_point=VENUE)
    meeting.save_revision().publish()
    html = client.get(meeting.url).content.decode()
    assert 'id="meeting-map-data"' in html
    assert (
        '<a href="#meeting-where" class="map-site-link" '
        'aria-label="1. Glumsø Forsamlingshus, Storegade 1, 4171 Glumsø">'
    ) in html
    assert '<dt id="meeting-where">' in html
    assert 'class="map-area map-colour-0"' in html  # the plan's area beneath, not a link
    assert 'class="map-area-link"' not in html


def test_a_meeting_without_a_venue_point_has_no_map(client, plan):
    meeting = MeetingPageFactory(parent=plan)
    meeting.save_revision().publish()
    assert "place-map" not in client.get(meeting.url).content.decode()


def test_the_venue_must_be_a_point_in_denmark(plan):
    meeting = MeetingPageFactory(parent=plan)
    meeting.venue_point = AREA
    with pytest.raises(ValidationError):
        meeting.full_clean()
    meeting.venue_point = {"type": "Point", "coordinates": [55.35, 11.69]}  # swapped
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_the_meeting_editor_places_the_venue_by_clicking(admin_client, plan):
    meeting = MeetingPageFactory(parent=plan)
    html = admin_client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    settings = html.split('data-map-widget="')[1].split('"')[0].replace("&quot;", '"')
    settings = json.loads(settings)
    assert settings["types"] == ["Point"] and settings["clickToPlace"]
    assert not settings["drawAreas"]
