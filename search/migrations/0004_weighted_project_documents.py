"""The projects' stored words weighted for ranking (search.postgresql.WEIGHTED_DOCUMENT): the
title A, the summary and tags B, the rest C. Rewritten here from the index entries on
PostgreSQL, so an upgraded site ranks title hits first without `update_index`."""

from django.db import migrations

UPDATE = """
UPDATE search_projectdocument document
SET document = setweight(entry.title, 'A')
    || setweight(ts_filter(entry.body, '{a,b}'), 'B')
    || setweight(ts_filter(entry.body, '{c,d}'), 'C')
FROM wagtailsearch_indexentry entry
WHERE entry.object_id = document.page_id::text
  AND entry.content_type_id = (
    SELECT id FROM django_content_type WHERE app_label = 'plan_pages' AND model = 'projectpage'
  )
"""


def weigh(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UPDATE)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_projectdocument_on_every_database"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(weigh, migrations.RunPython.noop, elidable=False)]
