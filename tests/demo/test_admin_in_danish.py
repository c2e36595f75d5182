"""A council member and an editor see the admin in Danish on every screen they use: no English
string of Wagtail's or wagtail-localize's catalogues is left untranslated on any of them."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

import wagtail
import wagtail_localize

import polib
import pytest

from tests.admin_walk import untranslated_strings, walk, walk_as

pytestmark = pytest.mark.django_db

USERS = ["lokalraad-glumsoe-og-omegn", "redaktoer"]


def english_on(screens):
    """{msgid: [screens showing it untranslated]}."""
    found = {}
    for path, screen in screens.items():
        for msgid in untranslated_strings(screen.texts):
            found.setdefault(msgid, []).append(path)
    return found


@pytest.mark.parametrize("username", USERS)
def test_every_screen_a_council_or_an_editor_uses_is_in_danish(demo_site, username):
    start, screens = walk_as(username)

    assert set(start) <= set(screens), "every screen the walk starts from answers"
    assert english_on(screens) == {}


@pytest.mark.parametrize(
    ("username", "screen"),
    [
        ("lokalraad-glumsoe-og-omegn", "/admin/survey_answers/"),
        ("lokalraad-glumsoe-og-omegn", "/admin/images/chooser/"),
        ("redaktoer", "/admin/snippets/core/contactdetails/"),
        ("redaktoer", "/admin/reports/workflow/"),
    ],
)
def test_the_walk_reaches_participation_settings_choosers_and_reports(demo_site, username, screen):
    _start, screens = walk_as(username)
    assert screen in screens


def test_the_walk_opens_the_translation_editor_and_the_workflow_dialogs(demo_site):
    _start, screens = walk_as("redaktoer")
    texts = {text for screen in screens.values() for text in screen.texts}

    assert "Send tilbage til rettelse" in texts  # "Request changes"
    assert "Godkend med kommentar" in texts  # "Approve with comment"
    assert any(re.fullmatch(r"Oversættelse af .+ til .+", text) for text in texts)
    assert any(re.search(r"/collect_action_data/\d+/reject/", path) for path in screens)


def test_the_walk_finds_english_when_the_projects_translations_of_wagtail_are_missing(
    demo_site, client
):
    """The check is honest: without the project's Danish for Wagtail, it reports English."""
    with override_settings(LOCALE_PATHS=[settings.BASE_DIR / "locale"]):
        client.force_login(get_user_model().objects.get(username="redaktoer"))
        found = english_on(walk(client, ["/admin/"], limit=1))

    summary = '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>'
    assert {"Request changes", "Approve with comment", "Search all pages…", summary} <= set(found)


def javascript_catalogue(client, url):
    """The translations the admin's JavaScript gets from Django's JavaScript catalogue view."""
    source = client.get(url, HTTP_ACCEPT_LANGUAGE="da").content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))


def english_javascript_strings(package):
    root = Path(package.__file__).parent
    return {
        entry.msgid
        for path in root.glob("**/locale/en/LC_MESSAGES/djangojs.po")
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    }


@pytest.mark.parametrize(
    ("package", "url_name"),
    [
        (wagtail, "wagtailadmin_javascript_catalog"),
        (wagtail_localize, "wagtail_localize:javascript_catalog"),
    ],
    ids=["wagtail", "wagtail-localize"],
)
def test_every_javascript_string_of_the_admin_has_danish(demo_site, client, package, url_name):
    client.force_login(get_user_model().objects.get(username="redaktoer"))
    catalogue = javascript_catalogue(client, reverse(url_name))

    assert sorted(english_javascript_strings(package) - set(catalogue)) == []
