from datetime import datetime

from django.utils import timezone

import factory
import wagtail_factories

from plan_pages.models import (
    AnnualReportPage,
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
    intro = "<p>Sig din mening om ideerne.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.make_aware(datetime(2024, 1, 10, 9)))
    closes_at = factory.LazyFunction(lambda: timezone.make_aware(datetime(2024, 2, 10, 23)))

    class Meta:
        model = SurveyPage


class AnnualReportPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda page: f"Årsrapport {page.year}")
    year = 2024
    foreword = "<p>Et år med mange frivillige hænder.</p>"

    class Meta:
        model = AnnualReportPage
