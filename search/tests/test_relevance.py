"""Best match first, with the same expectations on SQLite and PostgreSQL: the words in a
project's title count for more than the same words in its text.

Not marked `postgresql`: runs on whichever database the run uses (CI runs both). The projects
are published oldest first in the order they should be found, so "newest first" (the order
SQLite used to give) would turn the expected order round.
"""

import pytest

from core.tests.database import built_once, make_site_root
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

from .searching import publish, search

pytestmark = pytest.mark.django_db

# Oldest first: both words in the title, one in the title, both only in the text.
PROJECTS = [
    ("Bålplads og shelter ved søen", "Et sted at samles om aftenen."),
    ("Ny bålplads i engen", "Med et shelter til overnatning."),
    ("Fælles friluftsliv", "En bålplads og et shelter i skoven."),
]


@pytest.fixture(scope="module")
def titles(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        plan = publish(LocalAreaPlanPageFactory(parent=make_site_root(), title="Glumsø"))
        for title, summary in PROJECTS:
            publish(ProjectPageFactory(parent=plan, title=title, summary=summary))
        yield [title for title, _ in PROJECTS]


def in_order(client, words, sort="relevance"):
    response = search(client, {"q": words, "sort": sort})
    return [project.title for project in response.context["outcome"].page.object_list]


def test_title_hits_come_before_text_hits_and_more_title_words_first(client, titles):
    assert in_order(client, "bålplads shelter") == titles


def test_a_word_in_the_title_comes_before_the_same_word_in_the_text(client, titles):
    assert in_order(client, "shelter")[0] == titles[0]
    in_titles, in_text = titles[:2], titles[2]
    found = in_order(client, "bålpladser")
    assert set(found[:2]) == set(in_titles)
    assert found[2] == in_text


def test_newest_first_when_asked(client, titles):
    assert in_order(client, "bålplads shelter", sort="newest") == titles[::-1]
