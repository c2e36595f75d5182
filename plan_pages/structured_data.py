"""schema.org JSON-LD for plans and projects, built as Python data and escaped for <script>."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Site

from sdg.goals import goals

from .models import LocalAreaPlanPage, ProjectPage

MUNICIPALITY = {"@type": "GovernmentOrganization", "name": "Næstved Kommune"}

# Inside <script>, "</script>" or "<!--" in a title would end or confuse the element; the
# JSON stays the same JSON with these written as \u escapes (as Django's json_script does).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding `data`, safe in any HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def absolute_url(url, request):
    """`url` on the site's own address, as the pages' own addresses are (not the request's)."""
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/").rstrip("/")) + url


def image_url(page, request):
    if not page.image_id:
        return None
    return absolute_url(page.image.get_rendition("fill-1200x630").url, request)


def without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def plan_data(plan, request):
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": plan.title,
            "description": plan.summary,
            "url": plan.get_full_url(request),
            "inLanguage": plan.locale.language_code,
            "dateModified": plan.last_published_at,
            "image": image_url(plan, request),
            "about": {"@type": "Place", "name": plan.villages},
            "author": without_empty(
                {"@type": "Organization", "name": plan.council_name, "url": plan.council_website}
            ),
            "publisher": MUNICIPALITY,
        }
    )


def project_data(project, request):
    if project.start_date or project.end_date:
        start, end = project.start_date, project.end_date
        period = f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"
    else:
        period = None
    plan = project.plan
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "additionalType": "https://schema.org/Project",
            "name": project.title,
            "description": project.summary,
            "url": project.get_full_url(request),
            "inLanguage": project.locale.language_code,
            "dateCreated": project.first_published_at,
            "dateModified": project.last_published_at,
            "temporalCoverage": period,
            "creativeWorkStatus": str(project.get_status_display()),
            "keywords": [goals()[number].text("short_title") for number in project.goal_numbers],
            "image": image_url(project, request),
            "isPartOf": plan
            and {"@type": "WebPage", "name": plan.title, "url": plan.get_full_url(request)},
            "spatialCoverage": plan and {"@type": "Place", "name": plan.villages},
            "publisher": MUNICIPALITY,
        }
    )


def structured_data(page, request):
    """The JSON-LD <script> of a plan or project page; empty for other pages."""
    if isinstance(page, LocalAreaPlanPage):
        return json_ld_script(plan_data(page, request))
    if isinstance(page, ProjectPage):
        return json_ld_script(project_data(page, request))
    return ""
