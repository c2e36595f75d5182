"""The annual report with residents taking part: its figures from a known data set (working
groups and surveys included), its PDF, its rules and its escaping."""

import io
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest
from pypdf import PdfReader

from participation.models import Idea, IdeaAnswer, SurveyPage, SurveyResponse, WorkingGroup
from participation.reports import participation_figures
from participation.tests.factories import SurveyPageFactory
from plan_pages.annual_report import VillageGoalStatus, annual_figures
from plan_pages.councils import WORKFLOW_NAME
from plan_pages.models import AnnualReportPage, VillageGoal
from plan_pages.pdf import STATIC_ORIGIN, StaticFilesFetcher
from plan_pages.tests.factories import (
    AnnualReportPageFactory,
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    council_of,
    set_history,
)

pytestmark = pytest.mark.django_db

YEAR = 2024


def aware(*args):
    return timezone.make_aware(datetime(*args))


def group(name, rhythm=""):
    return WorkingGroup(
        name=name,
        purpose="At få det gjort.",
        coordinator_name="Lene Holm",
        coordinator_email="lene@example.dk",
        meeting_rhythm=rhythm,
    )


def derived_history(status, start, end):
    """A history that agrees with the project's dates: begun on its start date (paused ones
    paused from then), completed on its end date, planned from its start date."""
    if status == "planned" and start:
        return [("planned", start)]
    steps = []
    if status in ("in_progress", "completed", "paused") and start:
        steps.append(("paused" if status == "paused" else "in_progress", start))
    if status == "completed" and end:
        steps.append(("completed", end))
    return steps


def project(plan, title, status, start=None, end=None, goals=(11,), village_goals=(), **kw):
    """A published project whose status history follows its dates (the report reads the
    history, not the dates or the status of today)."""
    page = ProjectPageFactory(
        parent=plan,
        title=title,
        status=status,
        start_date=start,
        end_date=end,
        village_goals=list(village_goals),
        goals=list(goals),
        **kw,
    )
    page.save_revision().publish()
    set_history(page, *derived_history(status, start, end))
    return page


def answer(survey, ideas, *, helps):
    response = SurveyResponse.objects.create(survey=survey, language="da")
    for idea, wants in zip(ideas, helps, strict=True):
        IdeaAnswer.objects.create(response=response, idea=idea, priority=4, wants_to_help=wants)
    return response


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn", plan_kind="blup")
    plan.village_goals = [
        VillageGoal(number=1, title="Trygge legepladser", goals=[11]),
        VillageGoal(number=2, title="Mere natur", goals=[15]),
        VillageGoal(number=3, title="Stationen bliver", goals=[9]),
        VillageGoal(number=4, title="Grøn energi", goals=[7]),
        VillageGoal(number=5, title="Et godt sted at blive gammel", goals=[3]),
    ]
    plan.ideas = [Idea(number=1, title="Legeplads"), Idea(number=2, title="Folkeskov")]
    plan.save()
    plan.save_revision().publish()
    return plan


@pytest.fixture
def known_data(plan):
    """Projects with every combination of status and dates that the year's figures treat."""
    pages = {
        "A": project(
            plan,
            "Legeplads",
            "in_progress",
            date(2024, 3, 1),
            goals=[3, 11],
            village_goals=[1],
            working_groups=[group("Legepladsgruppen", "Første tirsdag")],
        ),
        "B": project(
            plan,
            "Blomsterkummer",
            "completed",
            date(2023, 4, 1),
            date(2024, 6, 30),
            goals=[11, 15],
            village_goals=[1, 2],
        ),
        "C": project(
            plan,
            "Folkeskov",
            "completed",
            date(2024, 2, 1),
            date(2024, 10, 1),
            goals=[15],
            village_goals=[2],
        ),
        "D": project(
            plan,
            "Stationen",
            "completed",
            date(2022, 1, 1),
            date(2025, 5, 1),
            goals=[9, 11],
            village_goals=[3],
            working_groups=[group("Stationsgruppen")],
        ),
        "E": project(plan, "Badebro", "paused", date(2024, 5, 1), goals=[6]),
        "F": project(
            plan,
            "Solceller",
            "planned",
            date(2024, 9, 1),
            goals=[7],
            village_goals=[4],
            working_groups=[group("Solcellegruppen")],
        ),
        "G": project(plan, "Trampesti", "idea", goals=[3], village_goals=[4]),
        "H": project(plan, "Byskilte", "completed", date(2020, 4, 1), date(2023, 5, 1)),
        "I": project(plan, "Busser", "in_progress", date(2025, 2, 1)),
    }
    draft = ProjectPageFactory(
        parent=plan, title="Kladde", status="in_progress", start_date=date(2024, 1, 1), goals=[1]
    )
    draft.unpublish()
    ideas = list(plan.ideas.order_by("number"))
    january = SurveyPageFactory(
        parent=plan,
        title="Spørgeskema om ideerne",
        opens_at=aware(2024, 1, 10, 9),
        closes_at=aware(2024, 2, 10, 23),
    )
    january.save_revision().publish()
    answer(january, ideas, helps=[True, False])
    answer(january, ideas, helps=[False, False])
    answer(january, ideas, helps=[True, True])  # one volunteer, though for two ideas
    winter = SurveyPageFactory(
        parent=plan,
        title="Vinterens spørgeskema",
        opens_at=aware(2023, 11, 1, 9),
        closes_at=aware(2024, 1, 5, 23),
    )
    winter.save_revision().publish()
    answer(winter, ideas[:1], helps=[False])
    later = SurveyPageFactory(
        parent=plan,
        title="Næste års spørgeskema",
        opens_at=aware(2025, 3, 1, 9),
        closes_at=aware(2025, 4, 1, 23),
    )
    later.save_revision().publish()
    answer(later, ideas[:1], helps=[True])
    return pages


def titles(projects):
    return [page.title for page in projects]


def test_the_figures_match_a_known_data_set(plan, known_data):
    figures = annual_figures(plan, YEAR)

    assert titles(figures.started) == ["Legeplads", "Folkeskov", "Badebro"]
    assert titles(figures.in_progress) == ["Legeplads", "Stationen"]
    assert titles(figures.completed) == ["Blomsterkummer", "Folkeskov"]
    assert [(r.goal.number, r.started, r.in_progress, r.completed) for r in figures.goals] == [
        (3, 1, 1, 0),
        (6, 1, 0, 0),
        (9, 0, 1, 0),
        (11, 1, 2, 1),
        (15, 1, 0, 2),
    ]
    assert [
        (row.village_goal.number, titles(row.projects), row.status) for row in figures.village_goals
    ] == [
        (1, ["Legeplads", "Blomsterkummer"], VillageGoalStatus.UNDER_WAY),
        (2, ["Blomsterkummer", "Folkeskov"], VillageGoalStatus.REACHED),
        (3, ["Stationen"], VillageGoalStatus.UNDER_WAY),
        (4, ["Solceller", "Trampesti"], VillageGoalStatus.NOT_STARTED),
        (5, [], VillageGoalStatus.NO_PROJECTS),
    ]
    participation = participation_figures(figures)
    assert [(group.name, project.title) for group, project in participation.working_groups] == [
        ("Legepladsgruppen", "Legeplads"),
        ("Stationsgruppen", "Stationen"),
    ]
    assert [(row.survey.title, row.responses, row.volunteers) for row in participation.surveys] == [
        ("Vinterens spørgeskema", 1, 0),
        ("Spørgeskema om ideerne", 3, 2),
    ]


def test_a_village_goal_is_reached_only_by_the_year_its_last_project_ended(plan, known_data):
    statuses = {
        row.village_goal.number: row.status for row in annual_figures(plan, 2025).village_goals
    }
    assert statuses[3] == VillageGoalStatus.REACHED
    assert statuses[2] == VillageGoalStatus.REACHED


def test_the_page_shows_the_figures_and_never_a_coordinators_email(client, plan, known_data):
    report = AnnualReportPageFactory(parent=plan, year=YEAR)
    report.save_revision().publish()

    response = client.get(report.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Årsrapport 2024</h1>" in html
    assert "Et år med mange frivillige hænder." in html
    assert "Legepladsgruppen" in html and "Første tirsdag" in html
    assert "lene@example.dk" not in html
    assert '<th scope="col">' in html and '<caption id="' in html
    assert f'href="{report.url}pdf/"' in html


def test_the_report_is_listed_on_its_plan_once_published(client, plan):
    report = AnnualReportPageFactory(parent=plan, year=2023, title="Årsrapport for 2023")
    report.unpublish()
    assert "Årsrapport for 2023" not in client.get(plan.url).content.decode()

    report.save_revision().publish()
    html = client.get(plan.url).content.decode()
    assert f'<a href="{report.url}">Årsrapport for 2023</a>' in html


def test_the_pdf_renders_and_contains_the_plans_name(client, plan, known_data):
    report = AnnualReportPageFactory(parent=plan, year=YEAR)
    report.save_revision().publish()

    response = client.get(f"{report.url}pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="aarsrapport-{plan.slug}-2024.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Glumsø og Omegn" in text
    assert "Årsrapport 2024" in text
    assert "Legepladsgruppen" in text
    assert pdf.metadata.title == "Årsrapport 2024 – Glumsø og Omegn"


def test_the_english_report_counts_the_english_pages(client, plan, known_data, locale_en):
    report = AnnualReportPageFactory(parent=plan, year=YEAR)
    report.save_revision().publish()
    for page in [*known_data.values(), *plan.get_children().type(AnnualReportPage)]:
        page.specific.copy_for_translation(locale_en, copy_parents=True).save_revision().publish()
    english_plan = plan.get_translation(locale_en)
    legeplads = known_data["A"].get_translation(locale_en)
    legeplads.title = "Playground"
    legeplads.save_revision().publish()
    survey = SurveyPage.objects.get(title="Spørgeskema om ideerne")
    english_survey = survey.copy_for_translation(locale_en)
    english_survey.title = "Survey of the ideas"
    english_survey.save_revision().publish()

    figures = annual_figures(english_plan, YEAR)

    assert titles(figures.started)[0] == "Playground"
    assert all(page.locale_id == locale_en.pk for page in figures.started)
    # Answers are kept against the Danish survey; the English report shows their numbers.
    surveys = participation_figures(figures).surveys
    assert [(row.survey.title, row.responses, row.volunteers) for row in surveys] == [
        ("Survey of the ideas", 3, 2)
    ]
    english_report = report.get_translation(locale_en)
    html = client.get(english_report.url).content.decode()
    assert "Playground" in html and ">Legeplads<" not in html
    assert english_report.figures.year == YEAR


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.slow  # builds 14 projects, surveys and working groups
def test_queries_do_not_grow_with_the_number_of_projects(client, site_root):
    counts = []
    for number in (2, 12):
        plan = LocalAreaPlanPageFactory(parent=site_root, title=f"Område med {number}")
        plan.village_goals = [VillageGoal(number=1, title="Mere natur", goals=[15])]
        plan.save_revision().publish()
        for index in range(number):
            project(
                plan,
                f"Projekt {index}",
                "in_progress",
                date(2024, 1, 1 + index),
                goals=[index % 17 + 1, 15],
                village_goals=[1],
                working_groups=[group(f"Gruppe {index}", "Hver uge")],
            )
            SurveyPageFactory(
                parent=plan,
                title=f"Skema {index}",
                opens_at=aware(2024, 1, 10, 9),
                closes_at=aware(2024, 2, 10, 23),
            ).save_revision().publish()
        report = AnnualReportPageFactory(parent=plan, year=YEAR)
        report.save_revision().publish()
        counts.append(queries_for(client, report.url))
    assert counts[0] == counts[1], counts


def test_hostile_titles_are_escaped(client, plan):
    project(
        plan,
        "<script>alert('projekt')</script>",
        "in_progress",
        date(2024, 1, 1),
        working_groups=[group("<img src=x onerror=alert(1)>", "<b>altid</b>")],
    )
    report = AnnualReportPageFactory(parent=plan, year=YEAR)
    report.save_revision().publish()

    html = client.get(report.url).content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html and "<b>altid" not in html
    assert "&lt;script&gt;alert(&#x27;projekt&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert client.get(f"{report.url}pdf/").status_code == 200


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_outside_the_range_is_refused(plan, year):
    report = AnnualReportPageFactory.build(year=year)
    with pytest.raises(ValidationError) as error:
        plan.add_child(instance=report)
    assert "year" in error.value.message_dict


def test_a_year_that_has_not_begun_is_refused(plan):
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError) as error:
        plan.add_child(instance=AnnualReportPageFactory.build(year=next_year))
    assert error.value.message_dict["year"] == [
        "Der kan kun skrives en rapport for et år, der er begyndt."
    ]


def test_one_report_per_plan_and_year(plan, site_root):
    AnnualReportPageFactory(parent=plan, year=YEAR)
    with pytest.raises(ValidationError) as error:
        AnnualReportPageFactory(parent=plan, year=YEAR, slug="igen")
    assert error.value.message_dict["year"] == ["Planen har allerede en årsrapport for 2024."]
    # Another year, or the same year in another plan, is fine.
    AnnualReportPageFactory(parent=plan, year=2023)
    other = LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg og Omegn")
    AnnualReportPageFactory(parent=other, year=YEAR)


@pytest.fixture
def council_member(plan, django_user_model):
    user = django_user_model.objects.create_user("karen", "karen@example.dk", "pw")
    user.groups.add(council_of(plan).group)
    return user


def report_form(**changes):
    return nested_form_data(
        {
            "title": "Årsrapport 2024",
            "slug": "aarsrapport-2024",
            "year": YEAR,
            "foreword": rich_text("<p>Tak til alle, der gav en hånd med i 2024.</p>"),
            "comments": inline_formset([]),
            **changes,
        }
    )


def add_url(plan):
    return reverse("wagtailadmin_pages:add", args=["plan_pages", "annualreportpage", plan.pk])


def test_a_council_member_drafts_and_submits_a_report_but_cannot_publish_it(
    client, plan, council_member
):
    client.force_login(council_member)
    assert client.get(add_url(plan)).status_code == 200

    # Asking to publish only saves a draft: the council may not publish.
    client.post(add_url(plan), report_form(**{"action-publish": "1"}))
    report = AnnualReportPage.objects.child_of(plan).get()
    assert not report.live
    assert report.get_latest_revision_as_object().year == YEAR

    edit_url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    client.post(edit_url, report_form(**{"action-publish": "1"}))
    assert not AnnualReportPage.objects.get(pk=report.pk).live

    client.post(edit_url, report_form(**{"action-submit": "1"}))
    state = WorkflowState.objects.active().get(object_id=str(report.pk))
    assert state.workflow.name == WORKFLOW_NAME


def test_the_admin_refuses_a_second_report_for_the_same_year(client, plan, council_member):
    AnnualReportPageFactory(parent=plan, year=YEAR)
    client.force_login(council_member)

    response = client.post(add_url(plan), report_form(slug="igen"))

    assert response.status_code == 200
    assert AnnualReportPage.objects.child_of(plan).count() == 1
    assert response.context["form"].errors["year"] == [
        "Planen har allerede en årsrapport for 2024."
    ]


def test_a_hostile_foreword_written_in_the_admin_is_shown_as_text(client, plan, council_member):
    client.force_login(council_member)
    hostile = "<p>&lt;script&gt;alert('forord')&lt;/script&gt;</p>"
    client.post(add_url(plan), report_form(foreword=rich_text(hostile)))
    report = AnnualReportPage.objects.child_of(plan).get()
    report.get_latest_revision().publish()  # as the municipality's editor would, on approval
    client.logout()

    html = client.get(report.url).content.decode()

    assert "<script>alert('forord')" not in html
    assert "&lt;script&gt;alert(&#x27;forord&#x27;)&lt;/script&gt;" in html or (
        "&lt;script&gt;alert('forord')&lt;/script&gt;" in html
    )


def test_the_pdf_fetches_static_files_only():
    fetcher = StaticFilesFetcher()
    response = fetcher.fetch(STATIC_ORIGIN + "css/annual_report_pdf.css")
    assert response.content_type == "text/css"
    assert b"@font-face" in response.read()
    for url in (
        "http://localhost/admin/",
        "file:///etc/passwd",
        STATIC_ORIGIN + "../cms/settings/base.py",
        STATIC_ORIGIN + "css/missing.css",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
