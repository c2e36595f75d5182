"""`{% fragment "name" vary_on… %}…{% endfragment %}`: Django's `{% cache %}` for the parts of
public pages that every anonymous visitor sees alike.

The key always holds the content generation (core.content_cache: any publish, unpublish, move,
delete, privacy, settings or image change forgets every fragment at once), the language and
the host (fragments hold absolute addresses). A page among the vary_on values stands for its
id and latest revision; the request's query parameters (`request.GET`) for the ones pages
read. A request with any other parameter, or a vary_on value that is None (no page: a view
whose title may tell one visitor's state), renders the fragment without the cache.

Nothing personal is ever read from or written to the cache: a preview, a signed-in visitor, a
visitor with a session or a message waiting, and a form's POST render the fragment afresh. So
a fragment must not hold a CSRF token, a message or anything else that differs by visitor.
FRAGMENT_CACHE_SECONDS=0 switches the cache off.
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.http import QueryDict
from django.templatetags.cache import CacheNode
from django.utils.translation import get_language

from core.content_cache import (
    has_only_known_parameters,
    has_personal_cookie,
    request_generation,
)

register = template.Library()


def may_share(request) -> bool:
    """Whether this request's fragments may come from, and go to, the shared cache."""
    return (
        bool(settings.FRAGMENT_CACHE_SECONDS)
        and request is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not has_personal_cookie(request)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )


def key_part(value):
    """The text `value` adds to the key, or None when it must not be cached."""
    if value is None:
        return None
    if isinstance(value, QueryDict):
        if not has_only_known_parameters(value):
            return None
        return urlencode(sorted((name, item) for name in value for item in value.getlist(name)))
    if hasattr(value, "latest_revision_id"):  # a page: a new revision is new content
        return f"page:{value.pk}:{value.latest_revision_id}"
    return str(value)


class FragmentNode(CacheNode):
    """CacheNode, keyed on one value that `render` works out from the context."""

    def __init__(self, nodelist, fragment_name, vary_on, parser):
        super().__init__(
            nodelist,
            parser.compile_filter("fragment_cache_seconds"),
            fragment_name,
            [parser.compile_filter("fragment_cache_key")],
            None,
        )
        self.parts = vary_on

    def render(self, context):
        request = context.get("request")
        if not may_share(request):
            return self.nodelist.render(context)
        parts = [key_part(part.resolve(context, ignore_failures=True)) for part in self.parts]
        if None in parts:
            return self.nodelist.render(context)
        key = [request_generation(request), get_language(), request.get_host(), *parts]
        with context.push(
            fragment_cache_key=key, fragment_cache_seconds=settings.FRAGMENT_CACHE_SECONDS
        ):
            return super().render(context)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragment' takes a name and what it varies on")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]], parser)
