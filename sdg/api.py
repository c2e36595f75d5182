"""The 17 goals in the read-only open-data API (docs/api.md): `/api/v2/goals/`, `?number=11`."""

from wagtail.api import APIField
from wagtail.api.v2.views import PagesAPIViewSet

from rest_framework.fields import Field

from .models import SDGGoalPage


class TargetsField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        return [{"code": target.code, "title": target.title} for target in page.targets.all()]


class GoalsAPIViewSet(PagesAPIViewSet):
    name = "goals"
    model = SDGGoalPage
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}
    body_fields = PagesAPIViewSet.body_fields + [
        "number",
        "short_title",
        "colour",
        "description",
        APIField("targets", serializer=TargetsField()),
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "number",
        "short_title",
        "colour",
    ]

    def get_queryset(self):
        public = self.get_base_queryset().values("pk")
        return (
            SDGGoalPage.objects.filter(pk__in=public)
            .select_related("locale")
            .prefetch_related("targets")
            .order_by("locale__language_code", "number")
        )
