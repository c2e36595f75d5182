"""A goal's words find the projects tagged with the goal, in each language, on both databases."""

import pytest

from core.tests.database import built_once, make_locale_en, make_site_root
from plan_pages.models import ProjectGoal, ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

from .searching import found, publish

pytestmark = pytest.mark.django_db

# Titles and summaries that do not name their goal: only the goal's words can find them.
PROJECTS = {
    "sol": ([7, 13], [], "Solceller på hallen", "Solar panels on the hall"),
    "dige": ([13], [], "Nyt dige ved fjorden", "A new dike by the fjord"),
    "brønd": ([6], [], "Brønden på torvet", "The well on the square"),
    "klub": ([5], [], "Pigeklub i forsamlingshuset", "Girls' club in the village hall"),
    "bus": ([11], [], "Flere busser", "More buses"),
    "hegn": ([15], ["15.5"], "Levende hegn", "Hedgerows"),
}

PAIRS = [
    ("da", "klima", {"sol", "dige"}),
    ("en", "climate", {"sol", "dige"}),
    ("da", "vand", {"brønd"}),
    ("en", "water", {"brønd"}),
    ("da", "ligestilling", {"klub"}),
    ("en", "gender equality", {"klub"}),
    ("da", "energi", {"sol"}),
    ("en", "energy", {"sol"}),
    ("da", "lokalsamfund", {"bus"}),
    # A target the project names counts too (15.5: loss of biodiversity, threatened species).
    ("da", "biodiversitet", {"hegn"}),
    ("en", "species", {"hegn"}),
]


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        site_root, locale_en = make_site_root(), make_locale_en()
        plan = publish(LocalAreaPlanPageFactory(parent=site_root, title="Glumsø"))
        titles = {}
        for key, (goals, targets, danish_title, english_title) in PROJECTS.items():
            danish = ProjectPageFactory(
                parent=plan, goals=goals, targets=targets, title=danish_title, summary="."
            )
            danish.save_revision().publish()
            english = danish.copy_for_translation(locale_en, copy_parents=True)
            english.title = english_title
            english.save_revision().publish()
            titles[key] = {"da": danish_title, "en": english_title}
        yield titles


@pytest.mark.parametrize(("language", "words", "keys"), PAIRS)
def test_a_goals_words_find_every_project_tagged_with_it(client, shared, language, words, keys):
    assert found(client, language, words) == {shared[key][language] for key in keys}


def test_a_goal_added_in_the_editor_is_found_once_published(client, shared):
    bus = ProjectPage.objects.get(title="Flere busser")
    bus.goal_tags.add(ProjectGoal(goal=13))
    bus.save_revision().publish()

    assert "Flere busser" in found(client, "da", "klima")
