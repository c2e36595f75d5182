from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanPagesConfig(AppConfig):
    name = "plan_pages"
    verbose_name = _("Local development plans")

    def ready(self):
        from . import signals  # noqa: F401
