"""What the project search filters and counts by, beside each project's words (see
search/listing.py): filled here on PostgreSQL for the projects there are, with an index on the
goals and one on the areas."""

import django.contrib.postgres.fields
from django.db import migrations, models

FILL = """
INSERT INTO search_projectdocument
    (page_id, document, listed, locale_id, plan_id, status, published, goals)
SELECT page.id, ''::tsvector,
    page.live AND NOT EXISTS (
        SELECT 1 FROM wagtailcore_pageviewrestriction restriction
        JOIN wagtailcore_page above ON above.id = restriction.page_id
        WHERE above.path = SUBSTR(page.path, 1, LENGTH(above.path))
    ),
    page.locale_id, project.plan_id, project.status, page.first_published_at,
    ARRAY(
        SELECT DISTINCT tag.goal FROM plan_pages_projectgoal tag
        WHERE tag.page_id = page.id ORDER BY tag.goal
    )
FROM wagtailcore_page page
JOIN plan_pages_projectpage project ON project.page_ptr_id = page.id
ON CONFLICT (page_id) DO UPDATE SET listed = EXCLUDED.listed, locale_id = EXCLUDED.locale_id,
    plan_id = EXCLUDED.plan_id, status = EXCLUDED.status, published = EXCLUDED.published,
    goals = EXCLUDED.goals;
CREATE INDEX IF NOT EXISTS search_projectdocument_goals
    ON search_projectdocument USING gin (goals);
CREATE INDEX IF NOT EXISTS search_projectdocument_plan ON search_projectdocument (plan_id);
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_projectdocument_goals")
        schema_editor.execute("DROP INDEX IF EXISTS search_projectdocument_plan")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_weighted_project_documents"),
        ("plan_pages", "0015_merge_reminders_goal_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectdocument",
            name="goals",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.SmallIntegerField(), null=True, size=None
            ),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="listed",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="locale_id",
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="plan_id",
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="published",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="status",
            field=models.CharField(blank=True, db_default="", max_length=20),
        ),
        migrations.RunPython(fill, drop_indexes, elidable=False),
    ]
