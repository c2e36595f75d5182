"""The stored words of each project, for the project search on PostgreSQL (search/postgresql.py)."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ProjectDocument(models.Model):
    """A project's indexed words (title and body, in its own language), keyed by page id.

    Written whenever the project's search index entry is (`search.postgresql.LanguageIndex`)
    and read only on PostgreSQL, where its GIN index lives; the table exists on every
    database so that Django deletes a project's row with it and empties it with the others
    (`flush`, which truncates every table Django manages in one statement).
    """

    page = models.OneToOneField(
        "plan_pages.ProjectPage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    document = SearchVectorField()
    # What the project search filters and counts by, copied from the page, its project row
    # and its goal tags whenever one of them changes (`search.listing.refresh`), so that the
    # search and its facet counts read this one narrow table, not the page table.
    # `listed`: live and not under a view restriction.
    listed = models.BooleanField(default=False, db_default=False)
    locale_id = models.IntegerField(null=True)
    plan_id = models.IntegerField(null=True)
    status = models.CharField(max_length=20, blank=True, db_default="")
    published = models.DateTimeField(null=True)
    goals = ArrayField(models.SmallIntegerField(), null=True)

    class Meta:
        db_table = "search_projectdocument"

    def __str__(self):
        return f"words of project {self.page_id}"
