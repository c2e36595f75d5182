"""The goal overview is in the site's main navigation, which lists the front page's children
marked "show in menus" (core's navigation no longer knows the goal pages by type)."""

from django.db import migrations


def show_in_menus(apps, schema_editor):
    SDGIndexPage = apps.get_model("sdg", "SDGIndexPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    pages = SDGIndexPage.objects.filter(show_in_menus=False)
    revision_ids = [page.latest_revision_id for page in pages if page.latest_revision_id]
    pages.update(show_in_menus=True)
    # The next publish starts from the latest revision: it must say the same.
    for revision in Revision.objects.filter(pk__in=revision_ids):
        revision.content["show_in_menus"] = True
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("sdg", "0001_initial"), ("wagtailcore", "0094_alter_page_locale")]

    operations = [migrations.RunPython(show_in_menus, migrations.RunPython.noop)]
