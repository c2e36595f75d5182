"""Cache whole public pages for anonymous visitors, and forget them all when content changes.

Only anonymous GET requests without a session are served from or stored in the cache, so an
editor never gets a cached page and a cached page never holds the user bar, a preview or a
CSRF token. Any publish, unpublish, move, delete or translation sync bumps a generation number
that is part of every key: the next visitor sees the change at once, on every app server that
shares the cache (Redis in production).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "page-cache-generation"
# The API answers JSON or, for a browser, HTML by the Accept header, which the key leaves out;
# its rate limit keeps it cheap instead.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/documents/", "/healthz", "/static/", "/media/")


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate(**kwargs):
    """Forget every cached page (a signal receiver: it takes and ignores the signal's arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


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
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # A signed-in page may show the user bar: no shared cache may keep it.
                patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        key = f"page:{generation()}:{request.get_full_path()}"
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
    """Connect `invalidate` to every change a visitor could see (translation syncs publish)."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core.models import ContactDetails, ContactSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid="page-cache")
    for model in (Site, Redirect, ContactDetails, ContactSettings):
        post_save.connect(invalidate, sender=model, dispatch_uid="page-cache")
        post_delete.connect(invalidate, sender=model, dispatch_uid="page-cache")

    def forget_deleted_page(sender, **kwargs):
        if issubclass(sender, Page):
            invalidate()

    post_delete.connect(forget_deleted_page, weak=False, dispatch_uid="page-cache-delete")
