"""The status history of projects published before it was kept, read from their revisions."""

from django.db import migrations


def backfill(apps, schema_editor):
    from plan_pages.progress import backfill_history

    backfill_history(
        apps.get_model("plan_pages", "StatusChange"),
        apps.get_model("plan_pages", "ProjectPage"),
        apps.get_model("wagtailcore", "PageLogEntry"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plan_pages", "0011_milestones_updates_status_history"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
