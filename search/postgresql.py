"""PostgreSQL: each page indexed with its own language's configuration (see backends.py)."""

from copy import copy
from functools import reduce
from itertools import groupby
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from .backends import active_language, config_for_object
from .wordforms import algorithm, query_forms


class LanguageIndex(PostgresIndex):
    """Index rows built with the configuration of each object's own language."""

    def add_items(self, model, objs):
        objs = sorted(objs, key=config_for_object)
        for config, same_language in groupby(objs, key=config_for_object):
            backend = copy(self.backend)
            backend.config = config
            PostgresIndex(backend).add_items(model, list(same_language))


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    """Queries read in the language being read, each word as any of its forms."""

    def get_config(self, backend):
        return algorithm(active_language())

    def build_tsquery_content(self, query, config=None, invert=False):
        alternatives = (
            query_forms(query.query_string, active_language())
            if (isinstance(query, PlainText) and not invert)
            else []
        )
        if not alternatives:
            return super().build_tsquery_content(query, config=config, invert=invert)
        # The configuration stems the forms once more (harmless: stems of stems are among
        # the forms) and drops stop words, as it did when the page was indexed.
        words = [
            reduce(or_, (Lexeme(form, prefix=prefix) for form, prefix in word))
            for word in alternatives
        ]
        joined = reduce(and_ if query.operator == "and" else or_, words)
        return SearchQuery(joined, search_type="raw", config=config)


class LanguageSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler
