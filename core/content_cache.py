"""What the page cache (cms.page_cache) and the template fragment cache share: one generation
number for all published content, and the rule for which requests may use a shared cache.

Every key of either cache holds the generation; `invalidate` (connected to every publish,
unpublish, move, delete, privacy, settings and image change by cms.page_cache) bumps it, so one
change anywhere forgets every cached page and fragment at once, in every process that shares
the cache. Nothing is deleted: the old entries are never asked for again and expire.

`remembered` keeps rows every page reads (the site, its settings) in this process under the
same generation, so they are read from the database once per change rather than once per page.
"""

import pickle
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.utils.functional import cached_property

GENERATION_KEY = "page-cache-generation"
# What public pages read from the address: the search and listing filters (plan_pages.listing:
# words, goal, area, status, sort, page of results) and the sitemap's page (`p`).
CACHED_QUERY_PARAMETERS = frozenset({"q", "goal", "area", "status", "sort", "page", "p"})
# Cookies that make a response personal: a session (signed in), or a message waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)


def generation() -> int:
    # A lost generation (evicted, or the cache emptied) starts again from the clock, never from
    # a number that older entries may still carry.
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def request_generation(request) -> int:
    """The generation, read from the cache once per request: a page the page cache missed
    renders its fragments under the same number, without asking the cache again for each."""
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation()
    return request._content_generation


def invalidate(**kwargs):
    """Forget every cached page, fragment and remembered row (a signal receiver: it ignores the
    arguments)."""
    next_generation()
    # Signals are sent inside the change's transaction: a request between this and the commit
    # reads the old rows under the new number and could keep them. The commit bumps it again.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(next_generation)


def next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


MISSING = object()


class GenerationMemo:
    """Values kept in this process for as long as the content generation stays the same, and
    at most `max_age` seconds: a bump lost while the cache was unreachable leaves them no
    staler than a cached page.

    Each value is kept pickled and every reader gets a fresh copy: a model instance one request
    changes or caches things on is never the one the next request is given. At most
    `max_entries` values are kept (the keys may come from the address: a host name).
    """

    every = []  # each memo of the process, for `forget_remembered`

    def __init__(self, max_entries=256, max_age=300):
        self.max_entries, self.max_age = max_entries, max_age
        self.clear()
        GenerationMemo.every.append(self)

    def clear(self, generation=None):
        self.generation, self.started, self.values = generation, time.monotonic(), {}

    def get(self, request, key, compute):
        value = self.lookup(request, key)
        if value is MISSING:
            value = compute()
            self.store(key, value)
        return value

    def lookup(self, request, key):
        """The value kept for `key` in the request's generation (a fresh copy), or MISSING."""
        generation = request_generation(request)
        if generation != self.generation or time.monotonic() - self.started >= self.max_age:
            self.clear(generation)
        kept = self.values.get(key)
        return MISSING if kept is None else pickle.loads(kept)

    def store(self, key, value):
        """Keep `value` for `key`, in the generation of the last lookup."""
        if len(self.values) >= self.max_entries:
            self.clear(self.generation)
        self.values[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


_memo = GenerationMemo()


def forget_remembered():
    """Forget every remembered value in this process: for a database rolled back under it (a
    test's), where no change sent the signal that would have bumped the generation."""
    for memo in GenerationMemo.every:
        memo.clear()


def remembered(request, key, compute):
    """What `compute()` returns, computed once per process and content generation for `key`;
    outside a request (a command, a task) computed afresh.

    Only for what the generation covers: rows whose every change `invalidate` is connected to.
    """
    if request is None:
        return compute()
    return _memo.get(request, key, compute)


def has_personal_cookie(request) -> bool:
    return any(name in request.COOKIES for name in PERSONAL_COOKIES)


def has_only_known_parameters(params) -> bool:
    """Whether the query parameters `params` (a QueryDict) are all ones that pages read."""
    return set(params) <= CACHED_QUERY_PARAMETERS


class Deferred:
    """A page's context value worked out when it is first read, once: a page whose body comes
    from the fragment cache never asks the queries of what the body shows.

    A template calls it (Django calls a callable variable) and gets the value; code reading an
    attribute, an item, its length or its items (a test's `response.context["outcome"].total`)
    gets the value's.
    """

    def __init__(self, compute):
        self.compute = compute

    @cached_property
    def value(self):
        return self.compute()

    def __call__(self):
        return self.value

    def __getattr__(self, name):
        # Python's own look-ups (copy's __setstate__, say) and a half-built copy's own
        # attributes are never the value's.
        if name.startswith("__") or name in ("compute", "value"):
            raise AttributeError(name)
        return getattr(self.value, name)

    def __getitem__(self, key):
        return self.value[key]

    def __iter__(self):
        return iter(self.value)

    def __len__(self):
        return len(self.value)

    def __bool__(self):
        return bool(self.value)


def deferred_items(compute, keys) -> dict:
    """{key: Deferred} for each of `keys` of the dict `compute` returns: several context values
    worked out together (a map's places, outline and bounds), the first read doing it for all."""
    together = Deferred(compute)
    return {key: Deferred(lambda key=key: together.value[key]) for key in keys}
