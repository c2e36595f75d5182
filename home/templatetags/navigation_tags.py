from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _

from wagtail.models import Locale

from home.models import ContactSettings, HomePage
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


@register.simple_tag(takes_context=True)
def site_contact(context):
    """The contact details in the language of the page, looked up once per request."""
    request = context["request"]
    if not hasattr(request, "_site_contact"):
        contact = ContactSettings.for_request(request).contact
        request._site_contact = contact.localized if contact else None
    return request._site_contact


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each language, for the language switcher and hreflang links.

    Where a page has no live translation, that language's version is its front page, marked
    `translated=False` so the switcher can say so. Views that are not pages (search) exist
    in every language at the same path.
    """
    request, page = context["request"], context.get("page")
    if page is None:
        path = request.get_full_path()
        return [
            {
                "code": code,
                "name": name,
                "translated": True,
                "url": request.build_absolute_uri(translate_url(path, code)),
            }
            for code, name in settings.LANGUAGES
        ]
    urls = {
        version.locale.language_code: version.get_full_url(request)
        for version in page.get_translations(inclusive=True).live().select_related("locale")
    }
    missing = [code for code, _name in settings.LANGUAGES if code not in urls]
    front_pages = HomePage.objects.live().filter(locale__language_code__in=missing)
    fallbacks = {
        home.locale.language_code: home.get_full_url(request)
        for home in (front_pages.select_related("locale") if missing else [])
    }
    return [
        {
            "code": code,
            "name": name,
            "translated": code in urls,
            "url": urls.get(code) or fallbacks.get(code),
        }
        for code, name in settings.LANGUAGES
        if code in urls or code in fallbacks
    ]


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The accessibility statement (always by /was, as Danish rules ask) and the privacy page."""
    request = context["request"]
    site_settings = ContactSettings.for_request(request)
    links = []
    if site_settings.accessibility_statement_id or site_settings.accessibility_statement_url:
        links.append({"title": _("Accessibility statement"), "url": reverse("was")})
    if site_settings.privacy_page_id:
        privacy = site_settings.privacy_page.localized
        if privacy.live:
            links.append({"title": privacy.title, "url": privacy.get_url(request)})
    return links
