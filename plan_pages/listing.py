"""Finding projects: one query layer for the search page, the plan pages and the goal pages.

A `ProjectQuery` is read from the GET parameters (bad values are dropped, with a notice) and a
`ProjectSearch` runs it: the words through Wagtail's search backend, the filters and the facet
counts through the database. Each facet counts the projects that match every *other* active
filter, so a visitor sees how many results a choice would give. The number of queries does not
depend on the number of projects.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import and_, or_
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.utils.translation import gettext as _

from wagtail.search.backends import get_search_backend

from core.content_cache import remembered
from core.middleware import current_request
from sdg.goals import goals

from .models import LocalAreaPlanPage, ProjectGoal, ProjectPage, ProjectStatus

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 12
SORTS = ("relevance", "newest")
FACETS = ("goal", "area", "status")


def clean_text(value: str) -> str:
    """Words as typed, without control characters (PostgreSQL refuses NUL) and extra spaces."""
    value = "".join(c for c in value if unicodedata.category(c)[0] != "C" or c in " \t")
    return re.sub(r"\s+", " ", value).strip()


def projects_with_goals(numbers):
    """A subquery, so the filter never repeats a project (and needs no DISTINCT)."""
    return ProjectGoal.objects.filter(goal__in=numbers).values("page_id")


@dataclass(frozen=True)
class ProjectQuery:
    text: str = ""
    goals: tuple[int, ...] = ()
    areas: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    sort: str = "relevance"
    page: str = "1"
    notices: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_params(cls, params, area_slugs) -> "ProjectQuery":
        """Read a query from GET parameters; unknown values are dropped and reported."""
        notices = []
        text = clean_text(params.get("q", ""))
        if len(text) > MAX_QUERY_LENGTH:
            text = text[:MAX_QUERY_LENGTH].rstrip()
            notices.append(
                _("Your search was shortened to %(count)s characters.")
                % {"count": MAX_QUERY_LENGTH}
            )
        chosen_goals, unknown = [], []
        for value in params.getlist("goal"):
            number = int(value) if re.fullmatch(r"[0-9]{1,2}", value) else None
            number = number if number in goals() else None
            (chosen_goals if number else unknown).append(number or value)
        chosen_areas = [slug for slug in params.getlist("area") if slug in area_slugs]
        unknown += [slug for slug in params.getlist("area") if slug not in area_slugs]
        statuses = [s for s in params.getlist("status") if s in ProjectStatus.values]
        unknown += [s for s in params.getlist("status") if s not in ProjectStatus.values]
        if unknown:
            shown = ", ".join(f"“{clean_text(str(value))[:40]}”" for value in unknown[:5])
            notices.append(
                _("These filters are unknown and were left out: %(values)s.") % {"values": shown}
            )
        sort = params.get("sort", "relevance")
        return cls(
            text=text,
            goals=tuple(sorted(set(chosen_goals))),
            areas=tuple(sorted(set(chosen_areas))),
            statuses=tuple(sorted(set(statuses))),
            sort=sort if sort in SORTS else "relevance",
            page=params.get("page", "1"),
            notices=tuple(notices),
        )

    @property
    def filter_count(self) -> int:
        return len(self.goals) + len(self.areas) + len(self.statuses)

    @property
    def has_filters(self) -> bool:
        return self.filter_count > 0


class ProjectSearch:
    """Live, public projects of one language, optionally within one plan or for one goal."""

    def __init__(self, query: ProjectQuery, locale, plan=None, goal=None, areas=None):
        self.query = query
        self.locale = locale
        self.plan = plan
        self.goal = goal
        self.areas = area_choices(locale, plan) if areas is None else areas

    @classmethod
    def from_params(cls, params, locale, plan=None, goal=None):
        """A search read from GET parameters, looking the areas up once for both."""
        areas = area_choices(locale, plan)
        query = ProjectQuery.from_params(params, {area.slug for area in areas})
        return cls(query, locale, plan=plan, goal=goal, areas=areas)

    @cached_property
    def projects(self):
        projects = ProjectPage.objects.live().public().filter(locale=self.locale)
        if self.plan is not None:
            projects = projects.filter(plan=self.plan)
        if self.goal is not None:
            projects = projects.filter(pk__in=projects_with_goals([self.goal]))
        return projects

    @cached_property
    def words(self) -> str:
        # Words only: quotes and operators mean syntax to some backends (SQLite's FTS5).
        return " ".join(re.findall(r"\w+", self.query.text))

    def matching_subquery(self):
        """The ids of the matching projects as a subquery, where the search backend can give
        one (PostgreSQL, over a GIN index: `search.postgresql`); None elsewhere."""
        backend = get_search_backend()
        if not (self.query.text and self.words and hasattr(backend, "matching_projects")):
            return None
        return backend.matching_projects(self.words)

    def matching_ids(self, among=None) -> list[int] | None:
        """Projects whose words match, best first; None when no words were given. `among`
        limits the ranking to these ids (the results, when the matches came as a subquery)."""
        if not self.query.text:
            return None
        if not self.words:
            return []
        projects = self.projects if among is None else self.projects.filter(pk__in=among)
        backend = get_search_backend()
        if hasattr(backend, "ranked_ids"):
            # SQLite: ranked in one query (search.sqlite); Wagtail's ranking there asks a
            # subquery per matching row.
            return backend.ranked_ids(projects, self.words)
        # A search engine's filters take the ids as a subquery, not the view restrictions.
        projects = ProjectPage.objects.filter(pk__in=projects.values("pk"))
        results = projects.search(self.words, operator="and")
        if hasattr(results, "get_queryset"):
            # Wagtail's database backends: the ranked ids alone, in one query.
            ids = results.get_queryset().values_list("pk", flat=True)
        else:
            ids = (project.pk for project in results)
        return list(dict.fromkeys(ids))

    def conditions(self, listed=False):
        """For each facet, the condition its active filter sets (None where none is active),
        on the project pages or, with `listed`, on the search's narrow rows of them (see
        `run`)."""
        query = self.query
        area_ids = [area.pk for area in self.areas if area.slug in query.areas]
        if not query.goals:
            goal = None
        elif listed:
            goal = Q(goals__overlap=list(query.goals))
        else:
            goal = Q(pk__in=projects_with_goals(query.goals))
        return {
            "goal": goal,
            "area": Q(plan_id__in=area_ids) if query.areas else None,
            "status": Q(status__in=query.statuses) if query.statuses else None,
        }

    def counted(self, conditions):
        """Only the projects that are a result or count in some facet: those that pass every
        active filter but (at most) the one of a facet shown. Two goals and an area: the
        projects with one of the goals or in the area, not every project."""
        active = {facet: condition for facet, condition in conditions.items() if condition}
        needs = {frozenset(active)} | {frozenset(active) - {facet} for facet in self.facets()}
        if frozenset() in needs:
            return Q()
        # Passing the filters of a smaller set is enough for a larger one's rows too.
        least = [need for need in needs if not any(other < need for other in needs)]
        return reduce(
            or_, (reduce(and_, (active[facet] for facet in sorted(need))) for need in least)
        )

    def results_and_counts(self, projects, listed=False):
        """The ids of the results (newest first) and, for each facet, the projects per value
        given every *other* active filter: one query over the matching projects, which the
        database finds once (a common table expression) and counts four ways. With `listed`,
        `projects` are the search's narrow rows (`page_id`, `plan_id`, `status`, `published`,
        `goals`), and the goals are counted from their array."""
        conditions = self.conditions(listed)
        flags = {
            f"in_{facet}": (
                Value(True) if condition is None else ExpressionWrapper(condition, BooleanField())
            )
            for facet, condition in conditions.items()
        }
        fields = (
            ("page_id", "plan_id", "status", "published", "goals")
            if listed
            else ("pk", "plan_id", "status", "first_published_at")
        )
        base = (
            projects.filter(self.counted(conditions))
            .order_by()
            .annotate(**flags)
            .values_list(*fields, *flags)
        )
        try:
            sql, params = base.query.sql_with_params()
        except EmptyResultSet:  # no project can match (no word found, say)
            return [], {facet: {} for facet in self.facets()}
        parts = [
            "SELECT 'result', CAST(id AS TEXT), ROW_NUMBER() OVER (ORDER BY published DESC, id) "
            "FROM base WHERE in_goal AND in_area AND in_status"
        ]
        if "status" in self.facets():
            parts.append(
                "SELECT 'status', status, COUNT(*) FROM base "
                "WHERE in_goal AND in_area GROUP BY status"
            )
        if "area" in self.facets():
            parts.append(
                "SELECT 'area', CAST(plan_id AS TEXT), COUNT(*) FROM base "
                "WHERE in_goal AND in_status GROUP BY plan_id"
            )
        if "goal" in self.facets() and listed:
            # Each goal is once in a project's array (search.listing).
            parts.append(
                "SELECT 'goal', CAST(tag.goal AS TEXT), COUNT(*) "
                "FROM base CROSS JOIN LATERAL UNNEST(base.goals) AS tag (goal) "
                "WHERE in_area AND in_status GROUP BY tag.goal"
            )
        elif "goal" in self.facets():
            # A project has each goal once, but DISTINCT keeps a count honest if it had not.
            parts.append(
                "SELECT 'goal', CAST(tag.goal AS TEXT), COUNT(DISTINCT base.id) FROM base "
                f"JOIN {ProjectGoal._meta.db_table} tag ON tag.page_id = base.id "
                "WHERE in_area AND in_status GROUP BY tag.goal"
            )
        columns = ["id", "plan_id", "status", "published", *(["goals"] if listed else [])]
        columns = ", ".join([*columns, *flags])
        with connection.cursor() as cursor:
            cursor.execute(f"WITH base ({columns}) AS ({sql}) " + " UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
        return self.read_rows(rows)

    def read_rows(self, rows):
        slugs = {str(area.pk): area.slug for area in self.areas}
        keys = {"goal": int, "area": slugs.get, "status": str}
        results, counts = [], {facet: {} for facet in self.facets()}
        for kind, key, value in rows:
            if kind == "result":
                results.append((value, int(key)))
            elif key is not None and keys[kind](key) is not None:
                counts[kind][keys[kind](key)] = value
        return [pk for _, pk in sorted(results)], counts

    def run(self):
        backend = get_search_backend()
        if hasattr(backend, "listed_projects"):
            return self.run_listed(backend)
        subquery = self.matching_subquery()
        matching_ids = self.matching_ids() if subquery is None else subquery
        projects = self.projects
        if matching_ids is not None:
            projects = projects.filter(pk__in=matching_ids)
        result_ids, facets = self.results_and_counts(projects)
        if matching_ids is not None and self.query.sort == "relevance":
            # With a subquery, only the results are ranked (one query, as many as they are).
            ranked = matching_ids if subquery is None else self.matching_ids(among=result_ids)
            kept = set(result_ids)
            result_ids = [pk for pk in ranked if pk in kept]
        return self.outcome(result_ids, facets)

    def run_listed(self, backend):
        """PostgreSQL: the projects, their words and what they are filtered by in one narrow
        table kept for the search (`search.listing`), so neither the words nor the counts
        join the page table; only the results are ranked."""
        rows = backend.listed_projects(self.locale, self.plan, self.goal, self.words)
        if self.query.text and not self.words:
            rows = rows.none()
        result_ids, facets = self.results_and_counts(rows, listed=True)
        if self.query.text and self.query.sort == "relevance" and result_ids:
            result_ids = backend.rank_projects(result_ids, self.words)
        return self.outcome(result_ids, facets)

    def outcome(self, result_ids, facets):
        page = Paginator(result_ids, RESULTS_PER_PAGE).get_page(self.query.page)
        by_id = ProjectPage.for_listing(ProjectPage.objects.filter(pk__in=page.object_list))
        by_id = {project.pk: project for project in by_id}
        page.object_list = [by_id[pk] for pk in page.object_list]
        return SearchOutcome(
            query=self.query, page=page, total=len(result_ids), facets=facets, areas=self.areas
        )

    def facets(self):
        return [
            facet
            for facet in FACETS
            if not (facet == "area" and self.plan) and not (facet == "goal" and self.goal)
        ]


@dataclass
class SearchOutcome:
    """One page of results, and for each facet its choices with their counts."""

    query: ProjectQuery
    page: object
    total: int
    facets: dict
    areas: list

    def goal_options(self):
        counts = self.facets.get("goal")
        if counts is None:
            return []
        return [
            (goal, goal.number in self.query.goals, counts.get(goal.number, 0))
            for goal in goals().values()
        ]

    def area_options(self):
        counts = self.facets.get("area", {})
        return [
            (area, area.slug in self.query.areas, counts.get(area.slug, 0)) for area in self.areas
        ]

    def status_options(self):
        counts = self.facets.get("status")
        if counts is None:
            return []
        return [
            (value, label, value in self.query.statuses, counts.get(value, 0))
            for value, label in ProjectStatus.choices
        ]


class AreaChoice(NamedTuple):
    """An area a visitor can filter by: all a filter shows and counts by."""

    pk: int
    slug: str
    title: str


def area_choices(locale, plan=None) -> list[AreaChoice]:
    """The areas a visitor can filter by; none within one plan."""
    if plan is not None:
        return []

    def read():
        areas = LocalAreaPlanPage.objects.live().public().filter(locale=locale)
        # Plain rows, not pages: a page instance per area cost more than the query (50 areas).
        rows = areas.order_by("title").values_list("pk", "slug", "title")
        return [AreaChoice(*row) for row in rows]

    # Every search and goal page shows them; they change with a plan's publishing.
    return remembered(current_request(), ("area-choices", locale.pk), read)
