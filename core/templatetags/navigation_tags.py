"""The site's chrome: navigation, breadcrumbs, language versions, contact and footer links.

The site's front page in each language is the root page of the Wagtail site, translated;
the main navigation is that page and its children marked "show in menus", followed by the
items other apps add through the hook `main_navigation_items(request)`.
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from core.models import ContactSettings
from core.plugins import contributions

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
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    if root.locale_id != locale_id:
        root = root.get_translation_or_none(locale_id)
    return root if root is not None and root.live else None


def in_locale(instance, locale_id):
    """`instance` in the locale with id `locale_id`, else `instance` itself: Wagtail's
    `.localized` (a page's translation only if live) without looking the locale up again."""
    if instance.locale_id == locale_id:
        return instance
    translation = instance.get_translation_or_none(locale_id)
    if translation is None or not getattr(translation, "live", True):
        return instance
    return translation


@register.simple_tag(takes_context=True)
def main_navigation_items(context):
    """[{title, url, current}] for the main navigation, in the visitor's language."""
    request, current = context["request"], context.get("page")
    front = front_page(request, response_locale_id(context))
    pages = [front, *front.get_children().live().in_menu()] if front else []
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
    page = context.get("page")
    return page.get_ancestors().filter(depth__gt=1).live() if page else []


@register.simple_tag(takes_context=True)
def site_contact(context):
    """The contact details in the language of the page, looked up once per request."""
    request = context["request"]
    if not hasattr(request, "_site_contact"):
        contact = ContactSettings.for_request(request).contact
        request._site_contact = in_locale(contact, response_locale_id(context)) if contact else None
    return request._site_contact


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
    if not isinstance(page, Page):
        path = request.get_full_path()
        return [
            {
                "code": code,
                "name": name,
                "translated": True,
                "url": request.build_absolute_uri(translate_url(path, code)),
                "path": translate_url(path, code),
            }
            for code, name in settings.LANGUAGES
        ]
    pages = {
        version.locale.language_code: version
        for version in page.get_translations(inclusive=True).live().select_related("locale")
    }
    versions = []
    for code, name in settings.LANGUAGES:
        version, translated = pages.get(code), code in pages
        if version is None:
            locale = Locale.objects.filter(language_code=code).first()
            version = front_page(request, locale.pk) if locale else None
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
    site_settings = ContactSettings.for_request(request)
    links = []
    if site_settings.accessibility_statement_id or site_settings.accessibility_statement_url:
        # /was is one address for every language: the link says which the page is in.
        url = f"{reverse('was')}?{urlencode({'lang': get_language()})}"
        links.append({"title": _("Accessibility statement"), "url": url})
    if site_settings.privacy_page_id:
        privacy = in_locale(site_settings.privacy_page, response_locale_id(context))
        if privacy.live:
            links.append({"title": privacy.title, "url": privacy.get_url(request)})
    return links
