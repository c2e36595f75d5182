"""The site's locales, read once per process: every page view asked for them several times
(the active language's while routing, then each page's `locale`), one query each.

A locale row is never changed in place (its language code is its identity), so the only way
the cache can go stale is a locale added or removed: a receiver forgets it when that happens in
this process, and a language code the cache does not know is looked up in the database (so a
locale added through another process is found at once).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

_locales: dict[str, tuple[int, str]] | None = None
_original_get_for_language = LocaleManager.get_for_language


def known_locales() -> dict[str, tuple[int, str]]:
    """{language code: (id, language code)} of the locales in the database."""
    global _locales
    if _locales is None:
        _locales = {
            code: (pk, code) for pk, code in Locale.all_objects.values_list("pk", "language_code")
        }
    return _locales


def forget_locales(**kwargs):
    global _locales
    _locales = None


def locale_for_id(locale_id) -> Locale | None:
    """A fresh Locale instance for `locale_id` from the cache (None if unknown)."""
    for pk, code in known_locales().values():
        if pk == locale_id:
            return Locale(pk=pk, language_code=code)
    return None


def get_for_language(self, language_code):
    """Wagtail's `Locale.objects.get_for_language` without a query for a known locale."""
    from wagtail.coreutils import get_supported_content_language_variant

    if self.model is Locale:
        known = known_locales().get(get_supported_content_language_variant(language_code))
        if known is not None:
            return Locale(pk=known[0], language_code=known[1])
    return _original_get_for_language(self, language_code)


def with_cached_locale(page):
    """`page` with its `locale` set from the cache, so reading it asks no query."""
    if page is not None and "locale" not in page._state.fields_cache:
        locale = locale_for_id(page.locale_id)
        if locale is not None:
            page._state.fields_cache["locale"] = locale
    return page


def install():
    LocaleManager.get_for_language = get_for_language
    receiver(post_save, sender=Locale, dispatch_uid="forget-locales-saved")(forget_locales)
    receiver(post_delete, sender=Locale, dispatch_uid="forget-locales-deleted")(forget_locales)
