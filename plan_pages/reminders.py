"""Reminders to the local councils, so their projects do not go stale.

A council member gets an e-mail (through django-tasks, the database queue in production) when
a live project of their area, not completed or paused,

- has a next milestone whose planned date has passed without a done date (`overdue`), or
- has had nothing published about it (the project page or an update under it) for
  `PROJECT_STALE_DAYS` days (`stale`).

Each reminder is sent once per project, reason and occasion (the milestone and its date, or
the day of the last change): `CouncilReminder` keeps them, so re-runs of the command and retried
tasks send nothing twice. One e-mail per member gathers all their projects, in the member's
language (the admin's preferred language, Danish when none is set), each with a link to the
project in the admin. The command `remind_councils` runs daily from cron.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale
from wagtail.users.models import UserProfile

from django_tasks import task

from .models import (
    CouncilReminder,
    Milestone,
    ProjectPage,
    ProjectStatus,
    ProjectUpdatePage,
    ReminderReason,
)
from .progress import Timeline, local_day, with_milestones

# Completed projects need no news; a paused one has said why it waits.
REMINDED_STATUSES = [ProjectStatus.IDEA, ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS]


@dataclass
class Due:
    """A reminder that is due: a project, why, and the occasion it is about."""

    project: ProjectPage
    reason: str
    occasion: str

    @property
    def key(self):
        return (self.project.translation_key, self.reason, self.occasion)


def projects_to_watch():
    """Live projects of an area, in the default language (the languages share their status
    and milestones' dates), that are not completed or paused."""
    return ProjectPage.objects.live().filter(
        locale=Locale.get_default(), status__in=REMINDED_STATUSES, plan__isnull=False
    )


def milestone_occasion(milestone: Milestone) -> str:
    return f"{milestone.translation_key}:{milestone.planned_date.isoformat()}"


def last_changes(projects) -> dict:
    """{project pk: the day of its last published change}: the project page or its newest
    update, in one query however many projects."""
    latest = {p.pk: p.last_published_at for p in projects}
    by_path = {p.path: p.pk for p in projects}
    updates = ProjectUpdatePage.objects.live().filter(
        depth__in={p.depth + 1 for p in projects}, last_published_at__isnull=False
    )
    for path, published in updates.values_list("path", "last_published_at"):
        pk = by_path.get(path[: -ProjectPage.steplen])
        if pk is not None and (latest[pk] is None or published > latest[pk]):
            latest[pk] = published
    return {pk: local_day(moment) for pk, moment in latest.items() if moment is not None}


def due_reminders(today: date | None = None) -> list[Due]:
    """The reminders due today that nobody has had yet, in a fixed number of queries however
    many projects and milestones there are."""
    today = today or timezone.localdate()
    stale_before = today - timedelta(days=settings.PROJECT_STALE_DAYS)
    projects = list(with_milestones(projects_to_watch().select_related("plan")).order_by("path"))
    changed = last_changes(projects)
    candidates = []
    for project in projects:
        timeline = Timeline.of(project.milestones.all())
        if timeline.is_overdue(today):
            candidates.append(
                Due(project, ReminderReason.OVERDUE, milestone_occasion(timeline.next))
            )
        last = changed.get(project.pk)
        if last is not None and last < stale_before:
            candidates.append(Due(project, ReminderReason.STALE, last.isoformat()))
    already = set(
        CouncilReminder.objects.filter(
            translation_key__in={due.project.translation_key for due in candidates}
        ).values_list("translation_key", "reason", "occasion")
    )
    return [due for due in candidates if due.key not in already]


def members_by_area(plan_keys) -> dict:
    """{plan translation key: [user, …]}: the active members with an e-mail address of each
    area's council, in one query."""
    members = {key: [] for key in plan_keys}
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__local_council__plan_key__in=plan_keys)
        .exclude(email="")
        .annotate(area=F("groups__local_council__plan_key"))
        .order_by("pk")
    )
    for user in users:
        members[user.area].append(user)
    return members


def queue_reminders(today: date | None = None) -> int:
    """Record the reminders due and queue one e-mail per member who has any unsent (also
    those a failed run left). Returns the number of reminders recorded."""
    due = due_reminders(today)
    members = members_by_area({d.project.plan.translation_key for d in due})
    rows = [
        CouncilReminder(
            translation_key=d.project.translation_key,
            reason=d.reason,
            occasion=d.occasion,
            user=user,
        )
        for d in due
        for user in members[d.project.plan.translation_key]
    ]
    with transaction.atomic():
        CouncilReminder.objects.bulk_create(rows, ignore_conflicts=True)
        user_ids = sorted(
            set(
                CouncilReminder.objects.filter(sent_at__isnull=True).values_list(
                    "user_id", flat=True
                )
            )
        )
        for user_id in user_ids:
            transaction.on_commit(lambda pk=user_id: send_council_reminders.enqueue(pk))
    return len(rows)


def preferred_language(user) -> str:
    """The member's language in the admin, Danish when none is set (or one the site lacks)."""
    language = UserProfile.get_for_user(user).preferred_language
    languages = {code for code, _name in settings.LANGUAGES}
    return language if language in languages else settings.LANGUAGE_CODE


def admin_edit_url(project) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=[project.pk])


@dataclass
class ReminderItem:
    """One project in a member's e-mail, in the member's language."""

    reason: str
    title: str
    area: str
    edit_url: str
    milestone: str = ""
    planned: date | None = None
    last_change: date | None = None


def in_language(pages_or_rows, key, language):
    """The live version of a page (or a milestone) in `language`, if there is one."""
    return pages_or_rows.filter(translation_key=key, locale__language_code=language).first()


def reminder_item(row, project, language) -> ReminderItem:
    page = project
    if language != project.locale.language_code:
        page = in_language(ProjectPage.objects.live(), project.translation_key, language) or page
    item = ReminderItem(
        reason=row.reason,
        title=page.title,
        area=project.plan.title,
        edit_url=admin_edit_url(project),
    )
    if row.reason == ReminderReason.OVERDUE:
        key, _sep, planned = row.occasion.partition(":")
        milestone = in_language(Milestone.objects.filter(page=page), key, language) or (
            Milestone.objects.filter(page=project, translation_key=key).first()
        )
        item.milestone = milestone.title if milestone else ""
        item.planned = date.fromisoformat(planned)
    else:
        item.last_change = date.fromisoformat(row.occasion)
    return item


def reminder_email(user, items, language) -> EmailMessage:
    with translation.override(language):
        context = {"user": user, "items": items}
        subject = " ".join(render_to_string("emails/council_reminder_subject.txt", context).split())
        body = render_to_string("emails/council_reminder.txt", context)
    return EmailMessage(subject, body, to=[user.email])


@task()
def send_council_reminders(user_id: int):
    """Send a member's unsent reminders in one e-mail, and mark them sent in the same
    transaction: a retried task finds nothing left. Reminders about projects that have since
    been completed, paused or unpublished are dropped unsent."""
    with transaction.atomic():
        rows = list(
            CouncilReminder.objects.select_for_update()
            .filter(user_id=user_id, sent_at__isnull=True)
            .order_by("pk")
        )
        if not rows:
            return
        user = rows[0].user
        projects = {
            p.translation_key: p
            for p in projects_to_watch()
            .filter(translation_key__in={row.translation_key for row in rows})
            .select_related("plan", "locale")
        }
        gone = [row.pk for row in rows if row.translation_key not in projects]
        CouncilReminder.objects.filter(pk__in=gone).delete()
        rows = [row for row in rows if row.translation_key in projects]
        if not rows or not user.is_active or not user.email:
            return
        language = preferred_language(user)
        with translation.override(language):
            items = [reminder_item(row, projects[row.translation_key], language) for row in rows]
        reminder_email(user, items, language).send()
        CouncilReminder.objects.filter(pk__in=[row.pk for row in rows]).update(
            sent_at=timezone.now()
        )
