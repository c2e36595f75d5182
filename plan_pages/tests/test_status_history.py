"""A project's status history: recorded when published (never on a draft), backfilled from the
revisions of projects published before it was kept, shown with Danish or English months, and
the ground the annual report counts on."""

from datetime import date, datetime
from unittest import mock

from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from plan_pages.annual_report import annual_figures
from plan_pages.models import ProjectPage, StatusChange
from plan_pages.progress import backfill_history
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    at_noon,
    set_history,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    plan.save_revision().publish()
    return plan


def publish_on(page, day, **changes):
    """Publish `page` with `changes` as if on `day` (the clock Wagtail reads, moved)."""
    for name, value in changes.items():
        setattr(page, name, value)
    with mock.patch("django.utils.timezone.now", return_value=at_noon(day)):
        page.save_revision().publish()
    return page


def history(project):
    return [
        (change.status, timezone.localtime(change.changed_at).date())
        for change in StatusChange.objects.filter(translation_key=project.translation_key)
    ]


def test_a_change_is_recorded_when_published_not_when_saved_as_draft(plan):
    project = ProjectPageFactory(parent=plan, status="planned")
    publish_on(project, date(2024, 3, 1))

    project.status = "in_progress"
    project.save_revision()  # a draft, waiting for approval: nothing has changed yet
    assert history(project) == [("planned", date(2024, 3, 1))]

    publish_on(project, date(2025, 3, 10), status="in_progress")
    publish_on(project, date(2025, 6, 1), title="Nyt navn")  # no change of status
    publish_on(project, date(2026, 10, 5), status="completed")

    assert history(project) == [
        ("planned", date(2024, 3, 1)),
        ("in_progress", date(2025, 3, 10)),
        ("completed", date(2026, 10, 5)),
    ]


def test_a_translation_shares_the_history(plan, locale_en):
    project = publish_on(ProjectPageFactory(parent=plan, status="planned"), date(2024, 3, 1))
    english = project.copy_for_translation(locale_en, copy_parents=True)
    publish_on(english, date(2024, 4, 1))

    assert history(project) == [("planned", date(2024, 3, 1))]
    assert [step.status for step in english.status_history()] == ["planned"]


def test_the_history_is_backfilled_from_the_published_revisions(plan):
    project = ProjectPageFactory(parent=plan, status="idea")
    publish_on(project, date(2023, 5, 1), status="planned")
    project.status = "in_progress"
    project.save_revision()  # never published: not part of the history
    publish_on(project, date(2024, 2, 1), status="in_progress")
    publish_on(project, date(2025, 9, 1), status="completed")
    StatusChange.objects.all().delete()  # as before the history was kept

    recorded = backfill_history(StatusChange, ProjectPage, PageLogEntry)

    assert recorded == 3
    assert history(project) == [
        ("planned", date(2023, 5, 1)),
        ("in_progress", date(2024, 2, 1)),
        ("completed", date(2025, 9, 1)),
    ]
    assert backfill_history(StatusChange, ProjectPage, PageLogEntry) == 0  # idempotent


def test_the_page_shows_the_history_with_danish_and_english_months(client, plan, locale_en):
    project = ProjectPageFactory(parent=plan, status="planned")
    publish_on(project, date(2024, 11, 1))
    publish_on(project, date(2025, 3, 14), status="in_progress")
    publish_on(project, date(2026, 10, 2), status="completed")
    english = project.copy_for_translation(locale_en, copy_parents=True)
    publish_on(english, date(2026, 10, 3))

    danish_html = client.get(project.url).content.decode()
    english_html = client.get(english.url).content.decode()

    assert (
        '<li>Planlagt</li><li><span aria-hidden="true">→ </span>I gang '
        '(<time datetime="2025-03">marts 2025</time>)</li>'
        '<li><span aria-hidden="true">→ </span>Gennemført '
        '(<time datetime="2026-10">oktober 2026</time>)</li>'
    ) in danish_html
    assert 'In progress (<time datetime="2025-03">March 2025</time>)' in english_html
    assert 'Completed (<time datetime="2026-10">October 2026</time>)' in english_html


def test_the_annual_report_counts_from_the_history_not_the_status_of_today(plan):
    """Completed last year and reopened this year: it stays in last year's figures."""
    project = ProjectPageFactory(parent=plan, title="Legeplads", status="planned")
    set_history(project, ("planned", date(2023, 1, 10)), ("in_progress", date(2024, 3, 1)))
    publish_on(project, date(2025, 6, 30), status="completed")
    publish_on(project, date(2026, 2, 1), status="in_progress", summary="Udvides med gynger.")

    last_year = annual_figures(plan, 2025)
    this_year = annual_figures(plan, 2026)
    before = annual_figures(plan, 2024)

    assert [p.title for p in last_year.completed] == ["Legeplads"]
    assert last_year.in_progress == [] and last_year.started == []
    assert this_year.completed == [] and [p.title for p in this_year.in_progress] == ["Legeplads"]
    assert [p.title for p in before.started] == ["Legeplads"]


def test_a_project_with_no_history_counts_nowhere(plan):
    project = ProjectPageFactory(parent=plan, status="completed", end_date=date(2025, 1, 1))
    project.save_revision().publish()
    StatusChange.objects.all().delete()

    figures = annual_figures(plan, 2025)

    assert figures.completed == [] and figures.started == []


def test_changed_at_is_a_moment_in_the_sites_time_zone(plan):
    project = ProjectPageFactory(parent=plan, status="planned")
    late_evening = timezone.make_aware(datetime(2025, 12, 31, 23, 30))
    with mock.patch("django.utils.timezone.now", return_value=late_evening):
        project.save_revision().publish()

    assert [step.day for step in project.status_history()] == [date(2025, 12, 31)]
