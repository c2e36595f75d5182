"""Absolute addresses, share images and JSON-LD for a page's head."""

import json

from django.core.serializers.json import DjangoJSONEncoder
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


def absolute_url(url, request):
    """`url` on the site's own address, as the pages' own addresses are (not the request's)."""
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/").rstrip("/")) + url


def image_url(image, request):
    """The absolute address of `image` cut to the size share previews use, or None."""
    if image is None:
        return None
    return absolute_url(image.get_rendition(SHARE_IMAGE_FILTER).url, request)


def without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}
