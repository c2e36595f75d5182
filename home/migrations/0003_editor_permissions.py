"""The municipal editors keep the contact details and site settings up to date."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Kommunale redaktører"
CODENAMES = ["add_contactdetails", "change_contactdetails", "change_contactsettings"]


def grant(apps, schema_editor):
    home = apps.get_app_config("home")
    home.models_module = True
    create_permissions(home, apps=apps, verbosity=0)
    home.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.get(name=EDITORS_GROUP)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="home", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_initial"),
        ("plan_pages", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
