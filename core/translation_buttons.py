"""The editors' way into a page's English version, shown where they work on the page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.models import Locale

# Translation is the municipal editors' job: wagtail-localize's own permission for starting and
# syncing translations, which councils do not have (docs/permissions.md).
TRANSLATE = "wagtail_localize.submit_translation"
LABEL = _("Translate into English")
ICON = "wagtail-localize-language"


def english_version(page, user):
    """(may translate, the page's English version or None) for a page `user` may translate."""
    if page.is_root() or page.alias_of_id or not user.has_perm(TRANSLATE):
        return False, None
    english = Locale.objects.filter(language_code="en").first()
    if english is None or page.locale_id == english.pk:
        return False, None
    return True, page.get_translations().filter(locale=english, alias_of__isnull=True).first()


def translate_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def listing_button(page, user):
    """In the explorer, on each page with no English version yet."""
    may_translate, english = english_version(page, user)
    if may_translate and english is None:
        return ListingButton(LABEL, translate_url(page), icon_name=ICON, priority=40)
    return None


def header_button(page, user):
    """In the page editor's header: start the translation, or open the English version's
    editor (wagtail-localize's translation editor) once there is one."""
    may_translate, english = english_version(page, user)
    if not may_translate:
        return None
    url = (
        translate_url(page)
        if english is None
        else reverse("wagtailadmin_pages:edit", args=[english.pk])
    )
    return HeaderButton(LABEL, url, icon_name=ICON, attrs={"data-translate-into-english": ""})
