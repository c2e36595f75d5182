"""Who may read and moderate residents' survey answers.

Municipal editors: every area's answers, and delete spam. Councils: their own area's answers
(the admin filters by area, `plan_pages.councils.areas_of`), and moderate the comments.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Kommunale redaktører"
EDITOR_CODENAMES = ["view_ideaanswer", "change_ideaanswer", "delete_ideaanswer"]
COUNCIL_CODENAMES = ["view_ideaanswer", "change_ideaanswer"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("plan_pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    LocalCouncil = apps.get_model("plan_pages", "LocalCouncil")

    def codenames(names):
        return Permission.objects.filter(content_type__app_label="plan_pages", codename__in=names)

    for editors in Group.objects.filter(name=EDITORS_GROUP):
        editors.permissions.add(*codenames(EDITOR_CODENAMES))
    for council in LocalCouncil.objects.select_related("group"):
        council.group.permissions.add(*codenames(COUNCIL_CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("plan_pages", "0006_participation")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
