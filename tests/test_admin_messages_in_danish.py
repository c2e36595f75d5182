"""What the admin says after a council member or an editor acts (saved, submitted, approved,
published, translated, uploaded, logged out), and the states it leaves pages in, are in Danish.

The walk of the admin's screens (`tests/demo/test_admin_in_danish.py`) only reads pages, so it
never sees the message a POST leaves behind. These strings are found in the catalogues instead:
every English string of the Wagtail and wagtail-localize modules that carry out those actions.
"""

from html import unescape
from io import BytesIO
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import wagtail
import wagtail_localize
from wagtail.models import Collection, GroupCollectionPermission, Locale

import polib
import pytest
from PIL import Image

from tests.admin_walk import catalogue_key, english_catalogues

# Where the actions are, per package folder: (folder, the paths in it whose strings count).
ACTION_MODULES = {
    "wagtail/admin": (
        *("views/pages/", "views/generic/", "views/account.py", "views/page_privacy.py"),
        "action_menu.py",
    ),
    "wagtail/images": ("views/images.py", "views/multiple.py", "views/bulk_actions/"),
    "wagtail/documents": ("views/documents.py", "views/multiple.py", "views/bulk_actions/"),
    "wagtail/snippets": ("views/", "action_menu.py", "bulk_actions/"),
    "wagtail/contrib/settings": ("views.py",),
    "wagtail/contrib/redirects": ("views.py",),
    # All of it: editors translate every page with it, and the screens of a page not yet
    # translated (the demo has none) are out of the walk's reach.
    "wagtail_localize": ("",),
    # The states those actions leave a page in, as listings and reports show them ("in
    # moderation", "live + draft").
    "wagtail": ("models/draft_state.py", "models/workflows.py"),
}


def package_folder(catalogue: Path) -> str:
    """The package folder a catalogue belongs to: "wagtail/admin" for
    …/wagtail/admin/locale/en/LC_MESSAGES/django.po."""
    for package in (wagtail, wagtail_localize):
        home = Path(package.__file__).parent.parent
        if catalogue.is_relative_to(home):
            return str(catalogue.relative_to(home)).split("/locale/")[0]
    raise ValueError(catalogue)


# The page list, with its search: what a council member opens on every visit. The walk of the
# admin's screens reads it without a search, so the lines a search adds are found here.
PAGE_LIST = {
    "wagtail/admin": (
        "templates/wagtailadmin/pages/listing/",
        "templates/wagtailadmin/pages/search_results.html",
        "templates/wagtailadmin/shared/search_other.html",
    )
}


def action_strings():
    """{msgid: catalogue key} of every string the action modules use."""
    return strings_of(ACTION_MODULES)


def strings_of(modules):
    """{msgid: catalogue key} of every string that `modules` ({package folder: paths}) use."""
    found = {}
    for catalogue in english_catalogues():
        paths = modules.get(package_folder(catalogue))
        if not paths:
            continue
        for entry in polib.pofile(str(catalogue)):
            if not entry.obsolete and any(o[0].startswith(paths) for o in entry.occurrences):
                found[entry.msgid] = catalogue_key(entry)
    return found


def test_the_action_modules_are_found_in_the_catalogues():
    strings = action_strings()
    assert "Page '%(page_title)s' created and submitted for moderation." in strings
    assert "Published '{object}' in {locale}." in strings  # wagtail-localize
    assert "Submit" in strings  # its screen for sending a page to translation
    assert "Image '%(image_title)s' added." in strings
    assert "in moderation" in strings  # wagtail's own models


def without_danish(strings):
    """The msgids of `strings` ({msgid: catalogue key}) that no Danish catalogue translates."""
    danish = translation.trans_real.translation("da")._catalog
    return sorted(msgid for msgid, key in strings.items() if key not in danish)


def test_every_message_after_an_action_of_a_council_or_an_editor_has_danish():
    assert without_danish(action_strings()) == []


def test_the_page_list_and_its_search_have_danish():
    assert without_danish(strings_of(PAGE_LIST)) == []


def messages_after(response):
    """The sentence of each message the response left (Wagtail's HTML ones end in buttons)."""
    return [
        unescape(str(message).split("\n")[0]) for message in get_messages(response.wsgi_request)
    ]


@pytest.mark.django_db
def test_a_council_member_logging_out_is_told_so_in_danish(client, django_user_model):
    user = django_user_model.objects.create_user("lokalraad-test", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post("/admin/logout/", HTTP_ACCEPT_LANGUAGE="da")

    assert messages_after(response) == ["Du er logget ud."]


@pytest.mark.django_db
def test_an_uploaded_image_is_confirmed_in_danish(client, django_user_model):
    user = django_user_model.objects.create_user("redaktoer-test", password="x")
    editors = Group.objects.create(name="Redaktører")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="add_image"),
    )
    user.groups.add(editors)
    client.force_login(user)
    picture = BytesIO()
    Image.new("RGB", (40, 30), "green").save(picture, "PNG")

    response = client.post(
        "/admin/images/add/",
        {
            "title": "Søen",
            "description": "Søen ved Glumsø en stille morgen",
            "file": SimpleUploadedFile("soeen.png", picture.getvalue(), "image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
        HTTP_ACCEPT_LANGUAGE="da",
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert messages_after(response) == ["Billedet 'Søen' er tilføjet."]


@pytest.mark.django_db
def test_the_admin_names_the_content_languages_in_lower_case_as_danish_writes_them(locale_en):
    """They stand mid-sentence: "Udgiv på engelsk", "'Glumsø' er udgivet på engelsk"."""
    with translation.override("da"):
        names = [locale.get_display_name() for locale in Locale.objects.order_by("pk")]
    assert names == ["dansk", "engelsk"]


@pytest.mark.django_db
def test_the_page_search_counts_the_pages_it_found_in_danish(admin_client, plan):
    """Wagtail 8.0's page search has no noun for its pages ("1–1 af 1 None"): the project's
    template gives it one (templates/wagtailadmin/pages/listing/)."""
    html = admin_client.get("/admin/pages/search/", {"q": plan.title}).content.decode()
    assert "1–1 af 1 side" in html
    assert "1 None" not in html
