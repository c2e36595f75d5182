from datetime import timedelta

from django.utils import timezone

import factory
import wagtail_factories

from plan_pages.models import (
    AnnualReportPage,
    Idea,
    LocalAreaPlanPage,
    ProjectGoal,
    ProjectPage,
    SurveyPage,
)


class LocalAreaPlanPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lokalområde {n}")
    summary = "Lokalrådets plan for området."
    villages = "Glumsø, Bavelse"
    plan_kind = "lup"
    year_adopted = 2022
    next_revision = 2026
    council_name = "Lokalrådet"
    council_email = "kontakt@lokalraad.example.dk"
    vision = "<p>Et levende lokalområde i 2030.</p>"

    class Meta:
        model = LocalAreaPlanPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Et projekt fra borgermødet."
    status = "in_progress"

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def goals(page, create, extracted, **kwargs):
        """`goals=[7, 11]` tags the project; the default is goal 11."""
        page.goal_tags = [ProjectGoal(goal=number) for number in (extracted or [11])]
        if create:
            page.save()


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


class AnnualReportPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda page: f"Årsrapport {page.year}")
    year = 2024
    foreword = "<p>Et år med mange frivillige hænder.</p>"

    class Meta:
        model = AnnualReportPage
