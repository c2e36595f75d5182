"""What a resident types finds its other word forms, with the same table on SQLite and PostgreSQL.

Not marked `postgresql`: this module runs on whichever database the run uses, and CI runs the
suite on both (search/wordforms.py says why stems alone are not enough).
"""

import pytest

from core.tests.database import built_once, make_locale_en, make_site_root
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from search.wordforms import forms

from .searching import found, publish

pytestmark = pytest.mark.django_db

DANISH = {
    "legeplads": ("Ny legeplads ved skolen", "Gynger og sandkasse til de mindste."),
    "legepladser": ("Flere legepladser", "Tre små pladser i landsbyerne."),
    "parkering": ("Overdækket parkering", "Plads til cykler ved hallen."),
    "cykelsti": ("Cykelsti til Fuglebjerg", "En sikker vej for skolebørn."),
    "cykelparkering": ("Cykelparkering ved stationen", "Stativer med tag."),
    "regler": ("Fælles regler for bålpladsen", "Hvem må tænde op hvornår."),
    "stige": ("Ny stige ved badebroen", "Så alle kan komme op af vandet."),
}
ENGLISH = {
    "playground": ("New playground by the school", "Swings and a sandpit."),
    "cycling": ("Cycling to the station", "Safe bicycle routes for everyone."),
    "villages": ("Road signs", "Welcome signs for the villages."),
}

# The query → the projects (by key above) it must find, and nothing else.
DANISH_PAIRS = [
    ("legeplads", {"legeplads", "legepladser"}),
    ("legepladser", {"legeplads", "legepladser"}),
    ("legepladsen", {"legeplads", "legepladser"}),
    ("cykel", {"parkering", "cykelsti", "cykelparkering"}),
    ("cykler", {"parkering", "cykelsti", "cykelparkering"}),
    ("cyklerne", {"parkering", "cykelsti", "cykelparkering"}),
    ("cykelstier", {"cykelsti"}),
    ("landsby", {"legepladser"}),
    ("landsbyerne", {"legepladser"}),
    ("regel", {"regler"}),
    ("skolebørn", {"cykelsti"}),
    # Short words match whole only: "sti" is neither "stige" nor "cykelsti".
    ("sti", set()),
    ("cykel fuglebjerg", {"cykelsti"}),
]
ENGLISH_PAIRS = [
    ("playgrounds", {"playground"}),
    ("cycle", {"cycling"}),
    ("bicycles", {"cycling"}),
    ("village", {"villages"}),
    ("signs", {"villages"}),
]


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        site_root, locale_en = make_site_root(), make_locale_en()
        plan = publish(LocalAreaPlanPageFactory(parent=site_root, title="Glumsø"))
        english_plan = plan.copy_for_translation(locale_en, copy_parents=True)
        english_plan.save_revision().publish()
        titles = {}
        for parent, projects in ((plan, DANISH), (english_plan, ENGLISH)):
            for key, (title, summary) in projects.items():
                page = ProjectPageFactory(parent=parent, title=title, summary=summary)
                page.save_revision().publish()
                titles[key] = title
        yield titles


@pytest.mark.parametrize(("words", "keys"), DANISH_PAIRS)
def test_danish_word_forms_find_each_other(client, shared, words, keys):
    assert found(client, "da", words) == {shared[key] for key in keys}


@pytest.mark.parametrize(("words", "keys"), ENGLISH_PAIRS)
def test_english_word_forms_find_each_other(client, shared, words, keys):
    assert found(client, "en", words) == {shared[key] for key in keys}


def test_each_language_reads_its_own_words(client, shared):
    assert found(client, "en", "legepladser") == set()
    assert found(client, "da", "playgrounds") == set()


def test_the_danish_e_that_comes_and_goes_is_looked_for_both_ways():
    assert forms("cykel", "da") == [("cykel", True), ("cykl", True)]
    assert forms("cykler", "da") == [("cykl", True), ("cykel", True)]
    assert forms("sø", "da") == [("sø", False)]
