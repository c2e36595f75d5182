from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from plan_pages.listing import ProjectSearch

from .groups import grouped_results
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
    locale = Locale.get_active()
    outcome = ProjectSearch.from_params(request.GET, locale).run()
    query = outcome.query
    groups = grouped_results(query.text, locale)
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
        },
    )
