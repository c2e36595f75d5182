"""Wagtail's database search, with each page stemmed in its own language on both databases.

Wagtail's database backends have one text-search configuration and one index row per object.
Every page here has exactly one language, so the row of a Danish page is built with Danish
stemming and that of an English page with English; a query is read in the active language,
and the search page only looks at pages of that language.

- PostgreSQL: the row is built with the `danish` or `english` configuration.
- SQLite (development and the embedded default): Wagtail's FTS5 backend, with the indexed text
  replaced by the Snowball stems of its words (`snowballstemmer`, the algorithm PostgreSQL uses).

On both, each query word is looked for as the forms `search.wordforms` gives (stems, the Danish
e that comes and goes, prefixes), so the same words find the same pages on either database.
"""

from django.db import connection
from django.utils import translation

from modelsearch.backends import database

from .wordforms import algorithm


def language_of(obj) -> str | None:
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale else None


def config_for_object(obj) -> str:
    return algorithm(language_of(obj))


def active_language() -> str | None:
    return translation.get_language()


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    # Each backend module imports the index models of its own database only.
    if connection.vendor == "postgresql":
        from .postgresql import LanguageSearchBackend

        return LanguageSearchBackend(params)
    backend = database.SearchBackend(params)
    # Wagtail's FTS5 backend, where SQLite has FTS5 (it falls back to LIKE where it has not).
    if type(backend).__name__ == "SQLiteSearchBackend":
        from .sqlite import StemmedSearchBackend

        return StemmedSearchBackend(params)
    return backend
