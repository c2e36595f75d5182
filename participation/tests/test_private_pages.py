"""Finding 9 of issue #15: a private page (view restriction) never shows where residents look:
the annual report (page and PDF) and the plan's list of ideas read `.live().public()`."""

import io
from datetime import date, datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from pypdf import PdfReader

from participation.models import Idea
from participation.tests.factories import SurveyPageFactory
from plan_pages.tests.factories import (
    AnnualReportPageFactory,
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    set_history,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    plan.save_revision().publish()
    return plan


def published_project(plan, title):
    project = ProjectPageFactory(
        parent=plan, title=title, status="in_progress", start_date=date(2024, 3, 1)
    )
    project.save_revision().publish()
    # The annual report counts from the status history: begun on the start date.
    set_history(project, ("in_progress", project.start_date))
    return project


def make_private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )


@pytest.fixture
def private_and_public(plan):
    public = published_project(plan, "Åben legeplads")
    private = published_project(plan, "Lukket grundkøb")
    make_private(private)
    Idea.objects.create(page=plan, locale=plan.locale, number=1, title="Idé A", project=public)
    Idea.objects.create(page=plan, locale=plan.locale, number=2, title="Idé B", project=private)
    report = AnnualReportPageFactory(parent=plan, year=2024)
    report.save_revision().publish()
    return report


def test_the_annual_report_page_leaves_out_private_projects(client, private_and_public):
    html = client.get(private_and_public.url).content.decode()

    assert "Åben legeplads" in html
    assert "Lukket grundkøb" not in html


def test_the_annual_report_pdf_leaves_out_private_projects(client, private_and_public):
    response = client.get(f"{private_and_public.url}pdf/")

    pdf = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Åben legeplads" in text
    assert "Lukket grundkøb" not in text


def test_the_plans_ideas_link_public_projects_only(client, plan, private_and_public):
    html = client.get(plan.url).content.decode()

    assert "Idé B" in html
    assert "Åben legeplads" in html
    assert "Lukket grundkøb" not in html


def test_the_annual_report_leaves_out_private_surveys(client, plan, private_and_public):
    survey = SurveyPageFactory(
        parent=plan,
        title="Lukket spørgeskema",
        opens_at=timezone.make_aware(datetime(2024, 1, 10)),
        closes_at=timezone.make_aware(datetime(2024, 2, 10)),
    )
    survey.save_revision().publish()
    make_private(survey)

    html = client.get(private_and_public.url).content.decode()

    assert "Lukket spørgeskema" not in html
