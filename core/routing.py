"""Route a page request in as few queries as its depth allows: none for the pages on the path.

Wagtail's `Page.route_for_request` reads the site's root page in the active language, its
specific page, then each level's page and its specific page (our `BasePage.route` reads the
levels in one query). Here the root's translation and every page that could be on the path are
read in one query, and only the page that answers gets its specific page: the path and the
page, two queries for any page in any language (the site is remembered: core.sites), and once
the address has been answered in this process since the content last changed, one. The rules
are Wagtail's: the root in the active language if that translation is live, else the root
itself; each level the child with the slug, live or not; the last page only if live; a page
type with a route of its own (a routable page) gets the rest of the path.
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page

from .content_cache import MISSING, GenerationMemo
from .models import PLAIN_ROUTES, routed_pages, specific_page, without_restrictions_if_public
from .sites import current_site


def route_for_request(request, path):
    """Wagtail's route result (page, args, kwargs) for `path`, or None where Wagtail's is."""
    site = current_site(request)
    if site is None:
        return None
    slugs = [component for component in path.split("/") if component]
    try:
        return route(request, site.root_page, slugs)
    except Http404:
        return None


def route(request, root, slugs):
    try:
        locale_id = Locale.get_active().pk
    except (LookupError, Locale.DoesNotExist):  # as Wagtail's `.localized`: the root's own
        locale_id = root.locale_id
    if not slugs:
        return front_page(root, locale_id).route(request, [])
    key = (root.pk, locale_id, tuple(slugs))
    known = known_routes.lookup(request, key)
    if known is not MISSING:
        page = known_page(*known)
        if page is not None:
            return page.route(request, [])
    page, rest = page_at(root, slugs, locale_id)
    result = page.route(request, rest)
    if not rest:  # the page at the address, live (a page not live raised Http404)
        known_routes.store(key, (page.pk, page.content_type_id, page.url_path))
    return result


# (site root, locale, slugs) → (id, type, url_path) of the page found there, for a page view to
# read in one query, not two: kept in this process until the content changes (any publish,
# unpublish, move or deletion bumps the generation) and at most 300 s, like `remembered`; apart
# from it, so that many addresses never push the site and its settings out.
known_routes = GenerationMemo(max_entries=4096)


def known_page(pk, content_type_id, url_path):
    """The page remembered at an address, by its own type, if it is still live and still there
    (its url_path changes with a move or a new slug, should the change's bump be lost)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    found = routed_pages(model).filter(pk=pk, live=True, url_path=url_path).first()
    return without_restrictions_if_public(found) if found is not None else None


def page_at(root, slugs, locale_id):
    """(page, rest): the specific page at `slugs` under `root` and no rest, or the page on the
    way that answers the rest of the address itself, and that rest."""
    wanted = [Q(depth=root.depth + level, slug=slug) for level, slug in enumerate(slugs, start=1)]
    if root.locale_id != locale_id:
        wanted.append(Q(translation_key=root.translation_key, locale_id=locale_id, live=True))
    candidates = list(Page.objects.filter(reduce(or_, wanted)))
    page = next((found for found in candidates if found.depth == root.depth), root)
    for level, slug in enumerate(slugs):
        if routes_itself(page, slugs[level:]):
            return specific_page(page), slugs[level:]
        page = next(
            (
                found
                for found in candidates
                if found.depth == page.depth + 1
                and found.slug == slug
                and found.path.startswith(page.path)
            ),
            None,
        )
        if page is None:
            raise Http404
    return specific_page(page), []


def front_page(root, locale_id):
    """The site's root page in the active locale if that translation is live, else the root
    itself: its specific page, in one query."""
    if root.locale_id != locale_id and root.specific_class is not None:
        translations = routed_pages(root.specific_class).filter(
            translation_key=root.translation_key, locale_id=locale_id, live=True
        )
        translation = translations.first()
        if translation is not None:
            return without_restrictions_if_public(translation)
    return specific_page(root)


def routes_itself(page, slugs):
    """Whether `page`'s type answers `slugs` itself rather than handing them to its children:
    a type with a route of its own, except a routable page none of whose routes match (which
    hands them on as Wagtail's pages do)."""
    page_class = page.specific_class
    if page_class is None:
        return True
    if page_class.route in PLAIN_ROUTES:
        return False
    if not issubclass(page_class, RoutablePageMixin):
        return True
    if super(RoutablePageMixin, page_class).route not in PLAIN_ROUTES:
        return True
    if not page.live:
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{slug}/" for slug in slugs))
    except Http404:
        return False
    return True


class PageRouteMiddleware:
    """Route requests for Wagtail's page view with `route_for_request`, before Wagtail does:
    Wagtail's view takes the route it finds on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is serve and not hasattr(request, "_wagtail_route_for_request"):
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            request._wagtail_route_for_request = route_for_request(request, path)
        return None
