"""Slugs the way Danish sites write them: æ→ae, ø→oe, å→aa ("Glumsø" → "glumsoe")."""

from django.utils.text import slugify

DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}


def transliterate_danish(text: str) -> str:
    return "".join(DANISH_LETTERS.get(char, char) for char in text)


def danish_slugify(text: str) -> str:
    return slugify(transliterate_danish(text))


# The same mapping for the admin's slug field, which slugifies in the browser.
SLUG_FORMATTERS = [(letter, ascii_form, "g") for letter, ascii_form in DANISH_LETTERS.items()]
