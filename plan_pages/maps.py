"""The places of the plans on the site's maps: each area, and the projects placed in one.

`places` draws them; this says what is drawn: names, addresses, numbers and colours."""

from django.utils.translation import gettext as _

from places.models import MapSettings
from places.svg import Place

AREA_COLOURS = 6  # map-colour-0 … map-colour-5 in site.css


def area_name(plan) -> str:
    if plan.concluded_on:
        return _("%(area)s (concluded)") % {"area": plan.title}
    return plan.title


def area_places(plans, request=None) -> list[Place]:
    """The areas of the plans that have one, each in its own colour (grey once concluded)."""
    return [
        Place(
            name=area_name(plan),
            url=plan.get_url(request),
            geometry=plan.area,
            colour="concluded" if plan.concluded_on else str(index % AREA_COLOURS),
        )
        for index, plan in enumerate(plans)
        if plan.area
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
    return MapSettings.for_request(request).outline if request else None
