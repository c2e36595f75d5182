"""Councils read, moderate and export their own area's answers; working groups take members."""

import csv
import io

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from openpyxl import load_workbook

from core.tests.database import built_once, make_site_root
from participation.models import IdeaAnswer, SurveyPage, SurveyResponse, WorkingGroup
from participation.tests.factories import SurveyPageFactory, add_ideas
from participation.views import volunteers_by_idea
from plan_pages.councils import EDITORS_GROUP
from plan_pages.models import LocalAreaPlanPage
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    council_of,
    log_in_council_member,
    log_in_editor,
)

pytestmark = pytest.mark.django_db
INDEX = "survey_answers:index"


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Built once for the module; each test runs in its own savepoint (core.tests.database)."""
    with built_once(django_db_blocker):
        yield {key: plan.pk for key, plan in build_areas(make_site_root()).items()}


@pytest.fixture
def areas(shared, db):
    return {key: LocalAreaPlanPage.objects.get(pk=pk) for key, pk in shared.items()}


def build_areas(site_root):
    """Two areas, each with a survey answered once by a helper."""
    areas = {}
    for key, title in (("A", "Glumsø og Omegn"), ("B", "Tybjerg og Omegn")):
        plan = LocalAreaPlanPageFactory(parent=site_root, title=title)
        plan.save_revision().publish()
        idea = add_ideas(plan, f"Idé i {title}")[0]
        survey = SurveyPageFactory(parent=plan, title=f"Spørgeskema {title}")
        response = SurveyResponse.objects.create(
            survey=survey, language="da", name=f"Hjælper {key}", email=f"{key.lower()}@example.dk"
        )
        IdeaAnswer.objects.create(
            response=response, idea=idea, priority=4, comment=f"Kommentar {key}", wants_to_help=True
        )
        areas[key] = plan
    return areas


@pytest.fixture
def member_client(client, areas, django_user_model):
    return log_in_council_member(client, areas["A"], django_user_model)


@pytest.fixture
def editor_client(client, django_user_model):
    return log_in_editor(client, django_user_model)


def answer_in(areas, key):
    return IdeaAnswer.objects.get(response__survey__plan=areas[key])


def test_a_council_sees_only_its_own_areas_answers(member_client, areas):
    html = member_client.get(reverse(INDEX)).content.decode()

    assert "Kommentar A" in html
    assert "Kommentar B" not in html


def test_an_editor_sees_every_area(editor_client, areas):
    html = editor_client.get(reverse(INDEX)).content.decode()

    assert "Kommentar A" in html and "Kommentar B" in html


def test_a_council_exports_only_its_own_area_as_csv(member_client, areas):
    response = member_client.get(reverse(INDEX), {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    body = [row for row in rows[1:] if row]
    assert len(body) == 1
    assert "Kommentar A" in body[0] and "a@example.dk" in body[0]
    assert not any("Kommentar B" in cell for row in rows for cell in row)


def test_a_council_exports_only_its_own_area_as_xlsx(member_client, areas):
    response = member_client.get(reverse(INDEX), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert {"Kommentar A", "Hjælper A", "a@example.dk"} <= set(values)
    assert not any(value and "Kommentar B" in str(value) for value in values)


def test_a_comment_that_looks_like_a_formula_is_exported_as_text(member_client, areas):
    answer = answer_in(areas, "A")
    answer.comment = '=HYPERLINK("http://evil.example.com","klik")'
    answer.save()

    response = member_client.get(reverse(INDEX), {"export": "csv"})

    content = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in content


def test_a_council_moderates_its_own_comments_and_not_another_areas(member_client, areas):
    own, other = answer_in(areas, "A"), answer_in(areas, "B")

    response = member_client.post(
        reverse("survey_answers:edit", args=[own.pk]), {"comment_status": "approved"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.comment_status == "approved"
    assert own.comment == "Kommentar A"  # the resident's words are not editable

    refused = member_client.post(
        reverse("survey_answers:edit", args=[other.pk]), {"comment_status": "approved"}
    )
    assert refused.status_code == 404
    other.refresh_from_db()
    assert other.comment_status == "pending"


def test_a_council_cannot_delete_answers(member_client, areas):
    own = answer_in(areas, "A")

    member_client.post(reverse("survey_answers:delete", args=[own.pk]))

    assert IdeaAnswer.objects.filter(pk=own.pk).exists()


def plan_form(plan, ideas):
    return nested_form_data(
        {
            "title": plan.title,
            "slug": plan.slug,
            "summary": plan.summary,
            "villages": plan.villages,
            "plan_kind": plan.plan_kind,
            "council_name": plan.council_name,
            "vision": rich_text(plan.vision),
            "body": streamfield([]),
            **{
                name: inline_formset([])
                for name in ("phases", "village_goals", "process_steps", "activities", "comments")
            },
            "ideas": inline_formset(ideas, initial=len(ideas)),
        }
    )


def test_an_answered_idea_cannot_be_removed_from_the_plan(editor_client, areas):
    plan = areas["A"]
    idea = plan.ideas.get()
    data = plan_form(
        plan, [{"id": idea.pk, "number": 1, "title": idea.title, "DELETE": "1", "project": ""}]
    )

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[plan.pk]), data)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].formsets["ideas"].non_form_errors())
    assert f"“{idea.title}”" in errors
    assert escape(f"“{idea.title}”") in response.content.decode()  # shown to the editor
    assert plan.ideas.filter(pk=idea.pk).exists()


@pytest.fixture
def project(areas):
    project = ProjectPageFactory(parent=areas["A"], title="Fugleskjul", slug="fugleskjul")
    project.working_groups = [
        WorkingGroup(
            name="Skjulgruppen",
            purpose="Bygger og passer fugleskjulet.",
            coordinator_name="Mogens Brandt",
            coordinator_email="mogens@lokalraad.example.dk",
            meeting_rhythm="Første lørdag i måneden",
        )
    ]
    project.save_revision().publish()
    return project


def join_url(project):
    group = WorkingGroup.objects.get(page=project)
    return project.url + project.reverse_subpage("join", args=[group.pk])


def test_a_project_shows_its_working_group_but_never_the_coordinators_address(client, project):
    html = client.get(project.url).content.decode()

    assert "Skjulgruppen" in html and "Mogens Brandt" in html and "Første lørdag" in html
    assert "mogens@lokalraad.example.dk" not in html
    assert join_url(project) in html
    join_page = client.get(join_url(project)).content.decode()
    assert "mogens@lokalraad.example.dk" not in join_page


def test_joining_e_mails_the_coordinator_with_the_residents_reply_address(client, project):
    response = client.post(
        join_url(project),
        {
            "name": "Ida Storm",
            "email": "ida@example.dk",
            "message": "Jeg har en <b>hammer</b>.",
            "website": "",
        },
    )

    assert response.status_code == 302
    assert response["Location"].startswith(project.url + "#working-group-")
    (message,) = mail.outbox
    assert message.to == ["mogens@lokalraad.example.dk"]
    assert message.reply_to == ["ida@example.dk"]
    assert "Ida Storm" in message.body and "Jeg har en hammer." in message.body


def test_joining_needs_a_valid_address_and_keeps_what_was_written(client, project):
    response = client.post(
        join_url(project), {"name": "Ida Storm", "email": "ikke-en-adresse", "website": ""}
    )

    assert response.status_code == 200
    assert 'value="Ida Storm"' in response.content.decode()
    assert not mail.outbox


def test_the_join_form_rejects_bots(client, project):
    response = client.post(
        join_url(project),
        {"name": "Bot", "email": "bot@example.com", "website": "http://spam.example.com"},
    )

    assert response.status_code == 200
    assert not mail.outbox


def test_an_unknown_working_group_is_not_found(client, project):
    assert (
        client.get(project.url + project.reverse_subpage("join", args=[999999])).status_code == 404
    )


def test_volunteers_for_an_idea_are_offered_to_its_working_groups_coordinator(
    member_client, areas, project
):
    idea = areas["A"].ideas.get()
    idea.project = project
    idea.save()
    url = reverse("volunteers:index")

    html = member_client.get(url).content.decode()
    assert "Skjulgruppen" in html and "a@example.dk" in html
    assert "b@example.dk" not in html

    group = WorkingGroup.objects.get(page=project)
    response = member_client.post(url, {"idea": idea.pk, "group": group.pk})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["mogens@lokalraad.example.dk"]
    assert "Hjælper A <a@example.dk>" in message.body


def test_when_the_mail_server_fails_the_volunteers_stay_and_the_council_is_told(
    member_client, areas, project
):
    import smtplib
    from unittest import mock

    idea = areas["A"].ideas.get()
    idea.project = project
    idea.save()
    group = WorkingGroup.objects.get(page=project)
    url = reverse("volunteers:index")

    failure = smtplib.SMTPConnectError(421, "Service not available")
    with mock.patch("participation.views.EmailMessage.send", side_effect=failure):
        response = member_client.post(url, {"idea": idea.pk, "group": group.pk}, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "kunne ikke sendes" in html and "a@example.dk" in html
    assert not mail.outbox


def test_volunteers_of_another_area_cannot_be_sent(client, areas, project, django_user_model):
    idea = areas["A"].ideas.get()
    idea.project = project
    idea.save()
    outsider = django_user_model.objects.create_user("bo", "bo@example.dk", "pw")
    outsider.groups.add(council_of(areas["B"]).group)
    client.force_login(outsider)

    group = WorkingGroup.objects.get(page=project)
    response = client.post(reverse("volunteers:index"), {"idea": idea.pk, "group": group.pk})

    assert response.status_code == 404
    assert not mail.outbox


def test_a_council_sees_its_own_surveys_results_even_when_not_public(member_client, areas):
    for survey in SurveyPage.objects.all():
        survey.results_public = False
        survey.save()

    response = member_client.get(reverse("survey_results:index"))

    html = response.content.decode()
    assert "Spørgeskema Glumsø og Omegn" in html and "Idé i Glumsø og Omegn" in html
    assert "Tybjerg" not in html
    assert response.context["surveys"][0][1].ideas[0].average == 4


def test_a_user_without_a_council_gets_no_participation_pages(client, areas, django_user_model):
    stranger = django_user_model.objects.create_user("x", "x@example.dk", "pw")
    client.force_login(stranger)

    for name in ("survey_results:index", "volunteers:index", INDEX):
        assert client.get(reverse(name)).status_code in (302, 403), name


def test_an_idea_without_a_project_offers_to_add_one_to_its_plan(member_client, areas):
    html = member_client.get(reverse("volunteers:index")).content.decode()

    add_url = reverse("wagtailadmin_pages:add", args=["plan_pages", "projectpage", areas["A"].pk])
    assert f'href="{add_url}"' in html
    assert member_client.get(add_url).status_code == 200  # the council may add it


def test_volunteers_are_listed_per_idea_even_before_it_has_a_working_group(
    areas, django_user_model, django_assert_max_num_queries
):
    editor = django_user_model.objects.create_user("r", "r@example.dk", "pw")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))

    with django_assert_max_num_queries(4):
        rows = volunteers_by_idea(editor)

    assert {row.idea.title: [p.email for p in row.people] for row in rows} == {
        "Idé i Glumsø og Omegn": ["a@example.dk"],
        "Idé i Tybjerg og Omegn": ["b@example.dk"],
    }
    assert all(row.groups == [] for row in rows)


def survey_form(**fields):
    return nested_form_data(
        {
            "title": "Spørgeskema om idéerne",
            "slug": "spoergeskema",
            "intro": rich_text("<p>Sig din mening.</p>"),
            "opens_at": "2026-01-10 09:00",
            "closes_at": "2026-02-10 23:00",
            "thank_you": "",
            "comments": inline_formset([]),
            **fields,
        }
    )


def test_a_council_drafts_a_survey_under_its_plan(member_client, areas):
    url = reverse("wagtailadmin_pages:add", args=["participation", "surveypage", areas["A"].pk])
    assert member_client.get(url).status_code == 200

    response = member_client.post(url, survey_form(slug="nyt-skema"))

    assert response.status_code == 302
    survey = SurveyPage.objects.get(slug="nyt-skema")
    assert not survey.live and survey.plan_id == areas["A"].pk


def test_a_survey_that_closes_before_it_opens_is_refused(editor_client, areas):
    url = reverse("wagtailadmin_pages:add", args=["participation", "surveypage", areas["A"].pk])

    response = editor_client.post(
        url, survey_form(slug="baglaens", opens_at="2026-03-01 09:00", closes_at="2026-02-01 09:00")
    )

    assert response.status_code == 200
    assert "closes_at" in response.context["form"].errors
    assert not SurveyPage.objects.filter(slug="baglaens").exists()


def test_a_survey_moved_to_another_area_counts_as_that_areas(member_client, areas):
    survey = SurveyPage.objects.get(plan=areas["B"])
    survey.move(areas["A"], pos="last-child")

    survey.refresh_from_db()
    assert survey.plan_id == areas["A"].pk
    assert "Kommentar B" in member_client.get(reverse(INDEX)).content.decode()


def project_with_group(plan, title, coordinator, email):
    project = ProjectPageFactory(parent=plan, title=title)
    project.working_groups = [
        WorkingGroup(
            name=f"Gruppen om {title}",
            purpose="At få det gjort.",
            coordinator_name=coordinator,
            coordinator_email=email,
        )
    ]
    project.save_revision().publish()
    return project


def test_an_idea_can_become_only_a_project_of_its_own_plan(member_client, areas):
    """Finding 3 of issue #15: the plan's form refuses another area's project."""
    plan = areas["A"]
    idea = plan.ideas.get()
    own = project_with_group(plan, "Fugleskjul", "Mogens Brandt", "mogens@example.dk")
    other = project_with_group(areas["B"], "Badebro", "Birte Holm", "birte@example.dk")
    url = reverse("wagtailadmin_pages:edit", args=[plan.pk])

    def link(project):
        row = {"id": idea.pk, "number": 1, "title": idea.title, "project": project.pk}
        return member_client.post(url, plan_form(plan, [row]))

    response = link(other)
    assert response.status_code == 200
    assert "project" in response.context["form"].formsets["ideas"].forms[0].errors
    assert not plan.revisions.filter(pk__gt=plan.latest_revision_id).exists()  # nothing saved

    assert link(own).status_code == 302
    plan.refresh_from_db()
    assert plan.get_latest_revision_as_object().ideas.get().project_id == own.pk


def test_volunteers_ignore_a_link_to_another_areas_project(member_client, areas):
    """Finding 3 of issue #15: a cross-area link made earlier never shows that area's
    coordinator."""
    idea = areas["A"].ideas.get()
    idea.project = project_with_group(areas["B"], "Badebro", "Birte Holm", "birte@example.dk")
    idea.save()

    html = member_client.get(reverse("volunteers:index")).content.decode()

    assert "Hjælper A" in html  # the council's own volunteers are listed
    assert "Birte Holm" not in html and "birte@example.dk" not in html
    assert "Gruppen om Badebro" not in html


@pytest.mark.parametrize("view", ["history", "usage"])
def test_a_council_opens_every_view_of_its_own_answers_only(member_client, areas, view):
    """Finding 12 of issue #15: history and usage of another area's answer are closed too."""
    own, other = answer_in(areas, "A"), answer_in(areas, "B")

    assert member_client.get(reverse(f"survey_answers:{view}", args=[own.pk])).status_code == 200
    response = member_client.get(reverse(f"survey_answers:{view}", args=[other.pk]))
    assert response.status_code == 404
