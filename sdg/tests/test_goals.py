import re

import pytest

from sdg.goals import goals, target_choices, targets, targets_of
from sdg.models import SDGGoalPage, SDGIndexPage
from sdg.pages import ensure_goal_pages
from sdg.tests.factories import SDGGoalPageFactory

HEX_COLOUR = re.compile(r"^#[0-9A-F]{6}$")


def test_seventeen_goals_with_colours_and_texts_in_both_languages():
    assert sorted(goals()) == list(range(1, 18))
    for goal in goals().values():
        assert HEX_COLOUR.match(goal.colour)
        for texts in (goal.title, goal.short_title, goal.description):
            assert texts["da"].strip() and texts["en"].strip()
            assert texts["da"] != texts["en"]


def test_169_targets_each_under_its_goal_in_both_languages():
    assert len(targets()) == 169
    for code, target in targets().items():
        assert code.split(".")[0] == str(target.goal)
        assert target.title["da"].strip() and target.title["en"].strip()
    assert [len(targets_of(n)) for n in goals()] == [
        7,
        8,
        13,
        10,
        9,
        8,
        5,
        12,
        8,
        10,
        10,
        11,
        5,
        10,
        12,
        12,
        19,
    ]


def test_goal_label_follows_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert str(target_choices()[6][0]) == "7. Affordable and clean energy"
    with translation.override("da"):
        assert str(target_choices()[6][0]).startswith("7. ")
        assert "energi" in str(target_choices()[6][0]).lower()


@pytest.mark.django_db
def test_goal_pages_are_built_from_the_data_once(site_root):
    index_page = ensure_goal_pages(site_root)
    ensure_goal_pages(site_root)

    assert SDGIndexPage.objects.count() == 1
    pages = SDGGoalPage.objects.child_of(index_page).order_by("number")
    assert [page.number for page in pages] == list(range(1, 18))
    goal_7 = SDGGoalPage.objects.get(number=7)
    assert goal_7.colour == goals()[7].colour
    assert goal_7.short_title == goals()[7].short_title["da"]
    assert [t.code for t in goal_7.targets.all()] == ["7.1", "7.2", "7.3", "7.a", "7.b"]
    assert goal_7.targets.first().title == targets()["7.1"].title["da"]


@pytest.mark.django_db
def test_a_language_has_one_page_per_goal(site_root):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    index_page = ensure_goal_pages(site_root)
    duplicate = SDGGoalPageFactory.build(number=7, slug="maal-7-igen")
    duplicate.locale = index_page.locale
    with translation.override("en"), pytest.raises(ValidationError, match="already has a page"):
        index_page.add_child(instance=duplicate)


def test_every_goal_has_a_text_colour_with_at_least_4_5_to_1_contrast():
    from sdg.goals import contrast_ratio

    for goal in goals().values():
        assert contrast_ratio(goal.colour, goal.text_colour) >= 4.5, goal.number
    assert goals()[7].text_colour == "#1A1A1A"  # white on #FCC30B fails
    assert goals()[1].text_colour == "#FFFFFF"


@pytest.mark.django_db
def test_every_goal_page_header_sets_the_text_colour_that_reads_on_its_goal_colour(
    site_root, client
):
    """The goal number in the header is written in the goal's own text colour; without it,
    dark text fell on seven dark goal colours."""
    from django.utils.html import escape

    ensure_goal_pages(site_root)
    for page in SDGGoalPage.objects.live():
        goal = goals()[page.number]
        header = (
            f'<header class="goal-header" style="'
            f'{escape(f"--goal-colour: {goal.colour}; --goal-text: {goal.text_colour}")}">'
        )
        assert header in client.get(page.url).content.decode(), page.number
