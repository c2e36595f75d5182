import django.db.models.deletion
from django.db import migrations, models

STEPLEN = 4  # treebeard's, as Wagtail's pages use it


def name_each_reports_plan(apps, schema_editor):
    """An annual report sits right under its plan: its parent's path is its own, one step less."""
    AnnualReportPage = apps.get_model("plan_pages", "AnnualReportPage")
    LocalAreaPlanPage = apps.get_model("plan_pages", "LocalAreaPlanPage")
    for report in AnnualReportPage.objects.all():
        plan = LocalAreaPlanPage.objects.filter(path=report.path[:-STEPLEN]).first()
        AnnualReportPage.objects.filter(pk=report.pk).update(plan=plan)


class Migration(migrations.Migration):
    dependencies = [
        ("plan_pages", "0015_merge_reminders_goal_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="annualreportpage",
            name="plan",
            field=models.ForeignKey(
                editable=False,
                help_text="The plan this page sits under, kept in step by save() and moves.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="plan_pages.localareaplanpage",
            ),
        ),
        migrations.RunPython(name_each_reports_plan, migrations.RunPython.noop),
    ]
