from django.apps import AppConfig
from django.db import models


class CoreConfig(AppConfig):
    """What every app of the site shares: base page, blocks, forms, slugs, translation helpers
    and the site's chrome (navigation, head metadata, contact details, sitemap). Names no other
    app of ours."""

    name = "core"
    verbose_name = "Fælles"

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.widgets import SlugInput

        from . import locales
        from .slugs import SLUG_FORMATTERS

        locales.install()

        # Every slug field in the admin transliterates Danish letters while the editor types.
        register_form_field_override(
            models.SlugField, override={"widget": SlugInput(formatters=SLUG_FORMATTERS)}
        )
