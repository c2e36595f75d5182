"""The demo site that `make run` builds: complete, idempotent and rendering."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page

import pytest

from core.models import ContactSettings
from home.demo.loader import load_content
from home.models import HomePage
from participation.models import SurveyPage
from plan_pages.models import (
    AnnualReportPage,
    LocalAreaPlanPage,
    ProjectPage,
    ProjectStatus,
)
from sdg.models import SDGGoalPage, SDGIndexPage
from tests.page_types import page_type_id, page_types

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing(demo_site):
    counts = (Page.objects.count(), ProjectPage.objects.count())
    revisions = HomePage.objects.get(locale__language_code="da").revisions.count()

    call_command("load_demo_content", stdout=StringIO())

    assert (Page.objects.count(), ProjectPage.objects.count()) == counts
    assert HomePage.objects.get(locale__language_code="da").revisions.count() == revisions


def test_the_demo_has_every_area_and_at_least_four_projects_each(demo_site):
    content = load_content()
    plans = LocalAreaPlanPage.objects.live().filter(locale__language_code="da")
    assert sorted(plan.title for plan in plans) == sorted(
        p["title"]["da"] for p in content["plans"]
    )
    for plan in plans:
        assert ProjectPage.objects.child_of(plan).live().count() >= 4, plan.title
    assert set(ProjectPage.objects.values_list("status", flat=True)) == set(ProjectStatus.values)
    blup = plans.get(plan_kind="blup")
    assert blup.village_goals.count() >= 4
    assert plans.exclude(concluded_on=None).count() == 1


def test_the_demo_has_the_goals_and_the_contact_block(demo_site):
    for language in ("da", "en"):
        assert SDGIndexPage.objects.filter(locale__language_code=language).count() == 1
        assert SDGGoalPage.objects.live().filter(locale__language_code=language).count() == 17
    contact = ContactSettings.objects.get().contact
    assert contact.unit == "Center for Kultur og Borgerservice"
    assert contact.phone == "5588 5588"


def test_the_demo_users_can_log_in_to_the_admin(demo_site, client):
    for username in ("admin", "redaktoer"):
        assert client.login(username=username, password="demo-Password-1"), username
        assert client.get("/admin/").status_code == 200
        client.logout()


def test_every_danish_page_has_a_live_english_translation(demo_site):
    danish = Page.objects.live().filter(locale__language_code="da", depth__gt=1)
    english = Page.objects.live().filter(locale__language_code="en")
    assert set(english.values_list("translation_key", flat=True)) == set(
        danish.values_list("translation_key", flat=True)
    )


@pytest.mark.parametrize("model", page_types(), ids=page_type_id)
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_type_renders_with_demo_content(demo_site, client, model, language):
    page = model.objects.live().filter(locale__language_code=language).first()
    assert page is not None, f"the demo has no live {model.__name__} in {language!r}"
    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    headings = {f"<h1>{escape(page.title)}</h1>"}
    if getattr(page, "short_title", ""):
        headings.add(f"<h1>{escape(page.short_title)}</h1>")
    assert any(heading in html for heading in headings), headings
    contact = ContactSettings.objects.get().contact.get_translation(page.locale)
    assert escape(contact.unit) in html
    assert 'href="#main-content"' in html


def test_a_resident_answers_the_open_demo_survey_and_the_council_exports_it(demo_site, client):
    """The issue's 'done when': answer without an account, the council sees and exports it,
    and working groups show on projects."""
    survey = SurveyPage.objects.get(locale__language_code="da", slug="hvad-skal-vi-nu")
    before = survey.responses.count()
    answer = {
        "idea-1-priority": "5",
        "idea-3-comment": "Cykelstien er det vigtigste for vores børn",
        "website": "",
    }

    assert client.post(survey.url, answer).status_code == 302

    assert survey.responses.count() == before + 1
    client.logout()
    client.login(username="lokalraad-vestlandet4700", password="demo-Password-1")
    export = client.get(reverse("survey_answers:index"), {"export": "csv"})
    content = b"".join(export.streaming_content).decode()
    assert "Cykelstien er det vigtigste" in content
    assert "Fugleskjul ved søen" not in content  # another area's survey

    project = ProjectPage.objects.get(locale__language_code="en", slug="bird-hide-at-glumsoe-lake")
    html = client.get(project.url).content.decode()
    assert project.working_groups.exists() and project.working_groups.first().name in html


def test_the_closed_demo_survey_shows_results_in_both_languages(demo_site, client):
    for language in ("da", "en"):
        survey = SurveyPage.objects.get(
            locale__language_code=language, closes_at__lt=timezone.now()
        )
        html = client.get(survey.url).content.decode()
        results = html.split('<section class="survey-results"')[1].split("</section>")[0]
        answered = {"da": "64 borgere har svaret.", "en": "64 residents have answered."}
        assert f"<p>{answered[language]}</p>" in results
        assert results.count('<th scope="row">') == survey.plan.ideas.count()


def test_every_plan_has_an_annual_report_that_renders_in_both_languages(demo_site, client):
    plans = LocalAreaPlanPage.objects.live()
    assert plans.count() == 12
    for plan in plans:
        reports = list(plan.annual_reports())
        assert len(reports) == 1, plan.title
        report = reports[0]
        assert report.foreword and report.locale_id == plan.locale_id

        html = client.get(plan.url).content.decode()
        assert f'href="{report.url}"' in html, plan.title
        response = client.get(report.url)
        assert response.status_code == 200, report.url
        assert plan.title in response.content.decode()

    danish = AnnualReportPage.objects.live().get(
        locale__language_code="da",
        slug="aarsrapport-2025",
        title="Årsrapport 2025",
        path__startswith=LocalAreaPlanPage.objects.get(slug="tybjerg-og-omegn").path,
    )
    assert [p.title for p in danish.figures.completed] == ["Ny legeplads ved forsamlingshuset"]
    pdf = client.get(f"{danish.url}pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
