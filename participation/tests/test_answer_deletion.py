"""Issue #15, finding 2 (the residents' part): answers survive any deletion but a municipal
editor's, who confirms how many answers go with the page; the bulk delete, which cannot say
it, refuses pages holding answers."""

from django.urls import reverse

from wagtail.models import Page

import pytest

from participation.models import IdeaAnswer, SurveyResponse
from participation.tests.factories import SurveyPageFactory, add_ideas
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    log_in_council_member,
    log_in_editor,
)

pytestmark = pytest.mark.django_db
# The field of the editor's confirmation (participation.wagtail_hooks.CONFIRM_ANSWERS).
CONFIRM_ANSWERS = "delete_answers"


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    plan.save_revision().publish()
    return plan


def answered_survey(plan, *, published=True, residents=3):
    ideas = list(plan.ideas.all()) or add_ideas(plan, "Legeplads", "Folkeskov")
    survey = SurveyPageFactory(parent=plan, title="Spørgeskema om idéerne", live=False)
    if published:
        survey.save_revision().publish()
        survey.unpublish()  # an editor took it offline
    for _ in range(residents):
        response = SurveyResponse.objects.create(survey=survey, language="da")
        for idea in ideas:
            IdeaAnswer.objects.create(response=response, idea=idea, priority=3)
    return survey


@pytest.fixture
def council_client(client, plan, django_user_model):
    return log_in_council_member(client, plan, django_user_model)


@pytest.fixture
def editor_client(client, django_user_model):
    return log_in_editor(client, django_user_model)


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def bulk_delete(client, *pages):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}&next=/admin/")


def exists(page):
    return Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("published", [True, False], ids=["unpublished", "never_published"])
def test_a_council_never_deletes_a_survey_with_answers(council_client, plan, published):
    survey = answered_survey(plan, published=published)

    council_client.post(delete_url(survey))
    bulk_delete(council_client, survey)

    assert exists(survey)
    assert IdeaAnswer.objects.count() == 6


def test_the_editors_confirmation_states_how_many_answers_go(editor_client, plan):
    survey = answered_survey(plan)

    html = editor_client.get(delete_url(survey)).content.decode()

    assert "3 borgeres besvarelser med 6 svar" in html  # the admin speaks Danish by default
    assert f'name="{CONFIRM_ANSWERS}" value="6" required' in html


@pytest.mark.parametrize("confirmed", [None, "5"], ids=["unconfirmed", "wrong_number"])
def test_answers_go_only_when_the_editor_confirms_their_number(editor_client, plan, confirmed):
    survey = answered_survey(plan)
    data = {} if confirmed is None else {CONFIRM_ANSWERS: confirmed}

    response = editor_client.post(delete_url(survey), data)

    assert response.status_code == 200  # asked again
    assert exists(survey) and IdeaAnswer.objects.count() == 6


def test_an_editor_deletes_a_survey_and_its_answers_once_confirmed(editor_client, plan):
    survey = answered_survey(plan)

    editor_client.post(delete_url(survey), {CONFIRM_ANSWERS: "6"})

    assert not exists(survey)
    assert not IdeaAnswer.objects.exists() and not SurveyResponse.objects.exists()


def test_deleting_a_plan_counts_the_answers_of_its_surveys(editor_client, plan):
    answered_survey(plan, residents=2)

    html = editor_client.get(delete_url(plan)).content.decode()

    assert "2 borgeres besvarelser med 4 svar" in html
    editor_client.post(delete_url(plan))
    assert exists(plan) and IdeaAnswer.objects.count() == 4


def test_the_bulk_delete_refuses_pages_with_answers_even_for_an_editor(editor_client, plan):
    survey = answered_survey(plan)

    bulk_delete(editor_client, survey)

    assert exists(survey) and IdeaAnswer.objects.count() == 6


def test_a_page_without_answers_is_deleted_as_before(editor_client, plan):
    survey = answered_survey(plan, residents=0)

    editor_client.post(delete_url(survey))

    assert not exists(survey)
