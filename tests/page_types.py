"""The site's page types, from Wagtail's registry: a new page type is covered by every test that
claims "every page type" without anyone adding it to a list."""

from wagtail.models import Page, get_page_models


def page_types():
    """Every registered page type except Wagtail's own `Page`, in a stable order."""
    models = [model for model in get_page_models() if model is not Page]
    return sorted(models, key=lambda model: model._meta.label)


def page_type_id(model):
    return model.__name__
