"""What a page says about itself in <head>: canonical address, Open Graph, JSON-LD, feeds."""

from django import template
from django.utils.translation import get_language

from home.models import HomePage
from plan_pages.feeds import area_feeds, goal_feeds, site_feeds
from plan_pages.models import LocalAreaPlanPage
from plan_pages.structured_data import absolute_url, image_url, structured_data
from sdg.models import SDGGoalPage

register = template.Library()

OG_LOCALES = {"da": "da_DK", "en": "en_GB"}


def description(page):
    for field in ("search_description", "summary", "intro", "description"):
        if getattr(page, field, ""):
            return getattr(page, field)
    return ""


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context, versions=()):
    """The canonical address on every page; Open Graph and JSON-LD on Wagtail pages.

    `versions` are the page's language versions (`language_versions`), for og:locale:alternate.
    """
    request, page = context["request"], context.get("page")
    language = get_language() or "da"
    if page is None:
        return {"canonical": absolute_url(request.path, request)}
    canonical = page.get_full_url(request)
    return {
        "canonical": canonical,
        "og": {
            "title": page.seo_title or page.title,
            "description": description(page),
            "type": "website" if isinstance(page, HomePage) else "article",
            "url": canonical,
            "image": image_url(page, request) if getattr(page, "image", None) else None,
            "image_alt": page.image.title if getattr(page, "image", None) else "",
            "locale": OG_LOCALES.get(language[:2], language),
            "alternates": [
                OG_LOCALES.get(version["code"], version["code"])
                for version in versions
                if version["translated"] and version["code"] != language[:2]
            ],
        },
        "structured_data": structured_data(page, request),
    }


@register.simple_tag(takes_context=True)
def page_feeds(context):
    """The project feeds a page offers: the site's, its area's or its goal's."""
    page = context.get("page")
    if isinstance(page, HomePage):
        return site_feeds()
    if isinstance(page, LocalAreaPlanPage):
        return area_feeds(page)
    if isinstance(page, SDGGoalPage):
        return goal_feeds(page.number)
    return []
