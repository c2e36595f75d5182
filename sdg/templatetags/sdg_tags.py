from functools import partial

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant

from sdg.goals import goals, targets
from sdg.models import SDGGoalPage

register = template.Library()


def goal_pages_for(request) -> dict[int, SDGGoalPage]:
    """The live goal pages of the active language, looked up once per request: what a link to
    one reads (its number, short title and address), not the goal's texts.

    A project may keep them longer: SDG_REMEMBER names a function (request, key, compute) that
    returns compute()'s value, remembered until a page is published, moved or deleted."""
    if not hasattr(request, "_sdg_goal_pages"):
        language = get_supported_content_language_variant(get_language())
        read = partial(live_goal_pages, language)
        remember = getattr(settings, "SDG_REMEMBER", None)
        if remember:
            request._sdg_goal_pages = import_string(remember)(
                request, ("sdg-goals", language), read
            )
        else:
            request._sdg_goal_pages = read()
    return request._sdg_goal_pages


def live_goal_pages(language) -> dict[int, SDGGoalPage]:
    # The locale by its language code, joined, not looked up first.
    pages = SDGGoalPage.objects.live().filter(locale__language_code=language)
    return {page.number: page for page in pages.only("number", "short_title", "url_path")}


def goal_page_url(request, number) -> str | None:
    """The address of the goal's live page in the active language, worked out once per
    request: a page of project cards links to the same few goals again and again."""
    urls = request.__dict__.setdefault("_sdg_goal_urls", {})
    if number not in urls:
        page = goal_pages_for(request).get(number)
        urls[number] = page.get_url(request) if page else None
    return urls[number]


@register.inclusion_tag("components/sdg_goal_tags.html", takes_context=True)
def sdg_goal_tags(context, numbers):
    """Goal tags in the official colours, each linking to its goal page in this language."""
    request = context["request"]
    pages = goal_pages_for(request)
    return {
        "goals": [
            (goals()[number], pages.get(number), goal_page_url(request, number))
            for number in sorted(set(numbers))
        ],
    }


@register.inclusion_tag("components/sdg_targets.html", takes_context=True)
def sdg_targets(context, codes):
    """The targets by code and text, each linking to its place on its goal's page: a code such
    as "15.5" alone says nothing to a resident."""
    request = context["request"]
    known = [targets()[code] for code in codes if code in targets()]
    return {"targets": [(target, goal_page_url(request, target.goal)) for target in known]}


@register.simple_tag(takes_context=True)
def goal_url(context, goal):
    """The address of the goal's live page in the active language, or None."""
    return goal_page_url(context["request"], goal.number)


@register.filter
def sdg_short_title(goal):
    """The goal's short title in the active language."""
    return goal.text("short_title")


@register.filter
def goal_colours(goal):
    """The goal's colour and the text colour that reads on it, as the CSS variables every goal
    swatch, tile and header uses: always both, so no text falls back to the page's colour."""
    return format_html("--goal-colour: {}; --goal-text: {}", goal.colour, goal.text_colour)


@register.filter
def sdg_title(goal_or_target):
    """A goal's or a target's full title in the active language."""
    return goal_or_target.text("title")
