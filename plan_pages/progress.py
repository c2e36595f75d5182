"""What has happened to projects: their milestones, progress and status history, and the
roll-up of a plan's projects.

Projects have no sub-projects (a project's only children are its updates), so progress rolls
up one level: from milestones to the project, and from projects to the plan, each project
weighted by its number of milestones (a project with ten steps weighs more than one with two;
one without milestones weighs one).

Every function that takes many projects reads them in a fixed number of queries, however many
projects, milestones and changes there are: the callers prefetch `milestones`, and the status
history of many projects is read in one query (`histories`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import LocalAreaPlanPage, Milestone, ProjectPage, ProjectStatus, StatusChange


def project_progress(project) -> int | None:
    """Per cent done: set by hand, 100 when completed, else the share of milestones done."""
    if project.progress_override is not None:
        return project.progress_override
    if project.status == ProjectStatus.COMPLETED:
        return 100
    milestones = list(project.milestones.all())
    if not milestones:
        return None
    return round(100 * sum(m.is_done for m in milestones) / len(milestones))


def weighted_progress(parts) -> int | None:
    """The mean of (progress, weight) pairs weighted by weight; None without any weight.
    A part with no progress (None) counts as not begun."""
    parts = [(progress or 0, weight) for progress, weight in parts if weight > 0]
    total = sum(weight for _, weight in parts)
    if not total:
        return None
    return round(sum(progress * weight for progress, weight in parts) / total)


def project_weight(project) -> int:
    return max(1, len(project.milestones.all()))


def plan_progress(projects) -> int | None:
    """The plan's progress from its projects (ideas left out: nobody has taken them on)."""
    return weighted_progress(
        (project.progress, project_weight(project))
        for project in projects
        if project.status != ProjectStatus.IDEA
    )


@dataclass
class Timeline:
    """A project's milestones as residents read them: done (in the order they were done), the
    next one, and those after it (by their planned dates)."""

    done: list = field(default_factory=list)
    next: Milestone | None = None
    later: list = field(default_factory=list)

    @classmethod
    def of(cls, milestones) -> "Timeline":
        milestones = list(milestones)
        done = sorted((m for m in milestones if m.is_done), key=lambda m: (m.done_date, m.pk))
        ahead = sorted(
            (m for m in milestones if not m.is_done), key=lambda m: (m.planned_date, m.pk)
        )
        return cls(done=done, next=ahead[0] if ahead else None, later=ahead[1:])

    def __bool__(self):
        return bool(self.done or self.next)

    def is_overdue(self, today=None) -> bool:
        return self.next is not None and self.next.planned_date < (today or timezone.localdate())


# ---- Status history ----


@dataclass
class StatusStep:
    """One status in a project's history, and the day it began."""

    status: str
    day: date

    @property
    def label(self):
        return ProjectStatus(self.status).label

    @classmethod
    def history_of(cls, project) -> list["StatusStep"]:
        return histories([project])[project.translation_key]


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def histories(projects) -> dict:
    """{translation key: [StatusStep, …] oldest first} for `projects`, in one query."""
    keys = {project.translation_key for project in projects}
    found = {key: [] for key in keys}
    for change in StatusChange.objects.filter(translation_key__in=keys).order_by(
        "changed_at", "pk"
    ):
        found[change.translation_key].append(
            StatusStep(change.status, local_day(change.changed_at))
        )
    return found


def status_on(history: list[StatusStep], day: date) -> str | None:
    """The status the history gives on `day` (None before the project was published)."""
    status = None
    for step in history:
        if step.day > day:
            break
        status = step.status
    return status


def record_status(project, when: datetime) -> StatusChange | None:
    """Record the project's status at `when`, if it differs from the last one recorded.
    A translation published with the same status records nothing: the languages share it."""
    last = (
        StatusChange.objects.filter(translation_key=project.translation_key)
        .order_by("-changed_at", "-pk")
        .first()
    )
    if last is not None and last.status == project.status:
        return None
    return StatusChange.objects.create(
        translation_key=project.translation_key, status=project.status, changed_at=when
    )


def backfill_history(status_change_model, page_model, log_entry_model) -> int:
    """Status changes read from the publish log and the revisions it points at, for the
    projects with no history yet. Takes the models, so a data migration can run it with its
    historical models. Returns the number of changes recorded."""
    keyed = set(status_change_model.objects.values_list("translation_key", flat=True).distinct())
    projects = {
        pk: key
        for pk, key in page_model.objects.values_list("pk", "translation_key")
        if key not in keyed
    }
    publishes = (
        log_entry_model.objects.filter(
            action="wagtail.publish", page_id__in=projects, revision__isnull=False
        )
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    last, rows = {}, []
    for entry in publishes:
        key = projects[entry.page_id]
        status = (entry.revision.content or {}).get("status")
        if status and last.get(key) != status:
            last[key] = status
            rows.append(
                status_change_model(translation_key=key, status=status, changed_at=entry.timestamp)
            )
    # Live projects published before the log kept their publishing: their status as it is.
    for key, status, published in page_model.objects.filter(
        pk__in=projects, live=True, first_published_at__isnull=False
    ).values_list("translation_key", "status", "first_published_at"):
        if key not in last:
            last[key] = status
            rows.append(
                status_change_model(translation_key=key, status=status, changed_at=published)
            )
    status_change_model.objects.bulk_create(rows)
    return len(rows)


# ---- Roll-up of a plan ----


@dataclass
class PlanRollUp:
    """How far a plan has come, for its page: projects per status, its progress, the
    milestones done this year and the next ones across its projects."""

    progress: int | None
    per_status: list  # [(ProjectStatus, count)]
    done_this_year: int
    year: int
    next_milestones: list  # [(Milestone, project)]
    village_goals: list  # [VillageGoalProgress]

    @property
    def has_projects(self):
        return any(count for _, count in self.per_status)


NEXT_MILESTONES = 5


def tree_order(page):
    return page.path


def with_milestones(queryset):
    return queryset.prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.select_related("image", "document"))
    )


# What a plan's roll-up (status, progress, village goals, the next milestones' links) and its
# map (each project's site, title and address) read of its projects.
ROLL_UP_FIELDS = (
    *("title", "status", "progress_override", "village_goals", "site"),
    *("path", "url_path"),  # the tree's order, the address
)


def plan_projects(plan):
    """The plan's live public projects with their milestones, by title (the map's numbering):
    what the roll-up and the map read of them, not their texts."""
    projects = ProjectPage.objects.live().public().filter(plan=plan)
    projects = projects.only(*ROLL_UP_FIELDS)
    # A milestone's dates and title, not its picture or document (the project's timeline's).
    milestones = Milestone.objects.only("page", "sort_order", "title", "planned_date", "done_date")
    return projects.prefetch_related(Prefetch("milestones", queryset=milestones)).order_by("title")


def plan_roll_up(plan, today=None, projects=None) -> PlanRollUp:
    """The plan's progress; `projects` are `plan_projects(plan)` if the caller has them."""
    today = today or timezone.localdate()
    projects = sorted(plan_projects(plan) if projects is None else projects, key=tree_order)
    counts = {status: 0 for status in ProjectStatus}
    for project in projects:
        counts[ProjectStatus(project.status)] += 1
    milestones = [(m, p) for p in projects for m in p.milestones.all()]
    ahead = sorted(
        ((m, p) for m, p in milestones if not m.is_done),
        key=lambda pair: (pair[0].planned_date, pair[0].pk),
    )
    return PlanRollUp(
        progress=plan_progress(projects),
        per_status=list(counts.items()),
        done_this_year=sum(
            1 for m, _ in milestones if m.is_done and m.done_date.year == today.year
        ),
        year=today.year,
        next_milestones=ahead[:NEXT_MILESTONES],
        village_goals=village_goal_progress(plan, projects),
    )


@dataclass
class VillageGoalProgress:
    goal: object  # VillageGoal
    progress: int | None
    projects: int

    @property
    def progress_id(self):
        return f"village-goal-progress-{self.goal.number}"


def village_goal_progress(plan, projects) -> list[VillageGoalProgress]:
    """Each of the plan's village goals with the progress of the projects working on it."""
    rows = []
    for goal in plan.village_goals.all():
        theirs = [p for p in projects if goal.number in (p.village_goals or [])]
        rows.append(VillageGoalProgress(goal, plan_progress(theirs), len(theirs)))
    return rows


@dataclass
class AreaCount:
    plan: object
    projects: int
    done: int


def goal_counts_per_area(goal_number: int, locale) -> list[AreaCount]:
    """For a UN goal's page: per area, how many published projects work on the goal and how
    many of them are completed, in one query however many areas and projects."""
    working = (
        ProjectPage.objects.live()
        .public()
        .filter(locale=locale, goal_tags__goal=goal_number, plan=OuterRef("pk"))
    )
    plans = (
        LocalAreaPlanPage.objects.filter(locale=locale)
        .only("title", "url_path")  # the table's link, all it shows of a plan
        .annotate(
            projects=number_of(working),
            done=number_of(working.filter(status=ProjectStatus.COMPLETED)),
        )
        .filter(projects__gt=0)
    )
    counts = [AreaCount(plan, plan.projects, plan.done) for plan in plans]
    return sorted(counts, key=lambda count: count.plan.title)


def number_of(projects):
    """How many `projects` there are (of the plan they are filtered by), as a subquery."""
    counted = projects.order_by().values("plan").annotate(n=Count("pk", distinct=True))
    return Coalesce(Subquery(counted.values("n")), 0)
