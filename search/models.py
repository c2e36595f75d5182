"""The stored words of each project, for the project search on PostgreSQL (search/postgresql.py)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ProjectDocument(models.Model):
    """A project's indexed words (title and body, in its own language), keyed by page id.

    PostgreSQL only: the table, its GIN index and its cascade on delete are made by this
    app's migration on PostgreSQL alone (so the model is unmanaged), and rows are written
    whenever the project's search index entry is (`search.postgresql.LanguageIndex`).
    """

    page = models.OneToOneField(
        "plan_pages.ProjectPage",
        primary_key=True,
        # The database deletes the row with its page (ON DELETE CASCADE in the migration);
        # Django must not look for rows on SQLite, which has no such table.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    document = SearchVectorField()

    class Meta:
        managed = False
        db_table = "search_projectdocument"

    def __str__(self):
        return f"words of project {self.page_id}"
