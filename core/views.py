from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from core.metadata import served_root_url

from .models import ContactSettings
from .sites import site_settings


@require_GET
def robots_txt(request):
    """Everything may be crawled but the admin; the sitemap lists every page in both languages."""
    root = served_root_url(request)
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {root}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def was(request):
    """/was: the accessibility statement, as Danish public sites must offer it.

    Goes to the statement in the state's WAS tool when its address is set, else to the
    statement page in the language `?lang=` names (the page the link was on), else in the
    visitor's language.
    """
    contact_settings = site_settings(request, ContactSettings)
    if contact_settings.accessibility_statement_url:
        return redirect(contact_settings.accessibility_statement_url)
    if contact_settings.accessibility_statement:
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            return redirect(contact_settings.accessibility_statement.localized.get_url(request))
    raise Http404("No accessibility statement is set in the site settings.")


def favicon(request):
    """Pages name their icon; this answers the browsers and crawlers that ask the old address.
    Not a permanent redirect: the icon's address changes with its content (hashed in
    production)."""
    return redirect(static("core/favicon.svg"))
