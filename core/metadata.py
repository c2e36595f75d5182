"""Absolute addresses, share images and JSON-LD for a page's head."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http.request import split_domain_port
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Site

# Inside <script>, "</script>" or "<!--" in a title would end or confuse the element; the
# JSON stays the same JSON with these written as \u escapes (as Django's json_script does).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SHARE_IMAGE_FILTER = "fill-1200x630"


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
    site = site or Site.find_for_request(request)
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


def without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}
