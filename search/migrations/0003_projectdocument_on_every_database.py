"""The project words' table on every database, managed by Django (see search/models.py).

0002 made it on PostgreSQL only, outside Django's knowledge, so `flush` could not truncate
the pages it refers to. PostgreSQL keeps its table, foreign key and GIN index; other
databases get the plain table.
"""

import django.db.models.deletion
from django.db import migrations, models


def create_elsewhere(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.create_model(apps.get_model("search", "ProjectDocument"))


def drop_elsewhere(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.delete_model(apps.get_model("search", "ProjectDocument"))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_projectdocument")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterModelOptions(name="projectdocument", options={}),
                migrations.AlterField(
                    model_name="projectdocument",
                    name="page",
                    field=models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="plan_pages.projectpage",
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_elsewhere, drop_elsewhere, elidable=False),
    ]
