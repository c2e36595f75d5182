"""The areas and the projects as open map data: GeoJSON FeatureCollections (RFC 7946).

Under each language prefix (/da/geo/…, /en/…), like the feeds: only live pages that anyone may
see, in that language (or the one `?locale=` names). The projects are filtered as the API
filters them (`goal`, `area`, `status`); an area by `area`. A parameter or value that is not
taken is a 400 with a message, never a 500. The geometries are stored checked and in RFC 7946's
order (longitude, latitude; outer rings anticlockwise) by `places.geometry`, so they are written
as stored. Projects that are not placed on the map are left out (the API lists every project).
A fixed number of queries however many areas and projects (docs/api.md).
"""

import json

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

from .api import filter_projects, plan_q
from .models import LocalAreaPlanPage, ProjectGoal, ProjectPage, ProjectStatus

MEDIA_TYPE = "application/geo+json"
AREA_PARAMETERS = {"area", "locale"}
PROJECT_PARAMETERS = {"goal", "area", "status", "locale"}


def requested_locale(params, known):
    """The language asked for: `?locale=`, else the address's own; unknown parameters refused."""
    unknown = sorted(set(params) - known)
    if unknown:
        raise BadRequestError(
            "unknown parameters: %s (known: %s)" % (", ".join(unknown), ", ".join(sorted(known)))  # noqa: UP031
        )
    if any(len(params.getlist(name)) > 1 for name in params):
        raise BadRequestError("each parameter may be given once")
    if any("\x00" in value or len(value) > 200 for value in params.values()):
        raise BadRequestError("a value is too long or holds a control character")
    code = params.get("locale")
    if code is None:
        return Locale.get_active()
    if code not in dict(settings.LANGUAGES):
        raise BadRequestError(
            "locale must be one of: %s" % ", ".join(dict(settings.LANGUAGES))  # noqa: UP031
        )
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise BadRequestError(f"no pages in the language {code}")
    return locale


def geojson_response(data, status=200):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body, status=status, content_type=MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"  # open data, read without cookies
    return response


def refused(error):
    response = HttpResponse(
        json.dumps({"message": str(error)}), status=400, content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def feature(geometry, properties):
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(features, locale):
    return {
        "type": "FeatureCollection",
        "name": "",
        "language": locale.language_code,
        "features": features,
    }


def in_its_language(build, known):
    """A view that writes its document in the language asked for (names, status labels)."""

    @require_GET
    def view(request):
        try:
            locale = requested_locale(request.GET, known)
            with translation.override(locale.language_code):
                return geojson_response(build(request, locale))
        except BadRequestError as error:
            return refused(error)

    return view


def areas_document(request, locale):
    """Each area with a map outline: name, language, address, status (ongoing or concluded),
    its projects' goals, and its projects counted in total and by status."""
    plans = LocalAreaPlanPage.objects.live().public().filter(locale=locale, area__isnull=False)
    if "area" in request.GET:
        plans = plans.filter(plan_q(request.GET["area"]))
    plans = list(plans.order_by("title"))
    projects = ProjectPage.objects.live().public().filter(locale=locale, plan__in=plans)
    counts = {}
    for row in projects.values("plan_id", "status").annotate(n=Count("pk")).order_by():
        counts.setdefault(row["plan_id"], {})[row["status"]] = row["n"]
    goals = {}
    tags = ProjectGoal.objects.filter(page__in=projects.values("pk"))
    for plan_id, goal in tags.values_list("page__plan_id", "goal").distinct():
        goals.setdefault(plan_id, set()).add(goal)
    features = []
    for plan in plans:
        if not plan.area:
            continue
        by_status = counts.get(plan.pk, {})
        properties = {
            "id": plan.pk,
            "name": plan.title,
            "language": locale.language_code,
            "url": plan.get_full_url(request),
            "status": "concluded" if plan.concluded_on else "ongoing",
            "plan_kind": plan.plan_kind,
            "villages": plan.villages,
            "goals": sorted(goals.get(plan.pk, ())),
            "project_count": sum(by_status.values()),
            "project_counts": {status: by_status.get(status, 0) for status in ProjectStatus.values},
        }
        features.append(feature(plan.area, properties))
    data = collection(features, locale)
    data["name"] = _("The local areas of Næstved Kommune")
    return data


def projects_document(request, locale):
    """Each project placed on the map: name, language, address, status, goals and area."""
    projects = filter_projects(
        ProjectPage.objects.live().public().filter(locale=locale), request.GET
    )
    projects = (
        projects.filter(site__isnull=False)
        .select_related("plan")
        .prefetch_related("goal_tags")
        .order_by("title", "pk")
    )
    features = []
    for project in projects:
        if not project.site:
            continue
        plan = project.plan
        properties = {
            "id": project.pk,
            "name": project.title,
            "language": locale.language_code,
            "url": project.get_full_url(request),
            "status": project.status,
            "status_label": str(ProjectStatus(project.status).label),
            "goals": sorted({tag.goal for tag in project.goal_tags.all()}),
            "area": plan and {"id": plan.pk, "name": plan.title, "slug": plan.slug},
        }
        features.append(feature(project.site, properties))
    data = collection(features, locale)
    data["name"] = _("Projects of the local development plans in Næstved Kommune")
    return data


areas_geojson = in_its_language(areas_document, AREA_PARAMETERS)
projects_geojson = in_its_language(projects_document, PROJECT_PARAMETERS)


def geodata_links(areas=True, **filters):
    """<link rel="alternate"> entries for a page's <head> and its visible open-data links: the
    areas' and the projects' GeoJSON (the projects' alone when `areas` is False)."""
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    suffix = f"?{query}" if query else ""
    return [
        {
            "kind": "geojson",
            "type": MEDIA_TYPE,
            "title": title,
            "url": reverse(name) + suffix,
        }
        for name, title in (
            ("geo-areas", _("The areas as map data (GeoJSON)")),
            ("geo-projects", _("The projects as map data (GeoJSON)")),
        )
        if areas or name == "geo-projects"
    ]
