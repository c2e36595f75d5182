"""The figures of a plan's annual report (årsrapport), computed from the plan's own data.

Nothing here is stored: the report page asks for the figures of its year each time it is
rendered, so they always agree with the projects and village goals. Other apps add sections
(working groups, surveys) through the hook `annual_report_sections`, reading `active_projects`.
Everything is read in the report's language: the Danish report counts the Danish project pages,
the English report the English ones (their statuses, dates and goals are kept in step).

For the year Y, with the dates a project's editors give it:

- **started** in Y: `start_date` falls in Y and the project has really begun (status in
  progress, completed or paused; an idea or a planned project with a start date has not).
- **completed** in Y: status completed and `end_date` falls in Y.
- **in progress** during Y: begun on or before the last day of Y and not completed in Y:
  status in progress, or status completed with an `end_date` after Y. Paused projects are left
  out: the site does not know since when they are paused.

A project started in Y is also in progress or completed in Y; "in progress" and "completed"
never overlap. Ideas (no dates) and projects that are only planned count nowhere.

Each number runs a fixed number of queries, however many projects, goals and answers there are.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sdg.goals import Goal, goals

from .models import LocalAreaPlanPage, ProjectPage, ProjectStatus, VillageGoal

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


def in_year(day: date | None, year: int) -> bool:
    return day is not None and day.year == year


def is_started(project: ProjectPage, year: int) -> bool:
    return project.status in BEGUN and in_year(project.start_date, year)


def is_completed(project: ProjectPage, year: int) -> bool:
    return project.status == ProjectStatus.COMPLETED and in_year(project.end_date, year)


def is_in_progress(project: ProjectPage, year: int) -> bool:
    if project.start_date is None or project.start_date.year > year:
        return False
    if project.status == ProjectStatus.IN_PROGRESS:
        return True
    return (
        project.status == ProjectStatus.COMPLETED
        and project.end_date is not None
        and project.end_date.year > year
    )


def village_goal_status(projects: list[ProjectPage], year: int) -> str:
    """No projects; none begun by the end of the year; under way; reached when every one of
    its projects (ideas aside) was completed by the end of the year."""
    projects = [p for p in projects if p.status != ProjectStatus.IDEA]
    if not projects:
        return VillageGoalStatus.NO_PROJECTS
    if not any(p.status in BEGUN and p.start_date and p.start_date.year <= year for p in projects):
        return VillageGoalStatus.NOT_STARTED
    if all(
        p.status == ProjectStatus.COMPLETED and p.end_date and p.end_date.year <= year
        for p in projects
    ):
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
    rows: dict[int, GoalRow] = {}
    for project in projects:
        kinds = {
            "started": is_started(project, year),
            "in_progress": is_in_progress(project, year),
            "completed": is_completed(project, year),
        }
        for kind, applies in kinds.items():
            if not applies:
                continue
            getattr(figures, kind).append(project)
            for number in sorted(set(project.goal_numbers)):
                row = rows.setdefault(number, GoalRow(goal=goals()[number]))
                setattr(row, kind, getattr(row, kind) + 1)
    figures.goals = [rows[number] for number in sorted(rows)]
    for village_goal in plan.village_goals.all().order_by("number"):
        theirs = [p for p in projects if village_goal.number in (p.village_goals or [])]
        figures.village_goals.append(
            VillageGoalRow(
                village_goal=village_goal,
                projects=theirs,
                status=village_goal_status(theirs, year),
            )
        )
    return figures
