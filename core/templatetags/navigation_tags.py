"""The site's chrome: navigation, breadcrumbs, language versions, contact and footer links.

The site's front page in each language is the root page of the Wagtail site, translated;
the main navigation is that page and its children marked "show in menus", followed by the
items other apps add through the hook `main_navigation_items(request)`.
"""

from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

from core.content_cache import GenerationMemo, remembered
from core.locales import known_locales
from core.models import ContactDetails, ContactSettings
from core.plugins import contributions
from core.sites import current_site, site_settings

register = template.Library()


def response_locale_id(context):
    """The id of the locale the response is in: its page's, else the active language's, looked
    up once per request (every part of the page's chrome asks)."""
    page, request = context.get("page"), context["request"]
    if isinstance(page, Page):
        return page.locale_id
    if not hasattr(request, "_locale_id"):
        request._locale_id = Locale.get_active().pk
    return request._locale_id


def front_page(request, locale_id):
    """The site's root page in the locale with id `locale_id`, if live."""
    site = current_site(request)
    if site is None:
        return None
    root = site.root_page
    if root.locale_id == locale_id:
        return root if root.live else None
    chrome = next(iter(getattr(request, "_chrome_pages", {}).values()), None)
    chrome = chrome or chrome_pages(request, None)
    if chrome is not None:
        root = chrome.fronts.get(locale_id)
    else:
        root = root.get_translation_or_none(locale_id)
    return root if root is not None and root.live else None


@dataclass
class ChromePages:
    """The pages every page's chrome shows, read in one query: the page's ancestors (the
    breadcrumbs), its translations (the language switcher), the site's front page in each
    language, the front pages' children shown in menus (the main navigation) and the footer's
    privacy page in each language."""

    ancestors: list = field(default_factory=list)
    translations: dict = field(default_factory=dict)  # {locale id: live page}
    fronts: dict = field(default_factory=dict)  # {locale id: front page}
    menu_children: list = field(default_factory=list)  # every front page's, in tree order
    privacy: dict = field(default_factory=dict)  # {locale id: live privacy page}


# The chrome of each page, kept apart from the site and its settings (core.content_cache) so
# that many pages never push those out.
remembered_chrome = GenerationMemo(max_entries=4096)


def once_per_request(request, name, page, compute):
    """compute()'s value for `page` (a Page, or None for a view that is not a page), worked
    out once per request: the head, the header and the breadcrumbs each ask."""
    memo = request.__dict__.setdefault(name, {})
    key = page.pk if isinstance(page, Page) else None
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def chrome_pages(request, page):
    """The chrome's pages for `page` (a Page, or None for a view that is not a page), read
    once per request and remembered per content change; None when the request has no site."""
    return once_per_request(
        request, "_chrome_pages", page, partial(remembered_chrome_pages, request, page)
    )


def remembered_chrome_pages(request, page):
    site = current_site(request)
    if site is None:
        return None
    if isinstance(page, Page) and page.pk is None:  # the preview of a page not yet created
        return read_chrome_pages(request, site, page)
    # Ancestors, translations, menus and the privacy page change only by a publish, unpublish,
    # move, deletion or a settings change: each bumps the generation.
    key = (site.pk, page.pk if isinstance(page, Page) else None)
    return remembered_chrome.get(request, key, partial(read_chrome_pages, request, site, page))


def read_chrome_pages(request, site, page) -> ChromePages:
    root = site.root_page
    wanted = Q(translation_key=root.translation_key, depth=root.depth) | Q(
        depth=root.depth + 1, show_in_menus=True, live=True
    )
    if isinstance(page, Page):
        steplen = page.steplen
        ancestor_paths = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
        wanted |= Q(path__in=ancestor_paths, depth__gt=1, live=True)
        wanted |= Q(translation_key=page.translation_key, live=True)
    privacy = site_settings(request, ContactSettings).privacy_page
    if privacy is not None:
        wanted |= Q(translation_key=privacy.translation_key, live=True)
    chrome = ChromePages()
    for found in Page.objects.filter(wanted).order_by("path"):
        if found.depth == root.depth and found.translation_key == root.translation_key:
            chrome.fronts[found.locale_id] = found
        elif found.depth == root.depth + 1 and found.show_in_menus and found.live:
            chrome.menu_children.append(found)
        if isinstance(page, Page):
            if page.path.startswith(found.path) and found.depth < page.depth and found.live:
                chrome.ancestors.append(found)
            if found.translation_key == page.translation_key and found.live:
                chrome.translations[found.locale_id] = found
        if privacy is not None and found.translation_key == privacy.translation_key:
            chrome.privacy[found.locale_id] = found
    return chrome


@register.simple_tag(takes_context=True)
def main_navigation_items(context):
    """[{title, url, current}] for the main navigation, in the visitor's language."""
    request, current = context["request"], context.get("page")
    front = front_page(request, response_locale_id(context))
    pages = []
    if front is not None:
        chrome = chrome_pages(request, current)
        children = [
            child
            for child in chrome.menu_children
            if child.path.startswith(front.path) and child.depth == front.depth + 1
        ]
        pages = [front, *children]
    items = [
        {
            "title": _("All plans") if page is front else page.title,
            "url": page.get_url(request),
            "current": current is not None and page.path == current.path,
        }
        for page in pages
    ]
    return items + contributions("main_navigation_items", request)


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context):
    page, request = context.get("page"), context["request"]
    if not isinstance(page, Page):
        return []
    chrome = chrome_pages(request, page)
    return chrome.ancestors if chrome is not None else []


@register.simple_tag(takes_context=True)
def site_contact(context):
    """The contact details in the language of the page, looked up once per request."""
    request = context["request"]
    if not hasattr(request, "_site_contact"):
        contact = site_settings(request, ContactSettings).contact
        if contact is not None:
            locale_id = response_locale_id(context)
            key = ("contact", contact.pk, locale_id)
            contact = remembered(request, key, lambda: contact_in_locale(contact, locale_id))
        request._site_contact = contact
    return request._site_contact


def contact_in_locale(contact, locale_id):
    """`contact` in the locale with id `locale_id` if translated, else `contact`, with its share
    image in the same query (the settings' own query brings the untranslated one's)."""
    if contact.locale_id == locale_id:
        return contact
    translations = ContactDetails.objects.select_related("share_image")
    translation = translations.filter(
        translation_key=contact.translation_key, locale_id=locale_id
    ).first()
    return translation or contact


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each language, for the language switcher and hreflang links.

    `url` is absolute (hreflang, on the address the site is served on); `path` is relative to
    the current site, for the switcher, so that it works wherever the site is served.

    Where a page has no live translation, that language's version is its front page, marked
    `translated=False` so the switcher can say so. Views that are not pages (search) exist
    in every language at the same path.
    """
    request, page = context["request"], context.get("page")
    if isinstance(page, Page):
        compute = partial(page_versions, request, page)
    else:
        compute = partial(view_versions, request)
    # Read by the head (hreflang) and the header (the switcher).
    return once_per_request(request, "_language_versions", page, compute)


def view_versions(request) -> list[dict]:
    """A view that is not a page (the search) in every language, at its translated path."""
    path = request.get_full_path()
    versions = []
    for code, name in settings.LANGUAGES:
        translated_path = translate_url(path, code)
        url = request.build_absolute_uri(translated_path)
        versions.append(
            {"code": code, "name": name, "translated": True, "url": url, "path": translated_path}
        )
    return versions


def page_versions(request, page) -> list[dict]:
    """The page's live translations, else the front page in that language."""
    chrome = chrome_pages(request, page)
    translations = chrome.translations if chrome is not None else {}
    locales = known_locales()
    versions = []
    for code, name in settings.LANGUAGES:
        locale_id = locales[code][0] if code in locales else None
        version = translations.get(locale_id)
        translated = version is not None
        if version is None:
            version = front_page(request, locale_id) if locale_id else None
        url = version.get_full_url(request) if version else None
        if url:
            path = version.get_url(request)
            versions.append(
                {"code": code, "name": name, "translated": translated, "url": url, "path": path}
            )
    return versions


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The accessibility statement (always by /was, as Danish rules ask, in the page's language)
    and the privacy page."""
    request = context["request"]
    contact_settings = site_settings(request, ContactSettings)
    links = []
    if contact_settings.accessibility_statement_id or contact_settings.accessibility_statement_url:
        # /was is one address for every language: the link says which the page is in.
        url = f"{reverse('was')}?{urlencode({'lang': get_language()})}"
        links.append({"title": _("Accessibility statement"), "url": url})
    if contact_settings.privacy_page_id:
        privacy = contact_settings.privacy_page
        chrome = chrome_pages(request, context.get("page"))
        if chrome is not None:  # its live translation, else itself (as `.localized`)
            privacy = chrome.privacy.get(response_locale_id(context), privacy)
        if privacy.live:
            links.append({"title": privacy.title, "url": privacy.get_url(request)})
    return links
