import json

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from django_ratelimit.core import is_ratelimited

from core.sites import current_site
from plan_pages.listing import ProjectSearch
from plan_pages.maps import results_map

from .groups import grouped_results
from .suggestions import suggestions
from .typos import did_you_mean, filters_to_remove, suggested_query_url

DESCRIPTION = _(
    "Search local areas, projects, ideas, surveys and the UN goals. "
    "Filter the projects by UN goal, area and status."
)


def search(request):
    """Everything of the active language by words: local areas, projects (with their goal, area
    and status filters), ideas and surveys, UN goals and other pages, grouped by kind.

    Every state of the page is a plain GET address, so it works without JavaScript and can
    be shared and bookmarked.
    """
    # Wagtail's page addresses look the request's site up (a query) unless it is on the
    # request; a page view has it from routing, this view takes the remembered one.
    current_site(request)
    locale = Locale.get_active()
    outcome = ProjectSearch.from_params(request.GET, locale).run()
    query = outcome.query
    groups = grouped_results(query.text, locale, request)
    nothing_found = not outcome.total and not groups
    suggestion = did_you_mean(query.text, locale) if nothing_found else None
    return TemplateResponse(
        request,
        "pages/search_page.html",
        {
            "query": query,
            "search_query": query.text,
            "meta_description": DESCRIPTION,
            "outcome": outcome,
            # The local areas come first: a village's name leads to its area's plan.
            "groups_before": [group for group in groups if group.key == "areas"],
            "groups_after": [group for group in groups if group.key != "areas"],
            "suggestion": suggestion,
            "suggestion_url": suggested_query_url(request.GET, suggestion) if suggestion else "",
            # No project found: each active filter, with the address that leaves it out.
            "filters_to_remove": (
                [] if outcome.total else filters_to_remove(query, request.GET, outcome.areas)
            ),
            # The page of projects found, on a map beside their numbered list.
            **results_map(outcome.page.object_list, request),
        },
    )


# JSON that is also safe to look at as HTML: < > & never appear as themselves.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_response(data, status=200):
    body = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return HttpResponse(body, status=status, content_type="application/json")


@require_GET
def search_suggestions(request):
    """Suggestions for the words typed so far, in the language of the address (JSON), for the
    header's search field (search/static/search/suggest.js). The search form works without."""
    if is_ratelimited(
        request,
        group="search-suggestions",
        key="ip",
        rate=settings.SEARCH_SUGGESTION_RATE,
        increment=True,
    ):
        response = json_response({"error": str(_("Too many requests. Wait a moment."))}, 429)
        response["Retry-After"] = "60"
        return response
    current_site(request)  # as in `search`: no query per request for the site
    response = json_response(suggestions(request.GET.get("q", ""), Locale.get_active(), request))
    # The same words give the same answer for everyone for a few minutes.
    patch_cache_control(response, public=True, max_age=60)
    return response
