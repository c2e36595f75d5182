"""What a page says about itself in <head>: canonical address, Open Graph, JSON-LD, feeds.

Each page type says it through its own methods (`core.models.BasePage`); other apps may add
feeds to any page through the hook `page_feeds(page)`.
"""

from django import template
from django.utils.translation import get_language

from wagtail.models import Page

from core.metadata import absolute_url, image_url, json_ld_script, plain_description
from core.plugins import contributions

from .navigation_tags import site_contact

register = template.Library()

OG_LOCALES = {"da": "da_DK", "en": "en_GB"}


def call(page, method, *args, default=None):
    """`page.method(*args)` for pages of our own types; `default` for others (Wagtail's root)."""
    function = getattr(page, method, None)
    return function(*args) if function else default


def share_picture(page, contact):
    """The image a share preview shows and its alt text: the page's own (`share_image`), else
    the site's default in the page's language (`ContactDetails.share_image`)."""
    image = call(page, "share_image")
    if image is not None:
        return image, call(page, "share_image_alt", default="")
    if contact is not None and contact.share_image is not None:
        return contact.share_image, contact.share_image_alt
    return None, ""


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context, versions=()):
    """The canonical address on every page; the description, Open Graph and JSON-LD on Wagtail
    pages.

    The description is the page's `share_description` (the editor's search description, else
    the page's summary or introduction), as plain text; the share image the page's own, else
    the site's default; the site name the contact details' in the page's language.
    `versions` are the page's language versions (`language_versions`), for og:locale:alternate.
    """
    request, page = context["request"], context.get("page")
    language = (get_language() or "da")[:2]
    if not isinstance(page, Page):  # a view of its own (search): its description, if it has one
        return {
            "canonical": absolute_url(request.path, request),
            "description": context.get("meta_description", ""),
        }
    canonical = page.get_full_url(request)
    contact = site_contact(context)
    image, image_alt = share_picture(page, contact)
    data = call(page, "structured_data", request)
    description = call(page, "share_description", default=page.search_description)
    return {
        "canonical": canonical,
        "description": plain_description(description),
        "og": {
            "title": page.seo_title or page.title,
            "site_name": contact.site_name if contact else "",
            # Front pages (the site root and its translations) sit at depth 2.
            "type": "website" if page.depth <= 2 else "article",
            "url": canonical,
            "image": image_url(image, request),
            "image_alt": image_alt,
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
