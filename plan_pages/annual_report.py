"""The figures of a plan's annual report (årsrapport), computed from the plan's own data.

Nothing here is stored: the report page asks for the figures of its year each time it is
rendered, so they always agree with the projects and village goals. Other apps add sections
(working groups, surveys) through the hook `annual_report_sections`, reading `active_projects`.
Everything is read in the report's language: the Danish report counts the Danish project pages,
the English report the English ones (their statuses, dates and goals are kept in step).

For the year Y, read from each project's status history (`progress.histories`: every status a
project was published with, and the day it was), never from its status today, so a project
completed last year and edited or reopened this year stays in last year's figures:

- **started** in Y: the first day the project was in progress, completed or paused falls in Y.
- **completed** in Y: it became completed in Y and was still completed at the end of Y.
- **in progress** during Y: it was in progress at the end of Y. Paused projects are left out.

A project started in Y is also in progress or completed in Y (unless paused by its end);
"in progress" and "completed" never overlap. Projects that are only ideas or planned at the end
of Y count nowhere; a village goal is read from its projects' statuses at the end of Y.

Each number runs a fixed number of queries, however many projects, goals and answers there are.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from sdg.goals import Goal, goals

from .models import LocalAreaPlanPage, ProjectPage, ProjectStatus, VillageGoal
from .progress import StatusStep, histories, status_on

BEGUN = {ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED, ProjectStatus.PAUSED}


class VillageGoalStatus:
    """How far a village goal has come by the end of the year, read from its projects."""

    NO_PROJECTS = "no_projects"
    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    REACHED = "reached"

    LABELS = {
        NO_PROJECTS: _("No projects yet"),
        NOT_STARTED: _("Projects not started yet"),
        UNDER_WAY: _("Under way"),
        REACHED: _("Reached"),
    }


@dataclass
class GoalRow:
    goal: Goal
    started: int = 0
    in_progress: int = 0
    completed: int = 0


@dataclass
class VillageGoalRow:
    village_goal: VillageGoal
    projects: list[ProjectPage]
    status: str

    @property
    def status_label(self):
        return VillageGoalStatus.LABELS[self.status]


@dataclass
class AnnualFigures:
    plan: LocalAreaPlanPage
    year: int
    started: list[ProjectPage] = field(default_factory=list)
    in_progress: list[ProjectPage] = field(default_factory=list)
    completed: list[ProjectPage] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    village_goals: list[VillageGoalRow] = field(default_factory=list)

    @property
    def active_projects(self) -> list[ProjectPage]:
        """The projects started, in progress or completed in the year, each once."""
        seen = {}
        for project in [*self.started, *self.in_progress, *self.completed]:
            seen.setdefault(project.pk, project)
        return list(seen.values())

    @property
    def project_groups(self):
        """(heading, projects) for the report's lists of projects."""
        return [
            (_("Started"), self.started),
            (_("In progress"), self.in_progress),
            (_("Completed"), self.completed),
        ]


@dataclass
class YearView:
    """A project as it stood in one year, read from its status history."""

    project: ProjectPage
    history: list[StatusStep]
    year: int

    @cached_property
    def status_at_end(self) -> str | None:
        return status_on(self.history, date(self.year, 12, 31))

    @property
    def started(self) -> bool:
        begun = next((step.day for step in self.history if step.status in BEGUN), None)
        return begun is not None and begun.year == self.year

    @property
    def completed(self) -> bool:
        if self.status_at_end != ProjectStatus.COMPLETED:
            return False
        completions = [s.day for s in self.history if s.status == ProjectStatus.COMPLETED]
        return any(day.year == self.year for day in completions)

    @property
    def in_progress(self) -> bool:
        return self.status_at_end == ProjectStatus.IN_PROGRESS


def village_goal_status(views: list[YearView]) -> str:
    """No projects; none begun by the end of the year; under way; reached when every one of
    its projects (ideas aside) was completed by the end of the year."""
    statuses = [view.status_at_end for view in views]
    statuses = [status for status in statuses if status not in (None, ProjectStatus.IDEA)]
    if not statuses:
        return VillageGoalStatus.NO_PROJECTS
    if not any(status in BEGUN for status in statuses):
        return VillageGoalStatus.NOT_STARTED
    if all(status == ProjectStatus.COMPLETED for status in statuses):
        return VillageGoalStatus.REACHED
    return VillageGoalStatus.UNDER_WAY


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The first and last moment of the year, in the site's time zone."""
    zone = timezone.get_current_timezone()
    first = datetime.combine(date(year, 1, 1), time.min, tzinfo=zone)
    last = datetime.combine(date(year, 12, 31), time.max, tzinfo=zone)
    return first, last


def annual_figures(plan: LocalAreaPlanPage, year: int) -> AnnualFigures:
    """The figures of `plan` (in its language) for `year`; see the module's docstring."""
    projects = list(
        ProjectPage.objects.live()
        .public()
        .filter(plan=plan)
        .prefetch_related("goal_tags")
        .order_by("path")
    )
    figures = AnnualFigures(plan=plan, year=year)
    found = histories(projects)
    views = [YearView(project, found[project.translation_key], year) for project in projects]
    rows: dict[int, GoalRow] = {}
    for view in views:
        for kind in ("started", "in_progress", "completed"):
            if not getattr(view, kind):
                continue
            getattr(figures, kind).append(view.project)
            for number in sorted(set(view.project.goal_numbers)):
                row = rows.setdefault(number, GoalRow(goal=goals()[number]))
                setattr(row, kind, getattr(row, kind) + 1)
    figures.goals = [rows[number] for number in sorted(rows)]
    for village_goal in plan.village_goals.all().order_by("number"):
        theirs = [
            view for view in views if village_goal.number in (view.project.village_goals or [])
        ]
        figures.village_goals.append(
            VillageGoalRow(
                village_goal=village_goal,
                projects=[view.project for view in theirs],
                status=village_goal_status(theirs),
            )
        )
    return figures
