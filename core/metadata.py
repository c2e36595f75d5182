"""Absolute addresses, share images and JSON-LD for a page's head."""

import html
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.http.request import split_domain_port
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.sites import current_site

# Inside <script>, "</script>" or "<!--" in a title would end or confuse the element; the
# JSON stays the same JSON with these written as \u escapes (as Django's json_script does).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SHARE_IMAGE_FILTER = "fill-1200x630"  # Wagtail centres every fill crop on the focal point
# Search engines show about this much of a description; share previews less.
DESCRIPTION_LENGTH = 200
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding `data`, safe in any HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def served_root_url(request, site=None):
    """The address the site is served on for `request`, with no trailing slash.

    The one rule for every absolute address (canonical, hreflang, og:url, sitemap, feeds,
    calendars): the Site record's address when the request came in on it (in production the
    configured host; behind a proxy the request names no port), else the request's own origin.
    Django has checked that host against ALLOWED_HOSTS, and Wagtail answers an unknown host
    with the default Site, so the demo's `localhost:80` record still serves 127.0.0.1:8000 or
    PORT=8080, and its pages must name the address they were served on.
    """
    site = site or current_site(request)
    if site is not None:
        hostname, port = split_domain_port(request.get_host())
        if hostname == site.hostname.lower() and (not port or int(port) == site.port):
            return site.root_url
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(url, request):
    """`url` on the address the site is served on (`served_root_url`)."""
    if url.startswith(("http://", "https://")):
        return url
    return served_root_url(request) + url


def image_url(image, request):
    """The absolute address of `image` cut to the size share previews use, or None."""
    if image is None:
        return None
    return absolute_url(image.get_rendition(SHARE_IMAGE_FILTER).url, request)


def plain_description(text) -> str:
    """`text` (plain or rich text) as one line of plain text for a description, shortened at a
    word to DESCRIPTION_LENGTH characters."""
    if not text:
        return ""
    text = BLOCK_END.sub(" ", str(text))  # paragraphs and list items stay words apart
    plain = " ".join(html.unescape(strip_tags(text)).split())
    return Truncator(plain).chars(DESCRIPTION_LENGTH)


def without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}
