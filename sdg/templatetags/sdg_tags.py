from django import template

from wagtail.models import Locale

from sdg.goals import goals
from sdg.models import SDGGoalPage

register = template.Library()


def goal_pages_for(request) -> dict[int, SDGGoalPage]:
    """The live goal pages of the active language, looked up once per request."""
    if not hasattr(request, "_sdg_goal_pages"):
        request._sdg_goal_pages = {
            page.number: page
            for page in SDGGoalPage.objects.live().filter(locale=Locale.get_active())
        }
    return request._sdg_goal_pages


@register.inclusion_tag("components/sdg_goal_tags.html", takes_context=True)
def sdg_goal_tags(context, numbers):
    """Goal tags in the official colours, each linking to its goal page in this language."""
    pages = goal_pages_for(context["request"])
    return {
        "request": context["request"],
        "goals": [(goals()[number], pages.get(number)) for number in sorted(set(numbers))],
    }


@register.filter
def sdg_short_title(goal):
    """The goal's short title in the active language."""
    return goal.text("short_title")
