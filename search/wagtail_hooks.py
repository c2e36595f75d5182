from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks


@hooks.register("main_navigation_items")
def find_projects(request):
    """The search page in the main navigation, marked current while it is shown."""
    match = request.resolver_match
    return [
        {
            "title": _("Find projects"),
            "url": reverse("search"),
            "current": match is not None and match.url_name == "search",
        }
    ]


@hooks.register("project_page_sections")
def project_tags_as_searches(project, request):
    """A project's tags, each a search for its word: the other projects, ideas and pages that
    speak of it, in every area. `plan_pages` does not show the tags itself: without the search
    they would be words to read, not a way on."""
    tags = [tag.name for tag in project.tags.all()]
    if not tags:
        return ""
    return render_to_string("components/project_tags.html", {"tags": tags}, request=request)
