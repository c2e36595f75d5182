"""The status sheet: download, upload, preview, confirm (plan_pages.status_import).

A preview saves nothing; a council changes only its own area's projects and its changes go to
moderation; an editor's are published; a bad file gets a Danish message, never a 500."""

import io
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState

import openpyxl
import pytest

from plan_pages.models import ProjectPage, StatusChange
from plan_pages.tests.factories import (
    ProjectPageFactory,
    log_in_council_member,
    log_in_editor,
    milestone,
    published_plans,
)

pytestmark = pytest.mark.django_db

URL = "/admin/statusark/"
TODAY = timezone.localdate()
HEADINGS = ["Projekt-id", "Lokalområde", "Projekt", "Status", "Milepæl", "Planlagt til", "Nået"]


@pytest.fixture
def plans(site_root):
    return published_plans(site_root)


def project(plan, title, milestones=(), status="planned"):
    page = ProjectPageFactory(parent=plan, title=title, status=status)
    page.milestones = list(milestones)
    page.save_revision().publish()
    return ProjectPage.objects.get(pk=page.pk)


def xlsx(*rows, headings=HEADINGS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headings)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "status.xlsx"
    return buffer


def csv_file(text, name="status.csv"):
    buffer = io.BytesIO(text.encode("utf-8"))
    buffer.name = name
    return buffer


def upload(client, sheet):
    return client.post(URL, {"sheet": sheet})


def confirm(client, preview):
    return client.post(URL, {"confirm": "1", "rows": preview.context["rows"]}, follow=True)


@pytest.fixture
def editor(client, django_user_model):
    return log_in_editor(client, django_user_model)


def test_the_preview_shows_the_changes_and_saves_nothing(editor, plans):
    page = project(plans["A"], "Shelter ved søen", [milestone("Byggetilladelse", date(2026, 3, 1))])
    revisions = page.revisions.count()

    response = upload(
        editor,
        xlsx(
            [page.pk, "", "", "I gang", "Byggetilladelse", "", TODAY],
            [page.pk, "", "", "I gang", "Rejsegilde", date(2027, 5, 1), None],
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Status: Planlagt → I gang" in html
    assert "Nyt delmål »Rejsegilde«" in html or "Rejsegilde" in html
    assert "Byggetilladelse" in html
    assert response.context["rows"]  # the confirmation carries the rows, signed
    page.refresh_from_db()
    assert page.status == "planned" and page.revisions.count() == revisions


def test_an_editors_import_is_published_and_recorded_in_the_history(editor, plans):
    page = project(plans["A"], "Shelter ved søen", [milestone("Byggetilladelse", date(2026, 3, 1))])
    preview = upload(
        editor,
        xlsx(
            [page.pk, "", "", "Gennemført", "Byggetilladelse", "", TODAY],
            [page.pk, "", "", "", "Indvielse", TODAY, TODAY],
        ),
    )

    response = confirm(editor, preview)

    assert "Offentliggjort: 1 projekt(er)." in response.content.decode()
    page = ProjectPage.objects.get(pk=page.pk)
    assert page.status == "completed" and not page.has_unpublished_changes
    assert sorted((m.title, m.done_date) for m in page.milestones.all()) == [
        ("Byggetilladelse", TODAY),
        ("Indvielse", TODAY),
    ]
    assert StatusChange.objects.filter(translation_key=page.translation_key).last().status == (
        "completed"
    )


def test_a_councils_import_goes_to_moderation_and_is_not_published(
    client, plans, django_user_model
):
    page = project(plans["A"], "Shelter ved søen")
    council = log_in_council_member(client, plans["A"], django_user_model)
    preview = upload(council, xlsx([page.pk, "", "", "I gang", "Rejsegilde", "2027-05-01", ""]))

    response = confirm(council, preview)

    assert "Sendt til godkendelse i kommunen: 1 projekt(er)." in response.content.decode()
    page = ProjectPage.objects.get(pk=page.pk)
    assert page.status == "planned" and not page.milestones.exists()  # residents see no change
    draft = page.get_latest_revision_as_object()
    assert draft.status == "in_progress"
    assert [m.title for m in draft.milestones.all()] == ["Rejsegilde"]
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.get_latest_revision().user.username == "karen"


def test_a_council_cannot_import_rows_of_another_area(client, plans, django_user_model):
    own = project(plans["A"], "Shelter ved søen")
    other = project(plans["B"], "Tybjerg byskilte")
    council = log_in_council_member(client, plans["A"], django_user_model)

    response = upload(
        council,
        xlsx([own.pk, "", "", "I gang", "", "", ""], [other.pk, "", "", "Gennemført", "", "", ""]),
    )

    html = response.content.decode()
    assert (
        f"Række 3: projektet med id {other.pk} hører til et andet lokalområde, og jeres "
        "lokalråd kan kun ændre sit eget områdes projekter." in html
    )
    assert "Tybjerg byskilte" not in html  # another area's project is not named
    assert not response.context["rows"]  # nothing to confirm
    # A forged confirmation is checked again, and refused.
    forged = editor_token_for(council, [own.pk, other.pk])
    refused = council.post(URL, {"confirm": "1", "rows": forged})
    assert "hører til et andet lokalområde" in refused.content.decode()
    assert ProjectPage.objects.get(pk=other.pk).get_latest_revision_as_object().status == (
        "planned"
    )


def editor_token_for(client, ids):
    """The rows a council member could sign for themselves, naming projects of any area."""
    from django.contrib.auth import get_user

    from plan_pages.import_views import signed_rows
    from plan_pages.status_import import Row

    user = get_user(client)
    return signed_rows(
        [Row(number=n + 2, project_id=pk, status="completed") for n, pk in enumerate(ids)], user
    )


def test_a_changed_confirmation_is_refused(editor, plans):
    response = editor.post(URL, {"confirm": "1", "rows": "forfalsket"}, follow=True)
    assert "Forhåndsvisningen er for gammel eller ændret" in response.content.decode()


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (lambda pk: csv_file("noget", name="status.pdf"), "Excel-fil (.xlsx) eller en CSV-fil"),
        (lambda pk: csv_file("x" * (1024 * 1024 + 10)), "Filen er for stor"),
        (
            lambda pk: csv_file("ikke en zip", name="status.xlsx"),
            "kunne ikke læses som et Excel-ark",
        ),
        (
            lambda pk: xlsx([pk, "", "", "I gang"], headings=["Noget", "Andet"]),
            "Arket har ingen kolonne",
        ),
        (
            lambda pk: xlsx([pk, "", "", "", "=cmd|' /C calc'!A0", "2026-01-01", ""]),
            "indeholder en formel",
        ),
        (lambda pk: xlsx([pk, "", "", "", "Trin", "31-02-2026", ""]), "er ikke en dato"),
        (lambda pk: xlsx([pk, "", "", "", "Trin", "9999-01-01", ""]), "mellem år 2000 og 2100"),
        (
            lambda pk: xlsx(
                [pk, "", "", "", "Trin", "2026-01-01", (TODAY + timedelta(days=2)).isoformat()]
            ),
            "kan ikke være nået i fremtiden",
        ),
        (lambda pk: xlsx([pk, "", "", "Færdig-ish", "", "", ""]), "er ikke en status"),
        (lambda pk: xlsx(["abc", "", "", "I gang", "", "", ""]), "Række 2: projekt-id"),
        (
            lambda pk: xlsx([pk + 999, "", "", "I gang", "", "", ""]),
            "Række 2: Der er intet projekt",
        ),
        (lambda pk: xlsx([pk, "", "", "", "Nyt trin", "", ""]), "skal have en planlagt dato"),
        (lambda pk: csv_file(f'Projekt-id;Status\n{pk};=HYPERLINK("x")\n'), "indeholder en formel"),
    ],
)
def test_a_bad_sheet_gets_a_danish_message_and_saves_nothing(editor, plans, sheet, message):
    page = project(plans["A"], "Shelter ved søen")

    response = upload(editor, sheet(page.pk))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not response.context.get("rows")
    assert ProjectPage.objects.get(pk=page.pk).revisions.count() == 1


def test_a_semicolon_csv_from_danish_excel_is_read(editor, plans):
    page = project(plans["A"], "Shelter ved søen")
    response = upload(
        editor,
        csv_file(
            f"Projekt-id;Status;Milepæl;Planlagt til\n{page.pk};I gang;Rejsegilde;01-05-2027\n"
        ),
    )
    assert "Status: Planlagt → I gang" in response.content.decode()


def test_the_downloaded_sheet_holds_the_councils_own_projects_and_imports_unchanged(
    client, plans, django_user_model
):
    own = project(plans["A"], "Shelter ved søen", [milestone("Tilladelse", date(2026, 3, 1))])
    project(plans["B"], "Tybjerg byskilte")
    council = log_in_council_member(client, plans["A"], django_user_model)

    download = council.get(reverse("plan_pages_status_export"))

    book = openpyxl.load_workbook(io.BytesIO(download.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    assert [row[:5] for row in rows[1:]] == [
        (own.pk, "Glumsø og Omegn", "Shelter ved søen", "Planlagt", "Tilladelse")
    ]
    sheet = io.BytesIO(download.content)
    sheet.name = "projektstatus.xlsx"
    assert "Arket ændrer intet" in upload(council, sheet).content.decode()
    csv_download = council.get(reverse("plan_pages_status_export") + "?format=csv")
    assert "Tybjerg" not in csv_download.content.decode("utf-8-sig")


def test_only_editors_and_councils_reach_the_sheet(client, plans, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("gæst", "g@example.dk", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail's admin answers a refusal with its start page and a message, not the screen.
    for url in (URL, reverse("plan_pages_status_export")):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/"
    assert 'href="/admin/statusark/"' not in client.get("/admin/").content.decode()


def test_the_admin_menu_links_to_the_sheet_in_danish(editor, plans):
    html = editor.get("/admin/").content.decode()
    assert "Statusark" in html and "/admin/statusark/" in html


def test_text_that_a_spreadsheet_would_run_is_escaped_on_export_and_read_back():
    from plan_pages.status_import import sheet_text, text_cell

    assert sheet_text('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert sheet_text("Plantedag") == "Plantedag"
    assert text_cell(sheet_text("=1+1")) == "=1+1"
    assert text_cell(sheet_text("-1")) == "-1"


def test_a_new_status_in_one_of_a_projects_rows_changes_it_two_new_ones_are_refused(editor, plans):
    page = project(
        plans["A"],
        "Shelter ved søen",
        [milestone("Tilladelse", date(2026, 3, 1)), milestone("Rejsegilde", date(2026, 9, 1))],
    )

    # As downloaded: the status on both rows; the user changed it in the first only.
    one = upload(
        editor,
        xlsx(
            [page.pk, "", "", "I gang", "Tilladelse", "", ""],
            [page.pk, "", "", "Planlagt", "Rejsegilde", "", ""],
        ),
    )
    two = upload(
        editor,
        xlsx(
            [page.pk, "", "", "I gang", "Tilladelse", "", ""],
            [page.pk, "", "", "Sat på pause", "Rejsegilde", "", ""],
        ),
    )

    assert "Status: Planlagt → I gang" in one.content.decode()
    assert "Række 3: Projektet “Shelter ved søen” har fået to forskellige statusser." in (
        two.content.decode()
    )


def test_a_locked_project_is_refused_only_when_the_sheet_would_change_it(
    editor, plans, django_user_model
):
    page = project(plans["A"], "Shelter ved søen", [milestone("Tilladelse", date(2026, 3, 1))])
    other = django_user_model.objects.create_user("bent", "b@example.dk", "pw")
    ProjectPage.objects.filter(pk=page.pk).update(locked=True, locked_by=other)

    unchanged = upload(editor, xlsx([page.pk, "", "", "Planlagt", "Tilladelse", "", ""]))
    changed = upload(editor, xlsx([page.pk, "", "", "I gang", "Tilladelse", "", ""]))

    assert "Arket ændrer intet" in unchanged.content.decode()
    assert "Række 2: Projektet “Shelter ved søen” er låst af en, der arbejder på det." in (
        changed.content.decode()
    )
