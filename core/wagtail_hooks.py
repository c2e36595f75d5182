from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactDetails


class ContactDetailsViewSet(SnippetViewSet):
    model = ContactDetails
    icon = "mail"
    menu_label = _("Contact details")
    list_display = ["unit", "phone", "locale"]
    add_to_settings_menu = True


register_snippet(ContactDetailsViewSet)
