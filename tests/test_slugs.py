import json

import pytest

from core.slugs import danish_slugify
from plan_pages.models import LocalAreaPlanPage


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Glumsø og Omegn", "glumsoe-og-omegn"),
        ("Tappernøje, Snesere og Everdrup sogne", "tappernoeje-snesere-og-everdrup-sogne"),
        ("Æblehaven ved Åen", "aeblehaven-ved-aaen"),
        ("Lokalområdet 4262", "lokalomraadet-4262"),
    ],
)
def test_danish_letters_become_ascii_the_danish_way(title, slug):
    assert danish_slugify(title) == slug


@pytest.mark.django_db
def test_the_admin_slug_field_transliterates_danish_letters_as_the_editor_types():
    form_class = LocalAreaPlanPage.get_edit_handler().get_form_class()
    formatters = form_class().fields["slug"].widget.attrs["data-w-slug-formatters-value"]
    replacements = {
        pattern: replacement for (pattern, _flags), replacement in json.loads(formatters)
    }
    assert replacements["ø"] == "oe"
    assert replacements["å"] == "aa"
    assert replacements["æ"] == "ae"
