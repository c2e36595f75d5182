from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """Residents take part: ideas, surveys and answers, working groups and volunteers."""

    name = "participation"
    verbose_name = "Borgerinddragelse"

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
