"""The places of the plans on the site's maps: each area, and the projects placed in one.

`places` draws them; this says what is drawn: names, addresses, numbers and colours."""

from django.db.models import Func, IntegerField, OuterRef, Subquery
from django.utils.translation import gettext as _

from core.sites import site_settings
from places.models import MapSettings
from places.svg import Place

AREA_COLOURS = 6  # map-colour-0 … map-colour-5 in site.css


def area_name(plan) -> str:
    if plan.concluded_on:
        return _("%(area)s (concluded)") % {"area": plan.title}
    return plan.title


class CountDistinct(Func):
    """COUNT(DISTINCT …) as a plain function: in a subquery, with no GROUP BY to make."""

    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def with_area_colours(plans):
    """`plans` (a queryset) each with its colour as `area_colours` gives it, in the same query:
    the number of areas whose translation key sorts before its own."""
    from .models import LocalAreaPlanPage

    before = LocalAreaPlanPage.objects.filter(translation_key__lt=OuterRef("translation_key"))
    rank = before.order_by().annotate(areas=CountDistinct("translation_key")).values("areas")
    return plans.annotate(area_rank=Subquery(rank, output_field=IntegerField()))


def area_colour(plan, colours):
    rank = getattr(plan, "area_rank", None)
    if rank is not None:
        return str(rank % AREA_COLOURS)
    return colours.get(plan.translation_key, "0")


def area_colours() -> dict:
    """Each area's colour by its translation key, which its pages in every language share: an
    area is the same colour on the Danish and the English map (one query, in no language)."""
    from .models import LocalAreaPlanPage

    keys = LocalAreaPlanPage.objects.order_by("translation_key").values_list(
        "translation_key", flat=True
    )
    return {key: str(rank % AREA_COLOURS) for rank, key in enumerate(dict.fromkeys(keys))}


def area_places(plans, request=None) -> list[Place]:
    """The areas of the plans that have one, each in its own colour (grey once concluded)."""
    plans = [plan for plan in plans if plan.area]
    ranked = all(getattr(plan, "area_rank", None) is not None for plan in plans)
    colours = area_colours() if plans and not ranked else {}
    return [
        Place(
            name=area_name(plan),
            url=plan.get_url(request),
            geometry=plan.area,
            colour="concluded" if plan.concluded_on else area_colour(plan, colours),
        )
        for plan in plans
    ]


def project_places(projects, request=None) -> list[Place]:
    """Projects placed on the map, numbered in the order given, as the list beside the map."""
    return [
        Place(
            name=project.title,
            url=project.get_url(request),
            geometry=project.site,
            number=number,
            kind="site",
        )
        for number, project in enumerate((p for p in projects if p.site), start=1)
    ]


def municipality_outline(request):
    return site_settings(request, MapSettings).outline if request else None


# What `results_map` gives a template.
RESULTS_MAP_KEYS = ("map_places", "map_sites", "map_outline", "map_fit", "map_unplaced")


def results_map(projects, request) -> dict:
    """A page of found projects (a goal page's, the search's) on the municipality's map, for
    `components/projects_map.html`; every value empty when none of them is placed."""
    projects = list(projects)
    sites = project_places(projects, request)
    if not sites:
        return dict.fromkeys(RESULTS_MAP_KEYS)
    outline = municipality_outline(request)
    return {
        "map_places": sites,
        "map_sites": sites,
        "map_outline": outline,
        # The whole municipality, or the projects where it has no outline.
        "map_fit": None if outline else [site.geometry for site in sites],
        "map_unplaced": len(projects) - len(sites),
    }
