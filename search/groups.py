"""Everything else a resident looks for, beside the projects: grouped by kind.

Projects have their own faceted search (`plan_pages.listing`); this finds the other pages of the
active language (plans, surveys, goals, annual reports, information pages) and the ideas from
the citizens' meetings, and sorts them into groups. Pages of apps this one does not know (the
information pages of `home`, which sits beside `search`) fall into "Pages".

The number of queries is fixed: one for the (at most MAX_CANDIDATES) best matching pages, one
to load them (each page row joined with its type's own, for the fields a result shows), one
for the matching ideas and one to load them; none per result.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend

from core.models import SitePageQuerySet
from participation.models import Idea, SurveyPage
from plan_pages.models import AnnualReportPage, LocalAreaPlanPage, ProjectPage
from sdg.models import SDGGoalPage, SDGIndexPage

from .wordforms import query_forms, stem_text, words

MAX_PER_GROUP = 10
# The best matches loaded to fill the groups: enough for MAX_PER_GROUP in each, however many
# pages match.
MAX_CANDIDATES = 100
# What a result shows and orders by (`page_result`, `order`), where the page type has it.
RESULT_FIELDS = (
    *("title", "url_path", "path", "depth", "locale", "search_description"),
    *("villages", "number", "short_title", "plan", "summary"),
)
# What each group holds; the projects come between the areas and the ideas on the page.
GROUPS = {
    "areas": _("Local areas"),
    "participation": _("Ideas and surveys"),
    "goals": _("UN goals"),
    "pages": _("Pages"),
}
GROUP_OF_TYPE = {
    LocalAreaPlanPage: "areas",
    SurveyPage: "participation",
    SDGGoalPage: "goals",
    SDGIndexPage: "goals",
    AnnualReportPage: "pages",
}


@dataclass
class Result:
    title: str
    url: str
    context: str = ""


@dataclass
class ResultGroup:
    key: str
    results: list = field(default_factory=list)

    @property
    def heading(self):
        return GROUPS[self.key]

    @property
    def anchor(self):
        return f"results-{self.key}"


def ranked_ids(queryset, text) -> list[int]:
    """The ids the search backend finds for the words, best first where the backend ranks."""
    backend = get_search_backend()
    if hasattr(backend, "ranked_ids"):  # SQLite: see search.sqlite
        return backend.ranked_ids(queryset, text)
    results = backend.search(text, queryset, operator="and")
    return list(dict.fromkeys(results.get_queryset().values_list("pk", flat=True)))


def other_page_types() -> list[int]:
    """The content types of every page type but the projects (which have their own search):
    named, so the database finds them by its index on the page type, not by reading every
    project's row."""
    return [
        ContentType.objects.get_for_model(model).pk
        for model in get_page_models()
        if not issubclass(model, ProjectPage)
    ]


def child_path(model) -> str:
    """The lookup from a page row to its row of `model`'s own table (e.g. "localareaplanpage")."""
    names = []
    while model is not Page:
        names.insert(0, model._meta.model_name)
        model = next(iter(model._meta.parents))
    return "__".join(names)


def result_columns(model) -> dict:
    """Where each field a result of `model` shows is read from, starting at the page row:
    {field's attribute name: lookup}."""
    names = {field.name for field in model._meta.concrete_fields}
    columns = {}
    for name in RESULT_FIELDS:
        if name not in names:
            continue
        field = model._meta.get_field(name)
        owner = field.model._meta.concrete_model
        prefix = "" if owner is Page else f"{child_path(owner)}__"
        columns[field.attname] = f"{prefix}{field.name}"
    return columns


def load_for_results(ids) -> tuple[dict, dict]:
    """The pages of `ids`, each as its own type with only the fields a result shows (not
    their texts and stream fields), and the titles of the areas they belong to: one query,
    the page rows joined with each type's own table. An area's title is read by a subquery
    per result, not by joining the areas' rows to each type that has an area: fewer joins
    are less for the database to plan."""
    models = [
        model
        for model in get_page_models()
        if not issubclass(model, ProjectPage) and not model._meta.abstract
    ]
    columns = {model: result_columns(model) for model in models}
    lookups = {lookup for model_columns in columns.values() for lookup in model_columns.values()}
    rows = Page.objects.filter(pk__in=ids).values("pk", "content_type_id", *lookups)
    if plans := sorted(lookup for lookup in lookups if lookup.split("__")[-1] == "plan"):
        plan_title = Page.objects.filter(pk=OuterRef("result_plan")).order_by().values("title")
        rows = rows.annotate(
            result_plan=Coalesce(*plans) if len(plans) > 1 else F(plans[0]),
            result_plan_title=Subquery(plan_title),
        )
    by_id, plan_titles = {}, {}
    for row in rows:
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        if model not in columns:  # a page type whose app has been removed
            continue
        fields = {attname: row[lookup] for attname, lookup in columns[model].items()}
        page = page_of_fields(model, row["pk"], fields, rows.db)
        by_id[page.pk] = page
        if fields.get("plan_id"):
            plan_titles[fields["plan_id"]] = row["result_plan_title"]
    return by_id, plan_titles


def page_of_fields(model, pk, fields, db):
    """A page of `model` with only `fields` read, as a queryset's `only()` makes it: the other
    fields are deferred, not given their defaults (a stream field is costly to make empty)."""
    concrete = model._meta.concrete_fields
    # The page's key, and its rows' links to one another (a type's table, its parent type's).
    links = {
        column.attname: pk
        for column in concrete
        if getattr(column.remote_field, "parent_link", False)
    }
    fields = {**fields, "id": pk, **links}
    names = [column.attname for column in concrete if column.attname in fields]
    return model.from_db(db, names, [fields[name] for name in names])


def names_a_place(plan, query_words) -> bool:
    """Does the plan's title or its list of villages and parishes name one of the words?"""
    places = set(words(f"{plan.title} {plan.villages}"))
    return any(word in places for word in query_words)


def title_matches(page, query, language) -> bool:
    """Does the page's title (or a goal's short title) hold every word of the query, in one of
    its forms? Such pages come first in their group: the goal of "klima" is goal 13, not the
    goals that mention climate in one of their targets."""
    stems = title_stems(f"{page.title} {getattr(page, 'short_title', '')}", language)
    return all(
        any(
            stem == form or (prefix and stem.startswith(form))
            for stem in stems
            for form, prefix in word
        )
        for word in query_forms(query, language)
    )


@lru_cache(maxsize=4096)
def title_stems(title, language) -> frozenset:
    """The stems of a title's words: every search asks them of up to MAX_CANDIDATES titles,
    mostly the same ones."""
    return frozenset(stem_text(title, language).split())


def order(found, query_words, language):
    """Plans that name the place first, then pages whose titles hold the words, then the rest,
    each tier in the backend's order."""
    phrase = " ".join(query_words)
    return sorted(
        found,
        key=lambda page: (
            not (isinstance(page, LocalAreaPlanPage) and names_a_place(page, query_words)),
            not title_matches(page, phrase, language),
        ),
    )


def page_result(page, plan_titles, request) -> Result:
    """A page's title and address, with a line that places it: an area's villages, the area
    a survey or a report belongs to, or a page's summary."""
    # With the request, Wagtail reads the sites' root paths once, not once per result.
    url = page.get_url(request)
    if isinstance(page, LocalAreaPlanPage):
        return Result(page.title, url, page.villages)
    if isinstance(page, SDGGoalPage):
        return Result(f"{page.number}. {page.short_title}", url, page.title)
    if getattr(page, "plan_id", None) in plan_titles:
        return Result(page.title, url, plan_titles[page.plan_id])
    return Result(page.title, url, getattr(page, "summary", "") or page.search_description)


def grouped_results(text: str, locale, request=None) -> list[ResultGroup]:
    """The groups that have results for the words, in the order they are shown."""
    query_words = words(text)
    if not query_words:
        return []
    phrase = " ".join(query_words)
    groups = {key: ResultGroup(key) for key in GROUPS}
    # The site's `public()`: the private sections as remembered, not a query of their own.
    pages = SitePageQuerySet(Page).live().public()
    pages = pages.filter(locale=locale, content_type__in=other_page_types())
    ids = ranked_ids(pages, phrase)[:MAX_CANDIDATES]
    by_id, plan_titles = load_for_results(ids)
    found = [by_id[pk] for pk in ids if pk in by_id]
    for page in order(found, query_words, locale.language_code):
        group = groups[GROUP_OF_TYPE.get(type(page), "pages")]
        if len(group.results) < MAX_PER_GROUP:
            group.results.append(page_result(page, plan_titles, request))
    groups["participation"].results += idea_results(phrase, locale, request)
    return [group for group in groups.values() if group.results]


def idea_results(phrase, locale, request=None) -> list[Result]:
    ids = ranked_ids(Idea.objects.all(), phrase)
    live_plans = LocalAreaPlanPage.objects.live().public().filter(locale=locale)
    ideas = (
        Idea.objects.filter(pk__in=ids, locale=locale, page__in=live_plans)
        .select_related("page")
        .order_by("page__title", "number")[:MAX_PER_GROUP]
    )
    return [
        Result(idea.title, f"{idea.page.get_url(request)}#ideas-heading", idea.page.title)
        for idea in ideas
    ]
