from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgConfig(AppConfig):
    name = "sdg"
    verbose_name = _("UN Sustainable Development Goals")
