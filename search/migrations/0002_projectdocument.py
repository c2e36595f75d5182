"""A GIN-indexed tsvector per project, on PostgreSQL only (see search/models.py).

Filled as projects are indexed: after upgrading, run `manage.py update_index` once.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

CREATE = """
CREATE TABLE IF NOT EXISTS search_projectdocument (
    page_id integer PRIMARY KEY
        REFERENCES plan_pages_projectpage (page_ptr_id) ON DELETE CASCADE
        DEFERRABLE INITIALLY DEFERRED,
    document tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS search_projectdocument_gin
    ON search_projectdocument USING gin (document);
"""


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_projectdocument")


class Migration(migrations.Migration):
    dependencies = [
        ("plan_pages", "0010_picture_alt_text"),
        ("search", "0001_trigram_extension"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectDocument",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="plan_pages.projectpage",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"db_table": "search_projectdocument", "managed": False},
        ),
        migrations.RunPython(create_table, drop_table, elidable=False),
    ]
