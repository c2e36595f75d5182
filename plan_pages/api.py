"""The plans and their projects in the read-only open-data API (docs/api.md).

Only live pages that anyone may see are listed (Wagtail's `get_public_pages_queryset`), in
every language unless `?locale=` picks one. The fields are named here, not on the models, so
nothing an editor keeps private (the working group's e-mail) can slip out.
"""

import re

from django.db.models import Q

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from rest_framework.fields import Field

from sdg.goals import goals

from .listing import projects_with_goals
from .models import LocalAreaPlanPage, ProjectPage, ProjectStatus
from .progress import histories

# Filters of Wagtail's pages endpoint that make no sense on one page type.
NOT_FOR_ONE_TYPE = {"type"}


class WholePageField(Field):
    """A read-only field computed from the whole page."""

    def __init__(self, to_representation, **kwargs):
        self._represent = to_representation
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        return self._represent(page)


def area(page):
    plan = page.plan
    if plan is None:
        return None
    return {"id": plan.pk, "title": plan.title, "slug": plan.slug}


def goal_numbers(page):
    return sorted({tag.goal for tag in page.goal_tags.all()})


def village_goals(plan):
    return [
        {
            "number": goal.number,
            "title": goal.title,
            "description": goal.description,
            "goals": goal.goals,
            "targets": goal.targets,
        }
        for goal in plan.village_goals.all()
    ]


def activities(plan):
    return [
        {"title": activity.title, "description": activity.description, "months": activity.months}
        for activity in plan.activities.all()
    ]


def in_area(queryset, value):
    """Pages under a plan, by `?area=`: the plan's slug (in its language) or its id."""
    return queryset.filter(plan_q(value, "plan_id", "plan__slug"))


def milestones(page):
    """The project's milestones by planned date, `late` as the pages mark them ("Forsinket")."""
    return [
        {
            "title": milestone.title,
            "planned_date": milestone.planned_date,
            "done_date": milestone.done_date,
            "late": milestone.is_overdue,
        }
        for milestone in sorted(page.milestones.all(), key=lambda m: (m.planned_date, m.pk))
    ]


def status_history(page):
    """Each status the project has had and the day it began, oldest first. A listing reads
    every project's history in one query (`ProjectsAPIViewSet.paginate_queryset`)."""
    steps = getattr(page, "prefetched_history", None)
    if steps is None:
        steps = histories([page])[page.translation_key]
    return [{"status": step.status, "date": step.day} for step in steps]


def progress(page):
    return {"percent": page.progress}


class OneTypeAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint for one page type, with what its listing needs prefetched."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters - NOT_FOR_ONE_TYPE
    meta_fields = PagesAPIViewSet.meta_fields + ["last_published_at"]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["last_published_at"]

    def get_queryset(self):
        public = self.get_base_queryset().values("pk")
        return self.prefetch(self.model.objects.filter(pk__in=public).select_related("locale"))

    def prefetch(self, queryset):
        return queryset


class PlansAPIViewSet(OneTypeAPIViewSet):
    name = "plans"
    model = LocalAreaPlanPage
    body_fields = OneTypeAPIViewSet.body_fields + [
        "summary",
        "villages",
        "plan_kind",
        "year_adopted",
        "next_revision",
        "concluded_on",
        "council_name",
        "council_website",
        APIField("village_goals", serializer=WholePageField(village_goals)),
        APIField("activities", serializer=WholePageField(activities)),
    ]
    listing_default_fields = OneTypeAPIViewSet.listing_default_fields + [
        "summary",
        "plan_kind",
        "villages",
    ]

    def prefetch(self, queryset):
        return queryset.prefetch_related("village_goals", "activities")


class ProjectsAPIViewSet(OneTypeAPIViewSet):
    """Projects, filtered by `?goal=11`, `?area=<plan slug or id>` and `?status=in_progress`."""

    name = "projects"
    model = ProjectPage
    known_query_parameters = OneTypeAPIViewSet.known_query_parameters | {"goal", "area"}
    body_fields = OneTypeAPIViewSet.body_fields + [
        "summary",
        "status",
        APIField("area", serializer=WholePageField(area)),
        APIField("goals", serializer=WholePageField(goal_numbers)),
        "targets",
        "village_goals",
        "start_date",
        "end_date",
        APIField("tags", serializer=WholePageField(lambda page: [t.name for t in page.tags.all()])),
        APIField("progress", serializer=WholePageField(progress)),
        APIField("milestones", serializer=WholePageField(milestones)),
        APIField("status_history", serializer=WholePageField(status_history)),
    ]
    listing_default_fields = OneTypeAPIViewSet.listing_default_fields + [
        "summary",
        "status",
        "area",
        "goals",
        "targets",
        "start_date",
        "end_date",
        "progress",
    ]

    def prefetch(self, queryset):
        return queryset.select_related("plan").prefetch_related("goal_tags", "tags", "milestones")

    def paginate_queryset(self, queryset):
        """The page of projects, each with its status history read for all of them at once."""
        projects = list(super().paginate_queryset(queryset))
        found = histories(projects)
        for project in projects:
            project.prefetched_history = found[project.translation_key]
        return projects

    def filter_queryset(self, queryset):
        return super().filter_queryset(filter_projects(queryset, self.request.GET))


def filter_projects(queryset, params):
    """Projects filtered by `goal`, `area` and `status` as the API and the GeoJSON take them;
    a value a parameter cannot take is a BadRequestError (a 400), never a database error."""
    if "goal" in params:
        value = params["goal"]
        if not re.fullmatch(r"[0-9]{1,2}", value) or int(value) not in goals():
            raise BadRequestError("goal must be a number from 1 to 17")
        queryset = queryset.filter(pk__in=projects_with_goals([int(value)]))
    if "area" in params:
        queryset = in_area(queryset, params["area"])
    if "status" in params:
        if params["status"] not in ProjectStatus.values:
            raise BadRequestError(
                "status must be one of: %s" % ", ".join(ProjectStatus.values)  # noqa: UP031
            )
        queryset = queryset.filter(status=params["status"])
    return queryset


def plan_q(value, id_field="pk", slug_field="slug"):
    """A plan by its slug or id. An id is a number of ASCII digits that the database's integer
    holds ("²" is a digit to Python's isdigit(), and int() refuses it)."""
    is_id = re.fullmatch(r"[0-9]{1,10}", value) and int(value) < 2**31
    by_id = Q(**{id_field: int(value)}) if is_id else Q()
    return by_id | Q(**{slug_field: value})
