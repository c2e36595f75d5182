import factory
import wagtail_factories

from sdg.goals import goals
from sdg.models import SDGGoalPage, SDGIndexPage


class SDGIndexPageFactory(wagtail_factories.PageFactory):
    title = "Verdensmålene"
    slug = "verdensmaal"

    class Meta:
        model = SDGIndexPage


class SDGGoalPageFactory(wagtail_factories.PageFactory):
    number = factory.Sequence(lambda n: n % 17 + 1)
    title = factory.LazyAttribute(lambda page: goals()[page.number].title["da"])
    slug = factory.LazyAttribute(lambda page: f"maal-{page.number}")
    short_title = factory.LazyAttribute(lambda page: goals()[page.number].short_title["da"])
    description = factory.LazyAttribute(lambda page: goals()[page.number].description["da"])
    colour = factory.LazyAttribute(lambda page: goals()[page.number].colour)

    class Meta:
        model = SDGGoalPage
