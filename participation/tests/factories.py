from datetime import timedelta

from django.utils import timezone

import factory
import wagtail_factories

from participation.models import Idea, SurveyPage


class SurveyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Spørgeskema {n}")
    intro = "<p>Sig din mening om idéerne.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    results_public = True

    class Meta:
        model = SurveyPage


def add_ideas(plan, *titles):
    """Ideas 1, 2, … on a plan, as the plan's editor would add them."""
    return [
        Idea.objects.create(
            page=plan, locale=plan.locale, number=number, title=title, sort_order=number
        )
        for number, title in enumerate(titles, start=1)
    ]
