from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Næstved LUP"

    def ready(self):
        from .page_cache import forget_cached_pages_on_change

        forget_cached_pages_on_change()
