"""Issue #15, finding 1: every wagtail-localize action, for the council of the area, the council
of another area and a municipal editor. Translation is the municipal editors' job
(docs/permissions.md): a council gets no wagtail-localize action, so nothing a council writes
reaches the site without the editors' approval, in any language."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

import polib
import pytest

from core.tests.database import built_once, make_locale_en, make_site_root
from core.tests.factories import ImageFactory
from plan_pages.councils import EDITORS_GROUP
from plan_pages.models import LocalAreaPlanPage, ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory, council_of

pytestmark = pytest.mark.django_db

ROLES = ["council_a", "council_b", "editor"]

# Y: the role can do the action on area A's English project (or, for the last two, at all).
#                      council_a  council_b  editor
MATRIX = """
edit_translation       -          -          Y
submit_translation     -          -          Y
update_translations    -          -          Y
edit_string            -          -          Y
delete_string          -          -          Y
edit_override          -          -          Y
download_pofile        -          -          Y
upload_pofile          -          -          Y
machine_translate      -          -          Y
preview_translation    -          -          Y
stop_translation       -          -          Y
restart_translation    -          -          Y
convert_to_alias       -          -          Y
translations_report    -          -          Y
snippets_api           -          -          Y
"""
EXPECTED = {
    (action, role): cell == "Y"
    for action, *cells in (line.split() for line in MATRIX.strip().splitlines())
    for role, cell in zip(ROLES, cells, strict=True)
}


def translate(page, locale):
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=True)
    return translation


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Two areas, each with a plan and a project in Danish and in English (wagtail-localize's
    translations), and a user per role."""
    with built_once(django_db_blocker):
        root = make_site_root()
        english = make_locale_en()
        translate(root, english)
        plans = {}
        for area, title in (("A", "Glumsø og Omegn"), ("B", "Tybjerg og Omegn")):
            plan = LocalAreaPlanPageFactory(parent=root, title=title)
            plan.save_revision().publish()
            translate(plan, english)
            # With an image: an overridable segment (a translation may choose another image).
            project = ProjectPageFactory(
                parent=plan, title=f"Legeplads i {title}", image=ImageFactory()
            )
            project.save_revision().publish()
            translate(project, english)
            plans[area] = plan.pk

        def member(username, group):
            user = get_user_model().objects.create_user(username, f"{username}@example.dk", "pw")
            user.groups.add(group)
            return user

        users = {
            "council_a": member("council-a", council_of(Page.objects.get(pk=plans["A"])).group),
            "council_b": member("council-b", council_of(Page.objects.get(pk=plans["B"])).group),
            "editor": member("editor", Group.objects.get(name=EDITORS_GROUP)),
        }
        yield {"plans": plans, "users": {role: user.pk for role, user in users.items()}}


@pytest.fixture
def users(shared, db):
    return {role: get_user_model().objects.get(pk=pk) for role, pk in shared["users"].items()}


@pytest.fixture
def area_a(shared, db):
    """Area A's Danish project, its English translation page and wagtail-localize's
    Translation record."""
    plan = LocalAreaPlanPage.objects.get(pk=shared["plans"]["A"])
    danish = ProjectPage.objects.child_of(plan).get()
    english = ProjectPage.objects.exclude(pk=danish.pk).get(translation_key=danish.translation_key)
    translation = Translation.objects.get(source__object_id=danish.translation_key)
    return danish, english, translation


def segment_of(translation):
    return StringSegment.objects.filter(source=translation.source).first()


def attempt(action, client, area_a, settings):
    """Try the action through wagtail-localize's views; report whether it took effect."""
    danish, english, translation = area_a
    localize = "wagtail_localize:"
    if action == "edit_translation":
        return client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).status_code == 200
    if action == "submit_translation":
        fresh = ProjectPageFactory(parent=danish.get_parent(), title="Ny bænk")
        url = reverse(localize + "submit_page_translation", args=[fresh.pk])
        client.post(url, {"locales": [english.locale_id]})
        return ProjectPage.objects.filter(
            translation_key=fresh.translation_key, locale=english.locale
        ).exists()
    if action == "update_translations":
        before = translation.source.last_updated_at
        client.post(reverse(localize + "update_translations", args=[translation.source.pk]))
        translation.source.refresh_from_db()
        return translation.source.last_updated_at != before
    if action in ("edit_string", "delete_string"):
        segment = segment_of(translation)
        url = reverse(localize + "edit_string_translation", args=[translation.pk, segment.pk])
        strings = StringTranslation.objects.filter(
            translation_of_id=segment.string_id, locale=english.locale
        )
        if action == "edit_string":
            client.put(url, encode_multipart(BOUNDARY, {"value": "Playground"}), MULTIPART_CONTENT)
            return strings.filter(data="Playground").exists()
        StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale=english.locale,
            context_id=segment.context_id,
            defaults={"data": "Playground"},
        )
        client.delete(url)
        return not strings.exists()
    if action == "edit_override":
        segment = OverridableSegment.objects.filter(source=translation.source).first()
        url = reverse(localize + "edit_override", args=[translation.pk, segment.pk])
        other_image = ImageFactory()
        data = encode_multipart(BOUNDARY, {"value": str(other_image.pk)})
        client.put(url, data, MULTIPART_CONTENT)
        return SegmentOverride.objects.filter(locale=english.locale).exists()
    if action == "download_pofile":
        url = reverse(localize + "download_pofile", args=[translation.pk])
        return client.get(url).status_code == 200
    if action == "upload_pofile":
        po = polib.pofile(translation.export_po().__unicode__())
        for entry in po:
            entry.msgstr = "Uploaded"
        upload = SimpleUploadedFile("en.po", str(po).encode(), content_type="text/x-gettext")
        client.post(reverse(localize + "upload_pofile", args=[translation.pk]), {"file": upload})
        return StringTranslation.objects.filter(data="Uploaded").exists()
    if action == "machine_translate":
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
            "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
        }
        client.post(reverse(localize + "machine_translate", args=[translation.pk]))
        return StringTranslation.objects.filter(locale=english.locale).exists()
    if action == "preview_translation":
        url = reverse(localize + "preview_translation", args=[translation.pk])
        return client.get(url).status_code == 200
    if action == "stop_translation":
        client.post(reverse(localize + "stop_translation", args=[translation.pk]))
        translation.refresh_from_db()
        return not translation.enabled
    if action == "restart_translation":
        translation.enabled = False
        translation.save()
        url = reverse("wagtailadmin_pages:edit", args=[english.pk])
        client.post(url, {"localize-restart-translation": "Start synced translation"})
        translation.refresh_from_db()
        return translation.enabled
    if action == "convert_to_alias":
        english.unpublish()
        client.post(reverse(localize + "convert_to_alias", args=[english.pk]))
        english.refresh_from_db()
        return english.alias_of_id == danish.pk or english.live
    if action == "translations_report":
        return client.get(reverse(localize + "translations_report")).status_code == 200
    if action == "snippets_api":
        url = reverse(localize + "snippets_api_listing", args=["core", "contactdetails"])
        return client.get(url).status_code == 200
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted({action for action, _ in EXPECTED}))
def test_localize_matrix(client, users, area_a, settings, action, role):
    client.force_login(users[role])
    assert attempt(action, client, area_a, settings) is EXPECTED[(action, role)]


def test_a_council_cannot_put_an_unpublished_translation_back_online(client, users, area_a):
    """The review's case: an editor unpublishes the English page; the council's POST to
    convert_to_alias is refused, the page stays offline and nothing is logged in its name."""
    _danish, english, _translation = area_a
    english.unpublish()
    client.force_login(users["council_a"])

    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[english.pk]))

    assert response.status_code in (302, 403)  # the admin turns a refusal into a redirect
    english.refresh_from_db()
    assert not english.live and english.alias_of_id is None
    assert not PageLogEntry.objects.filter(
        user=users["council_a"], action="wagtail_localize.convert_to_alias"
    ).exists()


def test_the_reports_menu_offers_the_translations_report_to_translators_only(client, users):
    url = reverse("wagtail_localize:translations_report")
    client.force_login(users["council_a"])
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(users["editor"])
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
