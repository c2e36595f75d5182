"""An index for the main navigation's pages (`core.templatetags.navigation_tags.chrome_pages`):
the front pages' children shown in menus, found by their depth. Wagtail's page table has no
index on the depth, so every page view read every page (19 ms at 50,000 projects); this one
holds only the few pages shown in menus. On Wagtail's table, so named and made here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_contact_settings_named_site_footer"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX core_page_menu_depth ON wagtailcore_page (depth) WHERE show_in_menus",
            "DROP INDEX core_page_menu_depth",
        )
    ]
