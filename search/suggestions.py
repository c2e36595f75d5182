"""Suggestions while a resident types in the header's search field: the titles of plans (found
by their villages too), projects and UN goals of the language being read.

Found with Wagtail's autocomplete (the index's autocomplete field: titles, a plan's villages,
a goal's short title), by prefix, in a fixed number of queries. The endpoint answers JSON and
is bounded: at most MAX_LENGTH characters are read, at least MIN_LETTERS are needed, at most
LIMIT suggestions come back, answers are cached for CACHE_SECONDS and each client may ask
SEARCH_SUGGESTION_RATE times (settings).
"""

import hashlib
import re

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Page

from plan_pages.models import LocalAreaPlanPage, ProjectPage
from sdg.models import SDGGoalPage

from .wordforms import words

MAX_LENGTH = 100
MIN_LETTERS = 2
LIMIT = 8
CACHE_SECONDS = 300
KINDS = {LocalAreaPlanPage: "area", ProjectPage: "project", SDGGoalPage: "goal"}


def kind_label(kind):
    return {"area": _("Local area"), "project": _("Project"), "goal": _("UN goal")}[kind]


def typed_words(text: str) -> str:
    """The words typed, as the autocomplete reads them (no operators, no punctuation)."""
    return " ".join(words(text[:MAX_LENGTH]))


def suggestions(text: str, locale, request) -> dict:
    """{"query", "status", "suggestions": [{"title", "kind", "place", "url"}]}, cached by
    language and words."""
    query = typed_words(text)
    if len(query.replace(" ", "")) < MIN_LETTERS:
        return {"query": query, "status": "", "suggestions": []}
    digest = hashlib.sha256(query.encode()).hexdigest()
    key = f"search-suggestions:{locale.language_code}:{digest}"
    found = cache.get(key)
    if found is None:
        found = find(query, locale, request)
        cache.set(key, found, CACHE_SECONDS)
    count = len(found)
    status = (
        ngettext("%(count)d suggestion", "%(count)d suggestions", count) % {"count": count}
        if count
        else _("No suggestions")
    )
    return {"query": query, "status": status, "suggestions": found}


def find(query: str, locale, request) -> list[dict]:
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(*KINDS)
        .autocomplete(query, operator="and")[:LIMIT]
    )
    pages = list(pages)
    specific = {
        page.pk: page
        for model in KINDS
        for page in model.objects.filter(pk__in=[p.pk for p in pages]).select_related(None)
    }
    return [suggestion(specific[page.pk], query, request) for page in pages if page.pk in specific]


def suggestion(page, query, request) -> dict:
    kind = KINDS[type(page)]
    title = f"{page.number}. {page.short_title}" if kind == "goal" else page.title
    return {
        "title": title,
        "kind": kind_label(kind),
        "place": village_named(page, query) if kind == "area" else "",
        "url": page.get_url(request),
    }


def village_named(plan, query) -> str:
    """The village of the plan's list that the words begin, when its title does not."""
    if any(word.startswith(typed) for word in words(plan.title) for typed in query.split()):
        return ""
    for village in re.split(r"[,;]\s*", plan.villages):
        if all(any(w.startswith(typed) for w in words(village)) for typed in query.split()):
            return village.strip()
    return ""
