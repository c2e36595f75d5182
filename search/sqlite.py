"""SQLite: Wagtail's FTS5 backend over the Snowball stems of each page's words (see backends.py)."""

from functools import cached_property

from django.db.models import Value

from modelsearch.backends.database.sqlite.query import LexemeCombinable, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk

from .backends import active_language, language_of
from .wordforms import query_forms, stem_text


class StemmedIndexer(ObjectIndexer):
    """The title and body of an object as the stems of their words, in its own language.
    Autocomplete keeps the words as written: it matches what is being typed, by prefix."""

    @cached_property
    def title(self):
        return stem_text(ObjectIndexer.title.func(self), language_of(self.obj))

    @cached_property
    def body(self):
        return stem_text(ObjectIndexer.body.func(self), language_of(self.obj))


class StemmedIndex(SQLiteIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        for obj in objs:
            indexer = StemmedIndexer(obj, self.backend)
            self.entries.update_or_create(
                content_type_id=content_type_pk,
                object_id=indexer.id,
                defaults={
                    "title": indexer.title,
                    "body": indexer.body,
                    "autocomplete": indexer.autocomplete,
                },
            )
        self._refresh_title_norms()


class MatchText(LexemeCombinable, Value):
    """An FTS5 expression built here from word forms (letters and digits only)."""

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class StemmedQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        alternatives = query_forms(query.query_string, active_language())
        if not alternatives:
            return super().build_search_query_content(query, config=config)
        operator = " AND " if query.operator.upper() == "AND" else " OR "
        expression = operator.join(
            "(" + " OR ".join(f'"{form}"' + ("*" if prefix else "") for form, prefix in word) + ")"
            for word in alternatives
        )
        return SearchQueryExpression(MatchText(expression), config=config)


class StemmedSearchBackend(SQLiteSearchBackend):
    index_class = StemmedIndex
    query_compiler_class = StemmedQueryCompiler
