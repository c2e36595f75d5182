"""PostgreSQL: each page indexed with its own language's configuration (see backends.py).

Projects also get a row in `search_projectdocument` (search/models.py): the same words as their
index entry (title and body, one tsvector, weighted title A, summary and tags B, the rest C)
keyed by page id, under a GIN index. The project search (`plan_pages.listing`) asks
`matching_projects()` for the matching ids as a subquery over that index, so the filters and
facet counts join it in the database instead of carrying thousands of ids in each query, and
`ranked_ids()` ranks only the results, over the same rows (`ts_rank` with those weights).
"""

from copy import copy
from functools import reduce
from itertools import groupby
from operator import and_, or_

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from plan_pages.models import ProjectPage

from . import listing
from .backends import active_language, config_for_object
from .models import ProjectDocument
from .wordforms import algorithm, query_forms

# A project's stored words, weighted as `ranked_ids` ranks them: the title A; the fields boosted
# in its search fields (summary, tags: weighted A or B in Wagtail's entry, by the site's boosts)
# B; the rest of the text (body, how to take part, the goals' words) C.
WEIGHTED_DOCUMENT = (
    "setweight(entry.title, 'A')"
    " || setweight(ts_filter(entry.body, '{a,b}'), 'B')"
    " || setweight(ts_filter(entry.body, '{c,d}'), 'C')"
)
# ts_rank's weights of D, C, B and A (PostgreSQL's defaults): a word in the title counts for
# 2.5 times one in the summary, 5 times one in the body.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]


class LanguageIndex(PostgresIndex):
    """Index rows built with the configuration of each object's own language."""

    def add_items(self, model, objs):
        objs = sorted(objs, key=config_for_object)
        for config, same_language in groupby(objs, key=config_for_object):
            backend = copy(self.backend)
            backend.config = config
            PostgresIndex(backend).add_items(model, list(same_language))
        if issubclass(model, ProjectPage) and objs:
            self.store_documents([obj.pk for obj in objs])

    def store_documents(self, ids):
        """Copy the projects' index entries into their GIN-indexed rows, weighted for ranking."""
        entries = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {ProjectDocument._meta.db_table} (page_id, document)
                SELECT project.page_ptr_id, {WEIGHTED_DOCUMENT}
                FROM {entries} entry
                JOIN {ProjectPage._meta.db_table} project
                  ON entry.object_id = project.page_ptr_id::text
                WHERE entry.content_type_id = %s AND project.page_ptr_id = ANY(%s)
                ON CONFLICT (page_id) DO UPDATE SET document = EXCLUDED.document
                """,
                [ContentType.objects.get_for_model(ProjectPage).pk, list(ids)],
            )
        # A row new here (after `update_index` emptied the table, say) needs its listing
        # columns too.
        listing.refresh(ids=ids)


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

    def project_query(self, words):
        """The tsquery of the words (every word, in one of its forms) in the language being
        read: the same as `search()` asks of the index entries."""
        compiler = self.query_compiler_class(
            ProjectPage.objects.none(), PlainText(words, operator="and")
        )
        return compiler.build_tsquery(compiler.query, config=compiler.get_config(self))

    def matching_projects(self, words):
        """The ids of the projects whose words match, as a subquery over the GIN index."""
        return ProjectDocument.objects.filter(document=self.project_query(words)).values("page_id")

    def listed_projects(self, locale, plan=None, goal=None, words=""):
        """The listed projects of a language (within a plan, for a goal, holding the words),
        as rows of the narrow table kept for the search (`search.listing`): their
        `page_id`, `plan_id`, `status`, `published` and `goals`."""
        rows = ProjectDocument.objects.filter(listed=True, locale_id=locale.pk)
        if plan is not None:
            rows = rows.filter(plan_id=plan.pk)
        if goal is not None:
            rows = rows.filter(goals__contains=[goal])
        if words:
            rows = rows.filter(document=self.project_query(words))
        return rows

    def rank_projects(self, ids, words) -> list[int]:
        """The projects `ids`, each holding the words, best first (as `ranked_ids` ranks
        them): their stored words found by page id, not by the words again."""
        found = (
            ProjectDocument.objects.filter(page_id__in=ids)
            .annotate(
                rank=SearchRank(F("document"), self.project_query(words), weights=RANK_WEIGHTS)
            )
            .order_by("-rank", "-page_id")
            .values_list("page_id", flat=True)
        )
        return list(found)

    def ranked_ids(self, queryset, words) -> list[int]:
        """The ids of the objects of `queryset` that hold every word, best first. Projects are
        ranked over their weighted stored words in one query, title hits before summary hits
        before body hits (as `search.sqlite` ranks on SQLite); other pages by Wagtail."""
        if not issubclass(queryset.model, ProjectPage):
            results = self.search(words, queryset, operator="and")
            return list(dict.fromkeys(results.get_queryset().values_list("pk", flat=True)))
        search_query = self.project_query(words)
        found = (
            ProjectDocument.objects.filter(
                document=search_query, page_id__in=queryset.order_by().values("pk")
            )
            .annotate(rank=SearchRank(F("document"), search_query, weights=RANK_WEIGHTS))
            # Ties (the same words as often) newest first, as pages are numbered.
            .order_by("-rank", "-page_id")
            .values_list("page_id", flat=True)
        )
        return list(found)
