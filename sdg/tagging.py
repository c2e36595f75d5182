"""Find and count the pages tagged with goals, whatever app they come from.

Any concrete subclass of `AbstractGoalTag` counts: the pages it tags are listed on the
goal pages. A page model can define a classmethod `for_goal_listing(queryset)` to add the
`select_related`/`prefetch_related` its listing card needs.
"""

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


def tagged_pages(goal_number, locale_id):
    """Live, public pages in one language that work on the goal, newest first."""
    pages = []
    for page_model, relation in goal_tag_relations():
        queryset = (
            listed_pages(page_model, locale_id)
            .filter(**{f"{relation}__goal": goal_number})
            .distinct()
            .order_by("-first_published_at", "pk")
        )
        if hasattr(page_model, "for_goal_listing"):
            queryset = page_model.for_goal_listing(queryset)
        pages.extend(queryset)
    return pages


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
