"""What a search finds when it finds nothing: a spelling from the site's own words, and the
filters that could be left out.

"Did you mean …?" needs PostgreSQL's trigram similarity (`pg_trgm`, created by this app's
migration): each query word that is not a word of the site is replaced by the most similar word
in the titles of the live pages of the language being read, when one is similar enough. It is
only asked when nothing was found, so its cost (a scan of the titles) is not paid by searches
that find something. Other databases get no suggestion.
"""

from django.db import connection
from django.utils.translation import gettext as _

from plan_pages.models import ProjectStatus
from sdg.goals import goals

from .wordforms import words

MIN_SIMILARITY = 0.4

# The words of the titles of the live pages of one language, with ts_stat (one row per word).
CLOSEST_WORD = """
    SELECT word FROM ts_stat(%s)
    WHERE similarity(word, %s) >= %s
    ORDER BY similarity(word, %s) DESC, nentry DESC, word
    LIMIT 1
"""
KNOWN_WORD = "SELECT 1 FROM ts_stat(%s) WHERE word = %s"


def titles_of(locale) -> str:
    # ts_stat takes the text of a query; the locale's id is an integer, never text typed by anyone.
    return (
        "SELECT to_tsvector('simple', title) FROM wagtailcore_page "
        f"WHERE live AND locale_id = {int(locale.pk)}"
    )


def did_you_mean(text: str, locale) -> str | None:
    """The query with its unknown words spelled as the site spells them, or None."""
    if connection.vendor != "postgresql":
        return None
    query_words = words(text)
    if not query_words or len(query_words) > 5:
        return None
    titles = titles_of(locale)
    corrected = []
    with connection.cursor() as cursor:
        for word in query_words:
            cursor.execute(KNOWN_WORD, [titles, word])
            if cursor.fetchone():
                corrected.append(word)
                continue
            cursor.execute(CLOSEST_WORD, [titles, word, MIN_SIMILARITY, word])
            row = cursor.fetchone()
            corrected.append(row[0] if row else word)
    return " ".join(corrected) if corrected != query_words else None


def filters_to_remove(query, params, areas) -> list[tuple[str, str]]:
    """(the filter's name, this search's address without it) for each active filter."""
    area_titles = {area.slug: area.title for area in areas}
    status_labels = dict(ProjectStatus.choices)
    chosen = [("goal", str(number), goals()[number].text("short_title")) for number in query.goals]
    chosen += [("area", slug, area_titles.get(slug, slug)) for slug in query.areas]
    chosen += [("status", value, str(status_labels[value])) for value in query.statuses]
    links = []
    for name, value, label in chosen:
        without = params.copy()
        without.setlist(name, [v for v in params.getlist(name) if v != value])
        without.pop("page", None)
        links.append((_("Remove “%(filter)s”") % {"filter": label}, f"?{without.urlencode()}"))
    return links


def suggested_query_url(params, suggestion) -> str:
    changed = params.copy()
    changed["q"] = suggestion
    changed.pop("page", None)
    return f"?{changed.urlencode()}"
