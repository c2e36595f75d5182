"""Create the goal overview and the 17 goal pages from the official data."""

from django.db import transaction

from wagtail.models import Locale, Page
from wagtail.search import index

from .goals import SOURCE_LANGUAGE, goals, targets_of
from .models import SDGGoalPage, SDGIndexPage, SDGTarget

INDEX_TITLE = {"da": "Verdensmålene", "en": "The Global Goals"}
INDEX_SLUG = {"da": "verdensmaal", "en": "global-goals"}
GOAL_SLUG = {"da": "maal-{number}", "en": "goal-{number}"}
INDEX_INTRO = {
    "da": "<p>FN's 17 verdensmål for bæredygtig udvikling, og de lokale projekter, der arbejder "
    "for hvert af dem.</p>",
    "en": "<p>The UN's 17 Sustainable Development Goals, and the local projects that work "
    "towards each of them.</p>",
}


def build_goal_page(number: int, language: str = SOURCE_LANGUAGE) -> SDGGoalPage:
    goal = goals()[number]
    return SDGGoalPage(
        number=number,
        title=goal.title[language],
        slug=GOAL_SLUG[language].format(number=number),
        short_title=goal.short_title[language],
        description=goal.description[language],
        colour=goal.colour,
        targets=[
            SDGTarget(code=target.code, title=target.title[language])
            for target in targets_of(number)
        ],
    )


@transaction.atomic
def ensure_goal_pages(parent: Page, language: str = SOURCE_LANGUAGE) -> SDGIndexPage:
    """Idempotent: creates the overview and whichever goal pages are missing under it."""
    index_page = SDGIndexPage.objects.child_of(parent).first()
    if index_page is None:
        index_page = parent.add_child(
            instance=SDGIndexPage(
                title=INDEX_TITLE[language],
                slug=INDEX_SLUG[language],
                intro=INDEX_INTRO[language],
                show_in_menus=True,
            )
        )
    existing = set(SDGGoalPage.objects.child_of(index_page).values_list("number", flat=True))
    for number in goals():
        if number not in existing:
            page = index_page.add_child(instance=build_goal_page(number, language))
            # Indexed again with its targets: the page's row is indexed as it is saved, before
            # its targets are (with the immediate task backend), and a target's words should
            # find its goal.
            index.insert_or_update_object(page)
    return index_page


def untranslated_goal_pages(index_page: SDGIndexPage, language: str):
    """(page, twin) for the overview and each goal page under it without a translation into
    `language`: the twin is an unsaved copy written with the official texts of that language,
    its targets keyed like the page's, ready for `core.localize.translate_from_twin`."""
    locale = Locale.objects.get(language_code=language)
    if not index_page.get_translations().filter(locale=locale).exists():
        yield (
            index_page,
            SDGIndexPage(
                title=INDEX_TITLE[language], slug=INDEX_SLUG[language], intro=INDEX_INTRO[language]
            ),
        )
    for page in SDGGoalPage.objects.child_of(index_page):
        if not page.get_translations().filter(locale=locale).exists():
            twin = build_goal_page(page.number, language)
            for target, twin_target in zip(page.targets.all(), twin.targets.all(), strict=True):
                twin_target.translation_key = target.translation_key
            yield page, twin
