"""What a plan's annual report (plan_pages.annual_report) shows of residents taking part."""

from dataclasses import dataclass

from plan_pages.annual_report import AnnualFigures, year_bounds

from .models import WorkingGroup
from .survey import SurveyRow, survey_rows


@dataclass
class ParticipationFigures:
    working_groups: list  # (working group, its project), for the projects active in the year
    surveys: list[SurveyRow]  # the plan's surveys open in the year, with their numbers


def participation_figures(figures: AnnualFigures) -> ParticipationFigures:
    """Two queries for the working groups and surveys, however many there are."""
    projects = {project.pk: project for project in figures.active_projects}
    groups = WorkingGroup.objects.filter(page__in=list(projects)).order_by(
        "page__path", "sort_order"
    )
    return ParticipationFigures(
        working_groups=[(group, projects[group.page_id]) for group in groups],
        surveys=survey_rows(figures.plan, *year_bounds(figures.year)),
    )
