from django.apps import AppConfig
from django.db import models


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Næstved LUP"

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.widgets import SlugInput

        from .page_cache import forget_cached_pages_on_change
        from .slugs import SLUG_FORMATTERS

        # Every slug field in the admin transliterates Danish letters while the editor types.
        register_form_field_override(
            models.SlugField, override={"widget": SlugInput(formatters=SLUG_FORMATTERS)}
        )
        forget_cached_pages_on_change()
