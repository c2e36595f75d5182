"""A page's description for search engines and share previews, from whatever text it has."""

from core.metadata import DESCRIPTION_LENGTH, plain_description


def test_rich_text_becomes_one_line_of_plain_words():
    rich = "<p>Skovens <b>første</b> år&#x27;s plan.</p><p>Næste år:</p><ul><li>stier</li></ul>"
    assert plain_description(rich) == "Skovens første år's plan. Næste år: stier"


def test_a_long_text_is_cut_to_what_search_engines_show():
    description = plain_description("Ord " * 200)
    assert len(description) <= DESCRIPTION_LENGTH and description.endswith("…")


def test_no_text_no_description():
    assert plain_description("") == plain_description(None) == ""
