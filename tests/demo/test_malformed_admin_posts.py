"""A page editor's form posted with a part missing (a hand-made POST, a cut-off upload, a
browser extension) is refused with a clear 400, never a 500, and changes nothing: for every page
type, as the council that owns the page and as an editor."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from plan_pages.models import ProjectPage
from tests.page_types import page_type_id, page_types

# The admin's own hidden fields that tell Wagtail how many list items and blocks follow;
# the form always sends them, so only a forged or truncated POST lacks one.
STRUCTURE_SUFFIXES = ("-count", "-TOTAL_FORMS", "-INITIAL_FORMS", "-type", "-deleted", "-order")


def posted_fields(form):
    """The (name, value) pairs a browser would post for `form` as it is rendered."""
    fields = []
    for element in form.select("input[name], textarea[name], select[name]"):
        name = element["name"]
        if element.name == "textarea":
            fields.append((name, element.text))
        elif element.name == "select":
            fields += [(name, option.get("value", "")) for option in element.select("[selected]")]
        elif element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        elif element.get("type") not in ("submit", "button", "file", "image"):
            fields.append((name, element.get("value", "")))
    return fields


def structure_fields(fields):
    """The first field of each kind of structural field: `body-0-type` stands for all `-type`s."""
    chosen, kinds = [], set()
    for name, _value in fields:
        kind = next((suffix for suffix in STRUCTURE_SUFFIXES if name.endswith(suffix)), None)
        if kind and (kind, name.split("-")[0]) not in kinds:
            kinds.add((kind, name.split("-")[0]))
            chosen.append(name)
    return chosen


def owner_of(page):
    """The demo user who edits `page` day to day: its area's council, or the editor."""
    users = get_user_model().objects.filter(username__startswith="lokalraad-")
    for user in users.order_by("username"):
        if page.permissions_for_user(user).can_edit():
            return user
    return get_user_model().objects.get(username="redaktoer")


def editor_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("form[data-edit-form]")


@pytest.mark.parametrize("model", page_types(), ids=page_type_id)
def test_a_page_form_missing_a_structural_field_is_refused_with_400_and_changes_nothing(
    demo_site, db, model
):
    page = model.objects.filter(locale__language_code="da").order_by("path").first()
    assert page, f"the demo has no Danish {model.__name__}"
    client = Client()
    client.force_login(owner_of(page))
    fields = posted_fields(editor_form(client, page))
    missing = structure_fields(fields)
    revision = Page.objects.get(pk=page.pk).latest_revision_id
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    answers = {}
    for name in missing:
        data = {}
        for key, value in fields:
            if key != name:
                data.setdefault(key, []).append(value)
        answers[name] = client.post(url, data).status_code

    assert all(status in (200, 400) for status in answers.values()), answers
    assert Page.objects.get(pk=page.pk).latest_revision_id == revision


def test_a_refused_form_says_why_in_danish(demo_site, db):
    page = ProjectPage.objects.filter(locale__language_code="da").order_by("path").first()
    client = Client()
    client.force_login(owner_of(page))
    data = {}
    for key, value in posted_fields(editor_form(client, page)):
        if key != "body-count":
            data.setdefault(key, []).append(value)

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 400
    assert "Formularen kom ikke helt frem" in response.content.decode()
