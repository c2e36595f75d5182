"""The contact details and site settings moved to core (the site's chrome), every row kept:
core 0001 made the tables, the rows are copied with their keys, and the content types take
core's label, so translations, permissions and references follow."""

from django.db import migrations

from core.model_moves import copy_rows, rename_content_types

MOVED = ['contactdetails', 'contactsettings']


def move_to_core(apps, schema_editor):
    for name in MOVED:
        copy_rows(apps.get_model('home', name), apps.get_model('core', name), schema_editor.connection)
    rename_content_types(apps, 'home', 'core', MOVED)


def move_back(apps, schema_editor):
    rename_content_types(apps, 'core', 'home', MOVED)
    for name in MOVED:
        copy_rows(apps.get_model('core', name), apps.get_model('home', name), schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0004_information_pages'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(move_to_core, move_back),
        migrations.RemoveField(
            model_name='contactsettings',
            name='contact',
        ),
        migrations.RemoveField(
            model_name='contactsettings',
            name='accessibility_statement',
        ),
        migrations.RemoveField(
            model_name='contactsettings',
            name='privacy_page',
        ),
        migrations.RemoveField(
            model_name='contactsettings',
            name='site',
        ),
        migrations.DeleteModel(
            name='ContactDetails',
        ),
        migrations.DeleteModel(
            name='ContactSettings',
        ),
    ]
