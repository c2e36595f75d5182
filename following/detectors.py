"""What a publish means for the page types of the plans and the surveys (core.changes).

Registered in wagtail_hooks.py; a new kind (a milestone, a project update, a meeting) is one
more function of the same shape, in the app that owns the page type.
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale

from core.changes import PageChange
from participation.models import MeetingPage, SurveyPage
from plan_pages.models import AnnualReportPage, ProjectPage, ProjectUpdatePage

from .models import ChangeKind


def area_key(page):
    plan = page.plan
    return str(plan.translation_key) if plan else ""


def project_facts(project, page=None):
    """Who a change about `project` reaches: its area, its followers and its goals' followers."""
    return {
        "page": page or project,
        "area_key": area_key(project),
        "project_key": str(project.translation_key),
        "goals": tuple(project.goal_numbers),
    }


def project_changes(page, previous):
    if not isinstance(page, ProjectPage):
        return []
    facts = project_facts(page)
    if previous is None:
        key = f"new-project:{page.translation_key}"
        return [PageChange(key=key, kind=ChangeKind.NEW_PROJECT, detail=page.status, **facts)]
    changes = [milestone_done(page, milestone) for milestone in newly_done(page, previous)]
    if previous.status != page.status:
        key = f"project-status:{page.translation_key}:{page.live_revision_id}"
        changes.insert(
            0, PageChange(key=key, kind=ChangeKind.PROJECT_STATUS, detail=page.status, **facts)
        )
    return changes


def newly_done(page, previous):
    """The milestones done in this publish: done now, not done (or not there) before."""
    done_before = {m.translation_key for m in previous.milestones.all() if m.done_date}
    return [
        milestone
        for milestone in page.milestones.all()
        if milestone.done_date and milestone.translation_key not in done_before
    ]


def milestone_done(project, milestone):
    return PageChange(
        key=f"milestone-done:{milestone.translation_key}",
        kind=ChangeKind.MILESTONE_DONE,
        detail=str(milestone.translation_key),  # its title is told in each follower's language
        **project_facts(project),
    )


def project_update_changes(page, previous):
    """A project's update is news once, when first published."""
    if not isinstance(page, ProjectUpdatePage) or previous is not None:
        return []
    project = page.get_parent().specific
    return [
        PageChange(
            key=f"project-update:{page.translation_key}",
            kind=ChangeKind.PROJECT_UPDATE,
            **project_facts(project, page=page),
        )
    ]


def meeting_changes(page, previous):
    """A meeting is announced when first published."""
    if not isinstance(page, MeetingPage) or previous is not None:
        return []
    return [
        PageChange(
            key=f"meeting:{page.translation_key}",
            kind=ChangeKind.MEETING,
            page=page,
            area_key=str(page.plan.translation_key) if page.plan_id else "",
        )
    ]


def survey_change(survey, kind):
    """`kind` is SURVEY_OPENED or SURVEY_CLOSED; each happens once per survey."""
    return PageChange(
        key=f"{kind.replace('_', '-')}:{survey.translation_key}",
        kind=kind,
        page=survey,
        area_key=str(survey.plan.translation_key) if survey.plan_id else "",
    )


def survey_changes(page, previous):
    """A survey published while open is opened; one opening later is told by the clock."""
    if not isinstance(page, SurveyPage):
        return []
    now = timezone.now()
    return (
        [survey_change(page, ChangeKind.SURVEY_OPENED)]
        if page.opens_at <= now < page.closes_at
        else []
    )


def surveys_by_the_clock(now):
    """Surveys whose opening or closing time has passed (within the last week: a survey that
    closed long ago is not news)."""
    week_ago = now - timedelta(days=7)
    surveys = SurveyPage.objects.live().public().filter(locale=Locale.get_default())
    opened = surveys.filter(opens_at__lte=now, opens_at__gt=week_ago, closes_at__gt=now)
    closed = surveys.filter(closes_at__lte=now, closes_at__gt=week_ago)
    return [
        *(survey_change(s, ChangeKind.SURVEY_OPENED) for s in opened.select_related("plan")),
        *(survey_change(s, ChangeKind.SURVEY_CLOSED) for s in closed.select_related("plan")),
    ]


def annual_report_changes(page, previous):
    if not isinstance(page, AnnualReportPage) or previous is not None:
        return []
    plan = page.plan
    return [
        PageChange(
            key=f"annual-report:{page.translation_key}",
            kind=ChangeKind.ANNUAL_REPORT,
            page=page,
            area_key=str(plan.translation_key) if plan else "",
        )
    ]
