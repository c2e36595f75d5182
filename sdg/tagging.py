"""Count the pages tagged with goals, whatever app they come from: any concrete subclass of
`AbstractGoalTag` counts."""

from django.apps import apps
from django.db.models import Count


def goal_tag_relations():
    """(page model, name of the relation from the page to its goal tags) for each tag model."""
    from .models import AbstractGoalTag

    relations = []
    for model in apps.get_models():
        if issubclass(model, AbstractGoalTag):
            page_field = model._meta.get_field("page")
            relations.append((page_field.related_model, page_field.remote_field.related_name))
    return relations


def listed_pages(page_model, locale_id):
    return page_model.objects.live().public().filter(locale_id=locale_id)


def goal_counts(locale_id) -> dict[int, int]:
    """Number of live, public pages per goal in one language, counted by the database."""
    counts: dict[int, int] = {}
    for page_model, relation in goal_tag_relations():
        rows = (
            listed_pages(page_model, locale_id)
            .order_by()
            .values(f"{relation}__goal")
            .annotate(pages=Count("pk", distinct=True))
            .filter(**{f"{relation}__goal__isnull": False})
        )
        for row in rows:
            number = row[f"{relation}__goal"]
            counts[number] = counts.get(number, 0) + row["pages"]
    return counts
