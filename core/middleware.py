"""Pages' absolute addresses follow the address the site is served on; the request being
answered is at hand for signal receivers that tell the person what happened."""

import logging
from contextvars import ContextVar

from django.shortcuts import render
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from core.metadata import served_root_url
from core.sites import current_site

logger = logging.getLogger(__name__)


class ServedSiteMiddleware:
    """Give Wagtail's page addresses for this request the served origin (`served_root_url`).

    `Page.get_full_url(request)` takes the origin from the site root paths Wagtail caches on
    the request (`Page._get_site_root_paths(cache_object=request)`); filling that cache here
    with the served origin makes every page address of the request (canonical, hreflang,
    sitemap, feeds, calendars) follow the one rule, for every page type, ours or not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Lazy: only a request that builds a page address reads the database for it (a health
        # check must answer when the database does not).
        request._wagtail_cached_site_root_paths = SimpleLazyObject(lambda: site_root_paths(request))
        return self.get_response(request)


def site_root_paths(request):
    """Wagtail's site root paths, the request's Site on the address it was served on."""
    paths = Site.get_site_root_paths()
    site = current_site(request)
    if site is None:
        return paths
    root_url = served_root_url(request, site)
    return [path._replace(root_url=root_url) if path.site_id == site.pk else path for path in paths]


class MalformedFormMiddleware:
    """Answer a form POST that lacks a field its own form always sends with a 400, not a 500.

    Wagtail's StreamField and Django's formsets read their hidden counters (`body-count`,
    `…-TOTAL_FORMS`) with `data[name]`, so a forged, truncated or hand-made POST raises
    `MultiValueDictKeyError` deep in form handling. Nothing has been saved at that point;
    the person is told to open the form again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, MultiValueDictKeyError):
            return None
        logger.warning("Incomplete form POST to %s: no field %s", request.path, exception)
        return render(request, "core/malformed_form.html", status=400)


_request = ContextVar("request", default=None)


def current_request():
    """The request being answered, or None outside one (a command, a task).

    For receivers of Wagtail's signals that confirm an action to the person who took it: the
    workflow's approval runs from several of Wagtail's views, none of which hands the request on."""
    return _request.get()


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
