"""The admin's start page: a council sees its own plan and nothing of another area's; an editor
sees every submission with its area and the person who sent it."""

import json
from datetime import date
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from plan_pages.admin_home import SubmissionsPanel
from plan_pages.tests.factories import (
    ProjectPageFactory,
    log_in_council_member,
    log_in_editor,
    published_plans,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(site_root):
    return published_plans(site_root, next_revision=2027)


def submit(page, user):
    """`page` sent for approval by `user`, as the editor's Submit button does."""
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def dashboard(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_council_starts_at_its_own_plan_with_buttons_to_create_under_it(
    client, plans, django_user_model
):
    plan = plans["A"]
    log_in_council_member(client, plan, django_user_model)
    html = dashboard(client)

    assert "Jeres plan: Glumsø og Omegn" in html
    for model in ("projectpage", "annualreportpage"):
        add_url = reverse("wagtailadmin_pages:add", args=["plan_pages", model, plan.pk])
        assert f'href="{add_url}"' in html
    assert "Opret projekt" in html
    assert "Planen skal revideres i 2027." in html
    assert "Tybjerg og Omegn" not in html


def test_a_council_sees_its_drafts_its_submissions_and_what_was_sent_back_with_the_comment(
    client, plans, django_user_model
):
    log_in_council_member(client, plans["A"], django_user_model)
    karen = django_user_model.objects.get(username="karen")
    draft = ProjectPageFactory(parent=plans["A"], title="Bålhytte", live=False)
    draft.save_revision(user=karen)
    submit(ProjectPageFactory(parent=plans["A"], title="Legeplads"), karen)
    sent_back = ProjectPageFactory(parent=plans["A"], title="Cykelsti")
    submit(sent_back, karen).current_task_state.reject(comment="Skriv hvem der betaler.")

    html = dashboard(client)

    drafts, rest = html.split("Jeres kladder")[1], html.split("Jeres kladder")[0]
    assert "Bålhytte" in drafts
    assert "Legeplads" in rest.split("Venter på kommunens godkendelse")[1]
    assert "Cykelsti" in rest.split("Sendt tilbage til jer")[1]
    assert "Redaktionens kommentar: Skriv hvem der betaler." in html


def test_a_council_never_sees_another_areas_submissions_drafts_or_sent_back_pages(
    client, plans, django_user_model
):
    other = django_user_model.objects.create_user("ole", "ole@example.dk", "pw")
    ProjectPageFactory(parent=plans["B"], title="Tybjergs kladde", live=False).save_revision()
    submit(ProjectPageFactory(parent=plans["B"], title="Tybjergs forslag"), other)
    log_in_council_member(client, plans["A"], django_user_model)

    html = dashboard(client)

    for title in ("Tybjerg og Omegn", "Tybjergs kladde", "Tybjergs forslag"):
        assert title not in html


def test_the_whole_sites_page_counts_are_shown_to_editors_not_to_councils(
    client, plans, django_user_model
):
    log_in_editor(client, django_user_model)
    assert "oprettet i" in dashboard(client)  # "130 sider oprettet i …"

    log_in_council_member(client, plans["A"], django_user_model)
    assert "oprettet i" not in dashboard(client)


def test_the_editor_sees_each_submission_with_its_area_and_who_sent_it(
    client, plans, django_user_model
):
    karen = django_user_model.objects.create_user("karen", "k@example.dk", "pw", first_name="Karen")
    karen.last_name = "Holm"
    karen.save()
    submit(ProjectPageFactory(parent=plans["B"], title="Shelterplads"), karen)
    log_in_editor(client, django_user_model)

    html = dashboard(client)
    row = html.split("Sendt fra lokalrådene")[1].split("Shelterplads")[1].split("</tr>")[0]

    assert "Tybjerg og Omegn" in row
    assert "Karen Holm" in row


def test_the_submissions_panel_reads_the_same_number_of_queries_for_one_or_five(
    plans, django_user_model
):
    karen = django_user_model.objects.create_user("karen", "k@example.dk", "pw")

    def queries_with(count):
        while WorkflowState.objects.count() < count:
            submit(ProjectPageFactory(parent=plans["A"]), karen)
        with CaptureQueriesContext(connection) as queries:
            html = SubmissionsPanel().render_html({})
        assert html.count("<tr>") == count + 1  # and the heading
        return len(queries)

    assert queries_with(1) == queries_with(5)


def explorer_start_page_id(html):
    """The page the admin menu's page explorer opens at, from the sidebar's JSON."""
    props = html.split('<script id="wagtail-sidebar-props" type="application/json">')[1]
    found = []

    def visit(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.PageExplorerMenuItem":
                found.append(node["_args"][1])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(json.loads(props.split("</script>")[0]))
    return found[0]


def test_the_page_explorer_in_a_councils_menu_opens_its_own_plan(client, plans, django_user_model):
    log_in_council_member(client, plans["A"], django_user_model)
    assert explorer_start_page_id(dashboard(client)) == plans["A"].pk


def test_the_page_explorer_in_an_editors_menu_opens_at_the_top(client, plans, django_user_model):
    log_in_editor(client, django_user_model)
    assert explorer_start_page_id(dashboard(client)) == plans["A"].get_parent().get_parent().pk


def test_a_councils_submissions_are_listed_once_on_its_start_page(client, plans, django_user_model):
    log_in_council_member(client, plans["A"], django_user_model)
    submit(
        ProjectPageFactory(parent=plans["A"], title="Legeplads"), django_user_model.objects.get()
    )

    assert dashboard(client).count(">Legeplads<") == 1


def test_the_help_menu_has_the_councils_danish_guide_and_no_wagtail_guide_or_badge(
    client, plans, django_user_model
):
    log_in_council_member(client, plans["A"], django_user_model)
    html = dashboard(client)
    guide_url = reverse("admin_guide", args=["lokalraad"])

    assert f'"url": "{guide_url}"' in html
    assert "guide.wagtail.org" not in html
    assert '"wagtail.sidebar.DismissibleLinkMenuItem"' not in html

    guide = client.get(guide_url).content.decode()
    assert "<h2>Send til godkendelse</h2>" in guide
    assert "<strong>beskrivelse</strong>" in guide


@pytest.mark.parametrize(
    ("year", "says"),
    [
        (2027, "Planen skal revideres i 2027."),
        (2026, "Planen skal revideres i år (2026)."),
        (2024, "Planen skulle have været revideret i 2024."),
    ],
)
def test_a_councils_start_page_says_when_its_plan_is_due_for_revision(
    client, plans, django_user_model, year, says
):
    plan = plans["A"]
    plan.next_revision = year
    plan.save()
    log_in_council_member(client, plan, django_user_model)

    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 5, 1)):
        html = dashboard(client)

    assert says in html


def test_the_editor_sees_how_many_submissions_wait_per_area(client, plans, django_user_model):
    karen = django_user_model.objects.create_user("karen", "k@example.dk", "pw")
    for title in ("Shelter", "Sti"):
        submit(ProjectPageFactory(parent=plans["B"], title=title), karen)
    submit(ProjectPageFactory(parent=plans["A"], title="Bænke"), karen)
    log_in_editor(client, django_user_model)

    html = dashboard(client)
    per_area = html.split("Venter pr. område")[1].split("</ul>")[0]

    assert "<li>Tybjerg og Omegn: 2</li><li>Glumsø og Omegn: 1</li>" in per_area
