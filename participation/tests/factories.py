from datetime import timedelta

from django.utils import timezone

import factory
import wagtail_factories

from participation.models import Idea, MeetingPage, Registration, SurveyPage


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


class MeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Borgermøde {n}")
    kind = "first"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    place_name = "Glumsø Forsamlingshus"
    address = "Storegade 1, 4171 Glumsø"
    step_free = True
    agenda = "<ol><li>Velkomst</li><li>Idéer</li></ol>"

    class Meta:
        model = MeetingPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Beboer {n}")
    email = factory.Sequence(lambda n: f"beboer{n}@example.dk")
    language = "da"
    people = 1

    class Meta:
        model = Registration
