from django.template.response import TemplateResponse

from wagtail.models import Locale

from plan_pages.listing import ProjectQuery, ProjectSearch, area_choices


def search(request):
    """Projects of the active language by words, UN goal, local area and status.

    Every state of the page is a plain GET address, so it works without JavaScript and can
    be shared and bookmarked.
    """
    locale = Locale.get_active()
    area_slugs = set(area_choices(locale).values_list("slug", flat=True))
    query = ProjectQuery.from_params(request.GET, area_slugs)
    outcome = ProjectSearch(query, locale).run()
    return TemplateResponse(
        request,
        "pages/search_page.html",
        {"query": query, "search_query": query.text, "outcome": outcome},
    )
