from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactDetails
from .translation_buttons import listing_button


class ContactDetailsViewSet(SnippetViewSet):
    model = ContactDetails
    icon = "mail"
    menu_label = _("Contact details")
    list_display = ["unit", "phone", "locale"]
    add_to_settings_menu = True


register_snippet(ContactDetailsViewSet)


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    """The project's few rules for the admin (core/static/core/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))


@hooks.register("before_move_page")
def only_a_permitted_move_is_confirmed(request, page, destination):
    """Wagtail's move confirmation checks the user's permission only when the move is posted;
    until then it shows both pages' titles to anyone in the admin. Refuse it up front."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("register_page_listing_buttons")
def translate_into_english_button(page, user, next_url=None):
    """A visible "Translate into English" on each page of the explorer that has no English
    version yet (wagtail-localize keeps its own in the "…" menu)."""
    if button := listing_button(page, user):
        yield button
