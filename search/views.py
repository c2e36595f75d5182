from django.template.response import TemplateResponse

from wagtail.models import Locale

from plan_pages.listing import ProjectSearch


def search(request):
    """Projects of the active language by words, UN goal, local area and status.

    Every state of the page is a plain GET address, so it works without JavaScript and can
    be shared and bookmarked.
    """
    outcome = ProjectSearch.from_params(request.GET, Locale.get_active()).run()
    return TemplateResponse(
        request,
        "pages/search_page.html",
        {"query": outcome.query, "search_query": outcome.query.text, "outcome": outcome},
    )
