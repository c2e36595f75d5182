"""Cache whole public pages for anonymous visitors, and forget them all when content changes.

Only anonymous GET requests without a session (or a one-time message waiting for them) are
served from or stored in the cache, so an editor never gets a cached page and a cached page
never holds the user bar, a preview, a message or a CSRF token. Any publish, unpublish (also
a scheduled expiry), move, delete, change of a page's privacy, translation sync or change to
the site's settings bumps a generation number that is part of every key: the next visitor sees
the change at once, in every process that shares the cache (Redis, or the database's cache
table, in production; docs/operations.md).

A page is keyed on its path and the query parameters that pages read
(core.content_cache.CACHED_QUERY_PARAMETERS);
a request with any other parameter is answered fresh and not stored, so made-up parameters can
neither fill the cache nor put a page built from them in front of other visitors.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.content_cache import (
    has_only_known_parameters,
    has_personal_cookie,
    invalidate,
    request_generation,
)

# The API answers JSON or, for a browser, HTML by the Accept header, which the key leaves out;
# its rate limit keeps it cheap instead.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/documents/", "/healthz", "/static/", "/media/")


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not has_personal_cookie(request)
        and not request.path.startswith(UNCACHED_PREFIXES)
        and has_only_known_parameters(request.GET)
    )


def cache_key(request) -> str:
    """The origin, path and known parameters (by name; a parameter's values keep their order).

    The origin is part of it because a page names the address it was served on.
    """
    params = [(name, value) for name in sorted(request.GET) for value in request.GET.getlist(name)]
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(params)}"
    return f"page:{request_generation(request)}:{hashlib.sha256(address.encode()).hexdigest()}"


def is_cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not getattr(response, "streaming", False)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.seconds or not is_cacheable_request(request):
            response = self.get_response(request)
            if has_personal_cookie(request):
                # A signed-in page may show the user bar, a message is for one visitor: no
                # shared cache may keep either.
                patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        key = cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if is_cacheable_response(response):
            if hasattr(response, "render"):
                response.render()
            # Browsers and proxies revalidate; this cache (and a purged CDN) does the keeping.
            patch_cache_control(response, public=True, max_age=0)
            patch_vary_headers(response, ["Cookie"])
            cache.set(key, response, self.seconds)
            response["X-Page-Cache"] = "miss"
        return response


def forget_cached_pages_on_change():
    """Connect `invalidate` to every change a visitor could see (translation syncs publish).

    Scheduled publishing and expiry (`manage.py publish_scheduled`) send page_published and
    page_unpublished like the editor's buttons do; a page's privacy is its view restrictions.
    """
    from django.db.models.signals import post_delete, post_save

    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core.models import ContactDetails

    # The template fragment cache (core.templatetags.fragment_cache) and the rows core.sites
    # remembers share the generation.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid="page-cache")
    # Pages show an image's alt text and renditions, and a replaced or deleted image takes its
    # old renditions with it. Every registered setting (the contact's, the map's) is shown.
    shown_on_pages = (Site, Redirect, ContactDetails, PageViewRestriction, *settings_registry)
    for model in (*shown_on_pages, get_image_model()):
        post_save.connect(invalidate, sender=model, dispatch_uid="page-cache")
        post_delete.connect(invalidate, sender=model, dispatch_uid="page-cache")

    def forget_deleted_page(sender, **kwargs):
        if issubclass(sender, Page):
            invalidate()

    post_delete.connect(forget_deleted_page, weak=False, dispatch_uid="page-cache-delete")
