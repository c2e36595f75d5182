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
