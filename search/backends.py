"""Wagtail's database search, with each page stemmed in its own language on PostgreSQL.

Wagtail's PostgreSQL backend has one text-search configuration and one index row per object.
Every page here has exactly one language, so the row of a Danish page is built with the
`danish` configuration and that of an English page with `english`; a query is parsed with the
configuration of the active language, and the search page only looks at pages of that language.
On other databases (SQLite in development) Wagtail's own database backend is used unchanged.
"""

from copy import copy
from itertools import groupby

from django.conf import settings
from django.db import connection
from django.utils import translation

from modelsearch.backends import database
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)


def config_for_language(language_code: str | None) -> str:
    configs = settings.SEARCH_CONFIG_BY_LANGUAGE
    return configs.get((language_code or "")[:2], configs[settings.LANGUAGE_CODE])


def config_for_object(obj) -> str:
    locale = getattr(obj, "locale", None)
    return config_for_language(locale.language_code if locale else None)


class LanguageIndex(PostgresIndex):
    """Index rows built with the configuration of each object's own language."""

    def add_items(self, model, objs):
        objs = sorted(objs, key=config_for_object)
        for config, same_language in groupby(objs, key=config_for_object):
            backend = copy(self.backend)
            backend.config = config
            PostgresIndex(backend).add_items(model, list(same_language))


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    """Queries parsed with the configuration of the language being read."""

    def get_config(self, backend):
        return config_for_language(translation.get_language())


class LanguageSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        return LanguageSearchBackend(params)
    return database.SearchBackend(params)
