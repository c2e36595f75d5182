"""Each role's admin menu: short, in Danish, every entry once with its own icon, and no badge
that never goes away."""

import json

from django.urls import reverse

import pytest

from plan_pages.tests.factories import log_in_council_member, log_in_editor, published_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(site_root):
    return published_plans(site_root)


def menu(client):
    """The sidebar's menu as {label: icon} with submenus as {label: (icon, {label: icon})}, and
    the attributes of every entry, from the JSON the admin draws it from."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = html.split('<script id="wagtail-sidebar-props" type="application/json">')[1]
    attrs = []

    def read(items):
        entries = {}
        for item in items:
            args = item["_args"]
            attrs.append(args[0].get("attrs") or {})
            label, icon = args[0]["label"], args[0]["icon_name"]
            if item["_type"] == "wagtail.sidebar.SubMenuItem":
                entries[label] = (icon, read(args[1]))
            else:
                entries[label] = icon
        return entries

    sidebar = json.loads(props.split("</script>")[0])
    modules = sidebar["modules"]
    main_menu = next(m for m in modules if m["_type"] == "wagtail.sidebar.MainMenuModule")
    return read(main_menu["_args"][0]), attrs


def test_a_councils_menu_is_its_pages_participation_media_and_help(
    client, plans, django_user_model
):
    log_in_council_member(client, plans["A"], django_user_model)
    entries, _attrs = menu(client)

    assert list(entries) == [
        "Sider",
        "Borgerinddragelse",
        "Billeder",
        "Dokumenter",
        "Statusark",
        "Hjælp",
    ]
    assert list(entries["Hjælp"][1]) == ["Vejledning for lokalråd", "Genveje"]


def test_an_editors_menu_lists_workflows_once_in_the_settings_and_no_icon_twice_there(
    client, plans, django_user_model
):
    log_in_editor(client, django_user_model)
    entries, _attrs = menu(client)

    assert list(entries) == [
        "Sider",
        "Borgerinddragelse",
        "Billeder",
        "Dokumenter",
        "Statusark",
        "Rapporter",
        "Indstillinger",
        "Hjælp",
    ]
    reports = entries["Rapporter"][1]
    settings = entries["Indstillinger"][1]
    assert "Arbejdsgange" not in reports and "Arbejdsgangsopgaver" not in reports
    assert settings == {
        "Sider til godkendelse": "tasks",
        "Omdirigeringer": "redirect",
        "Sidefod": "site",
        "Kontaktoplysninger": "mail",
    }
    assert list(entries["Hjælp"][1]) == [
        "Vejledning for lokalråd",
        "Vejledning for kommunens redaktører",
        "Genveje",
    ]


def test_the_editors_pages_in_the_workflow_open_wagtails_workflow_report(
    client, plans, django_user_model
):
    log_in_editor(client, django_user_model)
    response = client.get(reverse("wagtailadmin_reports:workflow"))

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["council", "editor"])
def test_no_menu_entry_carries_wagtails_new_badge(client, plans, django_user_model, role):
    if role == "council":
        log_in_council_member(client, plans["A"], django_user_model)
    else:
        log_in_editor(client, django_user_model)
    _entries, attrs = menu(client)

    assert attrs
    assert not [a for a in attrs if "w-dismissible" in a.get("data-controller", "")]
