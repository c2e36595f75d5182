from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Following by e-mail")

    def ready(self):
        from wagtail.signals import page_published

        from .changes import record_published_changes

        page_published.connect(record_published_changes, dispatch_uid="following-changes")
