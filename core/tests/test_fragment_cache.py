"""The `{% fragment %}` tag (core/templatetags/fragment_cache.py): what it keys on, and whom it
never serves from the cache. Its use on the site's pages: tests/test_fragment_cache.py."""

import copy
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

import pytest

from core.content_cache import Deferred, deferred_items, invalidate

TEMPLATE = Template(
    '{% load fragment_cache %}{% fragment "sample" page request.GET %}{{ renders.next }}'
    "{% endfragment %}"
)


class Renders:
    """Counts how often the fragment's inside is rendered (a cached fragment is not)."""

    def __init__(self):
        self.count = 0

    def next(self):
        self.count += 1
        return self.count


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def visitor(path="/da/plan/", **extra):
    request = RequestFactory().get(path, **extra)
    request.user = AnonymousUser()
    return request


def render(request, renders, page=None, language="da"):
    page = page or SimpleNamespace(pk=7, latest_revision_id=70)
    with translation.override(language):
        return TEMPLATE.render(Context({"request": request, "page": page, "renders": renders}))


def test_the_second_render_comes_from_the_cache(fragments):
    renders = Renders()
    assert render(visitor(), renders) == render(visitor(), renders) == "1"


def test_nothing_is_cached_when_the_setting_is_zero(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    renders = Renders()
    render(visitor(), renders)
    assert render(visitor(), renders) == "2"


def test_any_content_change_forgets_every_fragment(fragments):
    renders = Renders()
    render(visitor(), renders)
    invalidate()
    assert render(visitor(), renders) == "2"


@pytest.mark.parametrize(
    "other",
    [
        {"language": "en"},
        {"page": SimpleNamespace(pk=7, latest_revision_id=71)},
        {"page": SimpleNamespace(pk=8, latest_revision_id=70)},
        {"request": visitor(HTTP_HOST="127.0.0.1")},
        {"request": visitor("/da/plan/?status=done")},
    ],
    ids=["language", "revision", "page", "host", "parameters"],
)
def test_the_key_holds_language_page_revision_host_and_parameters(fragments, other):
    renders = Renders()
    render(visitor(), renders)
    assert render(other.pop("request", visitor()), renders, **other) == "2"


def test_a_request_with_an_unknown_parameter_is_neither_served_nor_stored(fragments):
    renders = Renders()
    render(visitor("/da/plan/?utm_source=x"), renders)
    assert render(visitor("/da/plan/?utm_source=x"), renders) == "2"


def test_without_a_page_nothing_is_cached(fragments):
    renders = Renders()
    template = Template(
        '{% load fragment_cache %}{% fragment "sample" page %}{{ renders.next }}{% endfragment %}'
    )
    for _ in range(2):
        output = template.render(Context({"request": visitor(), "renders": renders}))
    assert output == "2"


def signed_in(request):
    request.user = SimpleNamespace(is_authenticated=True)
    return request


def previewed(request):
    request.is_preview = True
    return request


@pytest.mark.parametrize(
    "personal",
    [
        signed_in,
        previewed,
        lambda request: RequestFactory().post("/da/plan/"),
        lambda request: visitor(HTTP_COOKIE="sessionid=abc"),
        lambda request: visitor(HTTP_COOKIE="messages=abc"),
    ],
    ids=["signed in", "preview", "post", "session", "message"],
)
def test_a_personal_request_neither_reads_nor_writes_the_cache(fragments, personal):
    renders = Renders()
    render(visitor(), renders)
    assert render(personal(visitor()), renders) == "2"  # not read
    cache.clear()
    render(personal(visitor()), renders)
    assert render(visitor(), renders) == "4"  # not written


def test_a_deferred_value_is_worked_out_once_when_first_read_and_reads_as_its_value():
    computed = []
    value = Deferred(lambda: computed.append("once") or ["Glumsø", "Tybjerg"])
    shared = deferred_items(lambda: computed.append("map") or {"a": 1, "b": 2}, ["a", "b"])
    assert computed == []  # nothing until read

    template = Template("{% for name in areas %}{{ name }} {% endfor %}{{ a }}{{ b }}")
    html = template.render(Context({"areas": value, **shared}))

    assert html == "Glumsø Tybjerg 12"
    assert (list(value), len(value), value[1], value.count("Glumsø")) == (
        ["Glumsø", "Tybjerg"],
        2,
        "Tybjerg",
        1,
    )
    assert computed == ["once", "map"]
    assert copy.copy(value).value == ["Glumsø", "Tybjerg"]
