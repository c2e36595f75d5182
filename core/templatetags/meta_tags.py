"""What a page says about itself in <head>: canonical address, Open Graph, JSON-LD, feeds.

Each page type says it through its own methods (`core.models.BasePage`); other apps may add
feeds to any page through the hook `page_feeds(page)`.
"""

from django import template
from django.utils.translation import get_language

from wagtail.models import Page

from core.metadata import absolute_url, image_url, json_ld_script
from core.plugins import contributions

register = template.Library()

OG_LOCALES = {"da": "da_DK", "en": "en_GB"}


def call(page, method, *args, default=None):
    """`page.method(*args)` for pages of our own types; `default` for others (Wagtail's root)."""
    function = getattr(page, method, None)
    return function(*args) if function else default


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context, versions=()):
    """The canonical address on every page; Open Graph and JSON-LD on Wagtail pages.

    `versions` are the page's language versions (`language_versions`), for og:locale:alternate.
    """
    request, page = context["request"], context.get("page")
    language = (get_language() or "da")[:2]
    if not isinstance(page, Page):
        return {"canonical": absolute_url(request.path, request)}
    canonical = page.get_full_url(request)
    image = call(page, "share_image")
    data = call(page, "structured_data", request)
    return {
        "canonical": canonical,
        "og": {
            "title": page.seo_title or page.title,
            "description": call(page, "share_description", default=page.search_description),
            # Front pages (the site root and its translations) sit at depth 2.
            "type": "website" if page.depth <= 2 else "article",
            "url": canonical,
            "image": image_url(image, request),
            "image_alt": image.title if image else "",
            "locale": OG_LOCALES.get(language, language),
            "alternates": [
                OG_LOCALES.get(version["code"], version["code"])
                for version in versions
                if version["translated"] and version["code"] != language
            ],
        },
        "structured_data": json_ld_script(data) if data else "",
    }


@register.simple_tag(takes_context=True)
def page_feeds(context):
    """The feeds a page offers: its own, and those other apps add for it."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    return [*call(page, "feeds", default=[]), *contributions("page_feeds", page)]
