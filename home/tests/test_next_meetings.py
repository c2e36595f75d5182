"""The overview shows the next citizens' meetings across the areas, in its own language."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from participation.tests.factories import MeetingPageFactory
from plan_pages.tests.factories import LocalAreaPlanPageFactory

pytestmark = pytest.mark.django_db
DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def meeting_at(plan, title, starts, **fields):
    meeting = MeetingPageFactory(
        parent=plan, title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), **fields
    )
    meeting.save_revision().publish()
    return meeting


def test_the_overview_lists_the_next_public_meetings_of_every_area_soonest_first(client, home_page):
    glumsoe = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø og Omegn")
    tybjerg = LocalAreaPlanPageFactory(parent=home_page, title="Tybjerg")
    later = meeting_at(glumsoe, "Andet borgermøde", datetime(2031, 9, 4, 19, 0, tzinfo=DANISH_TIME))
    soon = meeting_at(
        tybjerg, "Åbent lokalrådsmøde", datetime(2031, 3, 4, 19, 0, tzinfo=DANISH_TIME)
    )
    meeting_at(glumsoe, "Sidste år", timezone.now() - timedelta(days=300))
    MeetingPageFactory(parent=glumsoe, title="Kladdemødet", live=False)
    private = meeting_at(glumsoe, "Lukket møde", timezone.now() + timedelta(days=3))
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = client.get("/da/").content.decode()
    section = html.split('id="next-meetings-heading"')[1].split("</section>")[0]

    assert ">Næste borgermøder</h2>" in html
    assert section.index("Åbent lokalrådsmøde") < section.index("Andet borgermøde")
    assert f'<a href="{soon.url}">Åbent lokalrådsmøde</a>' in section
    assert "(Tybjerg)" in section and f'href="{later.url}"' in section
    assert "Tirsdag 4. marts 2031, kl. 19:00–21:00" in section
    assert '<time datetime="2031-03-04T19:00:00+01:00">' in section
    for hidden in ("Sidste år", "Kladdemødet", "Lukket møde"):
        assert hidden not in html


def test_the_english_overview_lists_only_english_meetings(client, home_page, locale_en):
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø")
    meeting = meeting_at(plan, "Borgermøde", timezone.now() + timedelta(days=7))
    english_home = home_page.copy_for_translation(locale_en)
    english_home.save_revision().publish()
    assert "Next citizens" not in client.get("/en/").content.decode()

    english = meeting.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Citizens' meeting"
    english.save_revision().publish()
    html = client.get("/en/").content.decode()

    assert ">Next citizens' meetings</h2>" in html
    assert "Citizens&#x27; meeting</a>" in html and ">Borgermøde<" not in html


def test_the_next_meetings_take_a_constant_number_of_queries(client, home_page):
    plans = [LocalAreaPlanPageFactory(parent=home_page) for _ in range(3)]
    counts = []
    for number, more in ((3, 3), (30, 27)):
        for index in range(more):
            starts = timezone.now() + timedelta(days=index + 1)
            meeting_at(plans[index % 3], f"Møde {number}-{index}", starts)
        client.get("/da/")
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/da/").content.decode()
        assert html.count('class="meeting-area"') == min(number, 4)  # the next four
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_cancelled_meeting_stays_among_the_next_marked_cancelled(client, home_page):
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø og Omegn")
    meeting_at(plan, "Andet borgermøde", timezone.now() + timedelta(days=7), cancelled=True)

    html = client.get("/da/").content.decode()
    section = html.split('id="next-meetings-heading"')[1].split("</section>")[0]

    assert 'Andet borgermøde</a> <span class="meeting-area">(Glumsø og Omegn)</span>' in section
    assert "<strong>Aflyst</strong>" in section
