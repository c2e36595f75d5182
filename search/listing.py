"""PostgreSQL: what the project search filters and counts by, beside each project's words.

`search_projectdocument` (search/models.py) holds, next to a project's stored words, whether it
is listed (live and not under a view restriction), its language, area, status, date of first
publication and goals. The project search then finds, filters and counts the projects from
this one narrow table (`search.postgresql.LanguageSearchBackend.listed_projects`), without
joining the page table, and counts the goals from the array.

These columns are copied from the page, its project row and its goal tags in the same
transaction as any change to them (`search.signals`), not by the search index's task (which
may run later): a project unpublished, made private, moved or given other goals is listed as
it is at once. `refresh()` writes the rows of some projects, or of every project.
"""

from django.db import connection

from wagtail.models import Page, PageViewRestriction

from plan_pages.models import ProjectGoal, ProjectPage

from .models import ProjectDocument

COLUMNS = ("listed", "locale_id", "plan_id", "status", "published", "goals")

REFRESH = """
INSERT INTO {documents} AS kept (page_id, document, {columns})
SELECT page.id, ''::tsvector,
    page.live AND NOT EXISTS (
        SELECT 1 FROM {restrictions} restriction
        JOIN {pages} above ON above.id = restriction.page_id
        WHERE above.path = SUBSTR(page.path, 1, LENGTH(above.path))
    ),
    page.locale_id, project.plan_id, project.status, page.first_published_at,
    ARRAY(SELECT DISTINCT tag.goal FROM {goals} tag WHERE tag.page_id = page.id ORDER BY tag.goal)
FROM {pages} page
JOIN {projects} project ON project.page_ptr_id = page.id
WHERE {where}
ON CONFLICT (page_id) DO UPDATE SET {updates}
-- A row rewritten only when it changes: no dead rows for the table's scans to read past.
WHERE ({kept}) IS DISTINCT FROM ({excluded})
"""


def refresh_sql(where):
    return REFRESH.format(
        documents=ProjectDocument._meta.db_table,
        restrictions=PageViewRestriction._meta.db_table,
        pages=Page._meta.db_table,
        goals=ProjectGoal._meta.db_table,
        projects=ProjectPage._meta.db_table,
        columns=", ".join(COLUMNS),
        updates=", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS),
        kept=", ".join(f"kept.{column}" for column in COLUMNS),
        excluded=", ".join(f"EXCLUDED.{column}" for column in COLUMNS),
        where=where,
    )


def refresh(ids=None, under=None):
    """Copy the listing columns of the projects `ids`, of the projects at or below the page
    path `under`, or (neither given) of every project. PostgreSQL only: elsewhere the search
    reads the pages themselves."""
    if connection.vendor != "postgresql":
        return
    if ids is not None:
        where, params = "page.id = ANY(%s)", [list(ids)]
    elif under is not None:
        where, params = "page.path LIKE %s", [f"{under}%"]
    else:
        where, params = "TRUE", []
    with connection.cursor() as cursor:
        cursor.execute(refresh_sql(where), params)
