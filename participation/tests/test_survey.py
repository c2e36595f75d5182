"""Residents answer a plan's survey: priorities, comments, helpers; results per idea."""

from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

from django.core.management import call_command
from django.db import connection
from django.db.models import RestrictedError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

import django_ratelimit.core
import pytest

from participation.forms import RATE_LIMITED_MESSAGE
from participation.models import CommentStatus, IdeaAnswer, SurveyResponse
from participation.survey import Comment, consent_text, survey_results
from participation.tests.factories import SurveyPageFactory, add_ideas
from plan_pages.tests.factories import LocalAreaPlanPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_root):
    return LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")


@pytest.fixture
def ideas(plan):
    return add_ideas(plan, "Fugleskjul", "Badebro", "Trampesti")


@pytest.fixture
def survey(plan, ideas):
    return SurveyPageFactory(parent=plan, title="Spørgeskema", slug="spoergeskema")


def danish(text):
    """The page's text as a Danish resident reads it."""
    with translation.override("da"):
        return translation.gettext(text)


def answer(**fields):
    """A POST of the survey form: idea 1 gets priority 4 unless told otherwise."""
    data = {"idea-1-priority": "4", "website": ""}
    data.update({key.replace("_", "-"): value for key, value in fields.items()})
    return data


def post(client, survey, data):
    return client.post(survey.url, data)


def record(survey, ideas, rows, **response_fields):
    """Store one response directly: rows are (idea index, priority, helps)."""
    response = SurveyResponse.objects.create(survey=survey, language="da", **response_fields)
    for index, priority, helps in rows:
        IdeaAnswer.objects.create(
            response=response, idea=ideas[index], priority=priority, wants_to_help=helps
        )
    return response


def test_questions_come_from_the_plans_ideas(client, survey):
    html = client.get(survey.url).content.decode()
    for title in ("1. Fugleskjul", "2. Badebro", "3. Trampesti"):
        assert title in html
    assert 'name="idea-3-priority"' in html
    assert "csrfmiddlewaretoken" in html


def test_an_anonymous_answer_is_stored_per_idea_and_remembered(client, survey, ideas):
    response = post(client, survey, answer(idea_2_priority="2", idea_2_comment="God idé"))

    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert (stored.name, stored.email, stored.consent_at) == ("", "", None)
    answers = {a.idea.number: (a.priority, a.comment) for a in stored.answers.all()}
    assert answers == {1: (4, ""), 2: (2, "God idé")}
    again = client.get(survey.url).content.decode()
    assert danish("Thank you for your answer") in again
    assert 'name="idea-1-priority"' not in again


def test_a_second_answer_from_the_same_browser_is_refused(client, survey):
    post(client, survey, answer())
    response = post(client, survey, answer(idea_1_priority="1"))

    assert response.status_code == 403
    assert SurveyResponse.objects.count() == 1


def test_an_empty_answer_is_refused_with_a_message(client, survey):
    response = post(client, survey, {"website": ""})

    assert response.status_code == 200
    assert (
        danish("Answer at least one of the questions before you send.") in response.content.decode()
    )
    assert not SurveyResponse.objects.exists()


def test_priority_aggregation_on_a_known_set(survey, ideas):
    record(survey, ideas, [(0, 5, True), (1, 1, False)])
    record(survey, ideas, [(0, 4, False), (1, 2, False)])
    record(survey, ideas, [(0, 3, True)])
    comment_only = record(survey, ideas, [])
    IdeaAnswer.objects.create(
        response=comment_only, idea=ideas[0], comment="Vigtig", comment_status="approved"
    )

    results = survey_results(survey)

    assert results.responses == 4
    by_title = {result.idea.title: result for result in results.ideas}
    assert (by_title["Fugleskjul"].answers, by_title["Fugleskjul"].average) == (3, 4.0)
    assert by_title["Fugleskjul"].volunteers == 2
    assert by_title["Fugleskjul"].comments == [Comment("Vigtig", "da")]
    assert (by_title["Badebro"].answers, by_title["Badebro"].average) == (2, 1.5)
    assert (by_title["Trampesti"].answers, by_title["Trampesti"].average) == (0, None)


def test_results_take_the_same_queries_however_many_answers(survey, ideas):
    def queries():
        with CaptureQueriesContext(connection) as context:
            survey_results(survey)
        return len(context)

    record(survey, ideas, [(0, 5, False)])
    queries()  # the default locale and the survey's plan are then cached, as on a page
    few = queries()
    for _ in range(20):
        record(survey, ideas, [(0, 3, True), (1, 4, False), (2, 2, True)])
    assert queries() == few


def test_comments_are_public_only_after_moderation(client, survey, ideas):
    pending = record(survey, ideas, [])
    IdeaAnswer.objects.create(response=pending, idea=ideas[0], comment="Venter på moderation")
    approved = record(survey, ideas, [])
    IdeaAnswer.objects.create(
        response=approved, idea=ideas[0], comment="Godkendt kommentar", comment_status="approved"
    )

    html = client.get(survey.url).content.decode()
    assert "Godkendt kommentar" in html
    assert "Venter på moderation" not in html


def test_results_are_hidden_until_the_editor_shows_them(client, survey, ideas):
    survey.results_public = False
    survey.save()
    record(survey, ideas, [(0, 5, False)])

    assert "Average priority" not in client.get(survey.url).content.decode()


def test_consent_is_required_before_a_volunteers_data_is_stored(client, survey):
    data = answer(idea_1_help="on", name="Karen Holm", email="karen@example.dk")

    refused = post(client, survey, data)

    assert refused.status_code == 200
    html = refused.content.decode()
    assert danish("Tick the box to agree, or untick “I want to help”.") in html
    assert 'value="Karen Holm"' in html  # nothing the resident wrote is lost
    assert not SurveyResponse.objects.exists()

    accepted = post(client, survey, {**data, "consent": "on"})

    assert accepted.status_code == 302
    stored = SurveyResponse.objects.get()
    assert (stored.name, stored.email) == ("Karen Holm", "karen@example.dk")
    assert stored.consent_at is not None
    assert stored.answers.get().wants_to_help


def test_a_name_without_wanting_to_help_is_not_stored(client, survey):
    post(client, survey, answer(name="Karen Holm", email="karen@example.dk", consent="on"))

    stored = SurveyResponse.objects.get()
    assert (stored.name, stored.email, stored.consent_at) == ("", "", None)


def test_the_consent_text_says_who_sees_the_data_and_until_when(client, survey, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 90
    deleted_by = timezone.localdate(survey.closes_at + timedelta(days=90))

    with translation.override("en"):
        text = consent_text(survey)
        deleted_by_text = date_format(deleted_by, "DATE_FORMAT")
    assert "so that Lokalrådet and the web editors of Næstved Kommune" in text
    assert f"deleted no later than {deleted_by_text}" in text
    with translation.override("da"):
        shown = escape(consent_text(survey))
    assert shown in client.get(survey.url).content.decode()


def test_the_honeypot_rejects_a_bot_and_a_genuine_answer_still_goes_through(client, survey):
    bot = post(client, survey, answer(website="http://spam.example.com"))

    assert bot.status_code == 200
    assert danish("Leave the field “Leave this field empty” empty.") in bot.content.decode()
    assert not SurveyResponse.objects.exists()

    genuine = post(client, survey, answer())
    assert genuine.status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_the_rate_limit_keeps_the_answer_in_the_form(client, survey, settings, monkeypatch):
    settings.PARTICIPATION_RATE_LIMIT = "2/h"
    # django-ratelimit counts in fixed windows: a slow run could cross into the next one
    # between the posts, so the clock it reads stands still.
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_800_000_000))
    for _ in range(2):
        client.cookies.clear()
        assert post(client, survey, answer()).status_code == 302
    client.cookies.clear()

    limited = post(client, survey, answer(idea_1_comment="Mit svar skal ikke gå tabt"))

    assert limited.status_code == 429
    html = limited.content.decode()
    assert escape(danish(RATE_LIMITED_MESSAGE)) in html
    assert "Mit svar skal ikke gå tabt" in html
    assert SurveyResponse.objects.count() == 2
    elsewhere = client.post(survey.url, answer(), REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 302  # another connection is not held back
    assert SurveyResponse.objects.count() == 3


def test_a_hostile_comment_is_stored_as_text_and_shown_escaped(client, survey, ideas):
    hostile = '<script>alert("x")</script><b onmouseover="x()">fed</b> & "citat"'
    post(client, survey, answer(idea_1_comment=hostile))

    stored = IdeaAnswer.objects.get()
    assert "<" not in stored.comment
    assert stored.comment == 'alert("x")fed & "citat"'
    stored.comment_status = CommentStatus.APPROVED
    stored.save()
    client.cookies.clear()
    html = client.get(survey.url).content.decode()
    assert "alert(&quot;x&quot;)fed &amp; &quot;citat&quot;" in html
    assert "<script>alert" not in html


def test_an_overlong_comment_is_refused_and_kept(client, survey):
    response = post(client, survey, answer(idea_1_comment="x" * 1001))

    assert response.status_code == 200
    assert "idea-1-comment" in response.context["form"].errors
    assert "x" * 1001 in response.content.decode()
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (1, 10, "The survey opens on %(date)s. Until then it cannot be answered."),
        (-10, -1, "The survey closed on %(date)s and no longer takes answers."),
    ],
)
def test_the_survey_refuses_answers_outside_its_dates(client, survey, opens, closes, message):
    now = timezone.now()
    survey.opens_at, survey.closes_at = now + timedelta(days=opens), now + timedelta(days=closes)
    survey.save()

    response = post(client, survey, answer())

    assert response.status_code == 403
    assert danish(message).split("%(date)s")[0] in response.content.decode()
    assert 'name="idea-1-priority"' not in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_answers_in_english_count_with_the_danish_survey(client, survey, plan, ideas, locale_en):
    english_plan = plan.copy_for_translation(locale_en, copy_parents=True)
    english_plan.save_revision().publish()
    english_survey = survey.copy_for_translation(locale_en)
    english_survey.save_revision().publish()
    english_survey.refresh_from_db()

    response = client.post(english_survey.url, answer(idea_1_priority="5"))

    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert (stored.survey_id, stored.language) == (survey.pk, "en")
    assert stored.answers.get().idea == ideas[0]
    assert survey_results(english_survey).ideas[0].average == 5


def test_a_danish_comment_on_the_english_survey_is_marked_as_danish(
    client, survey, plan, ideas, locale_en
):
    """Comments are shown as written: a screen reader must read a Danish one in Danish."""
    english_plan = plan.copy_for_translation(locale_en, copy_parents=True)
    english_plan.save_revision().publish()
    english_survey = survey.copy_for_translation(locale_en)
    english_survey.save_revision().publish()
    response = record(survey, ideas, [])
    IdeaAnswer.objects.create(
        response=response, idea=ideas[0], comment="Gerne med lys", comment_status="approved"
    )

    html = client.get(english_survey.url).content.decode()

    assert '<li lang="da">Gerne med lys</li>' in html


def test_anonymisation_removes_personal_data_and_keeps_the_counts(survey, ideas, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    helper = record(
        survey,
        ideas,
        [(0, 5, True)],
        name="Karen Holm",
        email="karen@example.dk",
        consent_at=timezone.now(),
    )
    before = survey_results(survey).ideas[0]
    survey.opens_at = timezone.now() - timedelta(days=60)
    survey.closes_at = timezone.now() - timedelta(days=10)
    survey.save()

    call_command("anonymise_volunteers", stdout=StringIO())
    helper.refresh_from_db()
    assert helper.name == "Karen Holm"  # within the retention period

    survey.closes_at = timezone.now() - timedelta(days=31)
    survey.save()
    out = StringIO()
    call_command("anonymise_volunteers", stdout=out)

    helper.refresh_from_db()
    assert (helper.name, helper.email) == ("", "")
    assert helper.anonymised_at is not None
    assert "1 volunteer" in out.getvalue()
    after = survey_results(survey).ideas[0]
    assert (after.answers, after.average, after.volunteers) == (
        before.answers,
        before.average,
        before.volunteers,
    )


def test_anonymisation_on_request_takes_one_person_now(survey, ideas):
    karen = record(survey, ideas, [(0, 5, True)], name="Karen", email="karen@example.dk")
    bo = record(survey, ideas, [(1, 3, True)], name="Bo", email="bo@example.dk")

    call_command("anonymise_volunteers", email="KAREN@example.dk", stdout=StringIO())

    karen.refresh_from_db()
    bo.refresh_from_db()
    assert (karen.name, karen.email) == ("", "")
    assert (bo.name, bo.email) == ("Bo", "bo@example.dk")


def test_the_plan_page_lists_its_ideas_and_survey_in_fixed_queries(
    client, plan, ideas, survey, django_assert_max_num_queries
):
    from participation.wagtail_hooks import ideas_with_projects
    from plan_pages.tests.factories import ProjectPageFactory

    project = ProjectPageFactory(parent=plan, title="Fugleskjulet")
    project.save_revision().publish()
    ideas[0].project = project
    ideas[0].save()
    plan.save_revision().publish()

    html = client.get(plan.url).content.decode()

    assert survey.title in html
    assert f'href="{project.url}"' in html
    # The ideas, the private sections (outside a page view read afresh) and the linked pages.
    with django_assert_max_num_queries(3):
        became = [idea.became for idea in ideas_with_projects(plan)]
    assert [page and (page.pk, page.title) for page in became] == [
        (project.pk, "Fugleskjulet"),
        None,
        None,
    ]


def test_a_plan_with_an_answered_survey_can_be_deleted_with_its_answers(plan, survey, ideas):
    record(survey, ideas, [(0, 5, True)], name="Karen", email="karen@example.dk")

    plan.delete()

    assert not SurveyResponse.objects.exists()
    assert not IdeaAnswer.objects.exists()


def test_an_answered_idea_cannot_be_deleted_on_its_own(survey, ideas):
    record(survey, ideas, [(0, 5, False)])

    with pytest.raises(RestrictedError):
        ideas[0].delete()
    assert IdeaAnswer.objects.count() == 1
