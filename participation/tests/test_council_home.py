"""A council's start page says how many of its surveys' comments wait for moderation."""

from django.urls import reverse

import pytest

from participation.models import CommentStatus, IdeaAnswer, SurveyResponse
from participation.tests.factories import SurveyPageFactory, add_ideas
from plan_pages.tests.factories import LocalAreaPlanPageFactory, log_in_council_member

pytestmark = pytest.mark.django_db


def answer(survey, idea, comment, status=CommentStatus.PENDING):
    response = SurveyResponse.objects.create(survey=survey, language="da")
    IdeaAnswer.objects.create(
        response=response, idea=idea, priority=3, comment=comment, comment_status=status
    )


def test_a_council_sees_how_many_of_its_comments_wait_and_never_another_areas(
    client, site_root, django_user_model
):
    own, other = (LocalAreaPlanPageFactory(parent=site_root) for _ in range(2))
    for plan, pending in ((own, 2), (other, 5)):
        [idea] = add_ideas(plan, "Bålhytte")
        survey = SurveyPageFactory(parent=plan)
        for _ in range(pending):
            answer(survey, idea, "God idé")
        answer(survey, idea, "Allerede godkendt", CommentStatus.APPROVED)
        answer(survey, idea, "")  # no comment: nothing to moderate
    log_in_council_member(client, own, django_user_model)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 kommentarer venter på, at I godkender dem" in html
    assert f'href="{reverse("survey_answers:index")}?comment_status=pending"' in html
