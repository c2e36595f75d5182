"""SQLite: Wagtail's FTS5 backend over the Snowball stems of each page's words (see backends.py)."""

from functools import cached_property

from django.db.models import CharField, FloatField, Func, Value
from django.db.models.functions import Cast

from modelsearch.backends.database.sqlite.query import (
    LexemeCombinable,
    MatchExpression,
    SearchQueryExpression,
    SQLiteFTSIndexEntry,
)
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

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


class QuoteSafeAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
    """modelsearch puts each typed word in an FTS5 string without escaping a double quote in
    it, and FTS5 then fails ("unterminated string"): the admin's page search answered 500 to
    a title typed with a quote. Here it is escaped as FTS5 escapes it, by doubling."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            words = query.query_string.replace('"', '""')  # FTS5's escape inside a string
            query = PlainText(words, operator=query.operator, boost=query.boost)
        return super().build_search_query_content(query, config=config)


class WeightedBM25(Func):
    """FTS5's BM25 with a weight per column (autocomplete, body, title: the table's order), so
    a word in the title counts as much as TITLE_WEIGHT words in the body. Lower is better."""

    TITLE_WEIGHT = 10.0
    output_field = FloatField()

    def as_sql(self, compiler, connection):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 0.0, 1.0, {self.TITLE_WEIGHT})", []


class StemmedSearchBackend(SQLiteSearchBackend):
    index_class = StemmedIndex
    query_compiler_class = StemmedQueryCompiler
    autocomplete_query_compiler_class = QuoteSafeAutocompleteQueryCompiler

    def ranked_ids(self, queryset, words) -> list[int]:
        """The ids of the objects of `queryset` that hold every word (in one of its forms),
        best first: title hits before body hits, more of the words before fewer, as on
        PostgreSQL. One query; Wagtail's own ranking here asks a subquery per matching row."""
        compiler = self.query_compiler_class(queryset, PlainText(words, operator="and"))
        match = MatchExpression(
            compiler.FTS_TABLE_FIELDS, compiler.build_search_query(compiler.query)
        )
        keys = queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")
        found = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
                index_entry__object_id__in=keys,
            )
            .annotate(score=WeightedBM25())
            # Ties (the same words as often) newest first, as pages are numbered.
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", flat=True)
        )
        return list(dict.fromkeys(int(pk) for pk in found))
