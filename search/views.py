from django.template.response import TemplateResponse

from wagtail.models import Locale

from plan_pages.listing import ProjectSearch

from .groups import grouped_results


def search(request):
    """Everything of the active language by words: local areas, projects (with their goal, area
    and status filters), ideas and surveys, UN goals and other pages, grouped by kind.

    Every state of the page is a plain GET address, so it works without JavaScript and can
    be shared and bookmarked.
    """
    locale = Locale.get_active()
    outcome = ProjectSearch.from_params(request.GET, locale).run()
    groups = grouped_results(outcome.query.text, locale)
    return TemplateResponse(
        request,
        "pages/search_page.html",
        {
            "query": outcome.query,
            "search_query": outcome.query.text,
            "outcome": outcome,
            # The local areas come first: a village's name leads to its area's plan.
            "groups_before": [group for group in groups if group.key == "areas"],
            "groups_after": [group for group in groups if group.key != "areas"],
        },
    )
