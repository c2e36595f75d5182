"""Slugs the way Danish sites write them: æ→ae, ø→oe, å→aa ("Glumsø" → "glumsoe")."""

from django.utils.text import slugify

DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}


def transliterate_danish(text: str) -> str:
    return "".join(DANISH_LETTERS.get(char, char) for char in text)


def danish_slugify(text: str) -> str:
    return slugify(transliterate_danish(text))


# The same mapping for the admin's slug field, which slugifies in the browser.
SLUG_FORMATTERS = [(letter, ascii_form, "g") for letter, ascii_form in DANISH_LETTERS.items()]


def slug_from_translated_title(page):
    """The slug a translated page should have when its slug is still its source page's: one
    made from its own title (free among its siblings). None when the slug is left as it is.

    wagtail-localize saves a translation with the source's slug unless the editor translates
    the slug too (it sits on another tab), so an English page would keep a Danish address.
    A slug the editor set is left alone, and so are the root and each language's front page."""
    from wagtail.coreutils import find_available_slug
    from wagtail.models import Locale, Page

    if page.pk is None or not page.depth or page.depth <= 2 or not page.locale_id:
        return None
    source_locale = Locale.get_default()
    if page.locale_id == source_locale.pk:
        return None
    source_slug = (
        Page.objects.filter(translation_key=page.translation_key, locale=source_locale)
        .values_list("slug", flat=True)
        .first()
    )
    own_slug = danish_slugify(page.title)
    if source_slug is None or page.slug != source_slug or own_slug in ("", source_slug):
        return None
    return find_available_slug(page.get_parent(), own_slug, ignore_page_id=page.pk)
