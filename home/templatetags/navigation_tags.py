from django import template

from wagtail.models import Locale

from home.models import HomePage
from sdg.models import SDGIndexPage

register = template.Library()


@register.inclusion_tag("navigation/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The overview and the goals, in the language the visitor reads."""
    locale = Locale.get_active()
    home = HomePage.objects.live().filter(locale=locale).first()
    goals_page = SDGIndexPage.objects.live().child_of(home).first() if home else None
    current = context.get("page")
    return {
        "request": context["request"],
        "items": [item for item in (home, goals_page) if item is not None],
        "current_path": current.path if current else "",
    }


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page else []
    return {"request": context["request"], "ancestors": ancestors, "page": page}
