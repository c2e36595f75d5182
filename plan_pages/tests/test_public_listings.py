"""Listings leave out pages in private sections (a view restriction on the page or an
ancestor) exactly as Wagtail's `public()` does, in the listing's own single query: the private
sections are remembered per content change (core.models.private_sections)."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from core.middleware import CurrentRequestMiddleware
from plan_pages.models import AnnualReportPage, LocalAreaPlanPage, ProjectGoal, ProjectPage
from plan_pages.tests.factories import (
    AnnualReportPageFactory,
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


def restrict(page, kind=PageViewRestriction.PASSWORD):
    PageViewRestriction.objects.create(page=page, restriction_type=kind, password="hemmelig")


@pytest.fixture
def tree(site_root):
    """Two open plans and a private one; one open plan has a private project, the other a
    project for logged-in users only."""
    open_plan, other_plan, private_plan = (
        LocalAreaPlanPageFactory(parent=site_root, title=title)
        for title in ("Glumsø og Omegn", "Fuglebjerg", "Lukket område")
    )
    for plan in (open_plan, other_plan, private_plan):
        for number in range(2):
            ProjectPageFactory(parent=plan, title=f"{plan.title} {number}")
    restrict(private_plan)
    restrict(ProjectPage.objects.child_of(open_plan).first())
    restrict(ProjectPage.objects.child_of(other_plan).last(), PageViewRestriction.LOGIN)
    return site_root


@pytest.mark.parametrize("model", [ProjectPage, LocalAreaPlanPage])
def test_public_leaves_out_exactly_the_pages_wagtail_does(tree, model):
    ours = set(model.objects.public().values_list("pk", flat=True))
    wagtails = set(Page.objects.type(model).public().values_list("pk", flat=True))

    assert ours == wagtails
    assert len(ours) == {ProjectPage: 2, LocalAreaPlanPage: 2}[model]


def in_a_page_view(read):
    """`read()` as a page view runs it: inside the request (core.middleware)."""
    return CurrentRequestMiddleware(lambda request: read())(RequestFactory().get("/"))


def titles_listed():
    return sorted(ProjectPage.objects.live().public().values_list("title", flat=True))


def test_a_public_listing_in_a_page_view_is_one_query_that_reads_no_restriction(tree):
    in_a_page_view(titles_listed)  # the private sections, read once per content change
    with CaptureQueriesContext(connection) as queries:
        titles = in_a_page_view(titles_listed)

    assert titles == ["Fuglebjerg 0", "Glumsø og Omegn 1"]
    assert len(queries) == 1
    # Tested by path on the listing's rows: no subquery that reads every page of the site.
    assert "pageviewrestriction" not in queries[0]["sql"]


def test_a_section_made_private_leaves_the_next_listing_at_once(tree):
    in_a_page_view(titles_listed)
    restrict(ProjectPage.objects.get(title="Fuglebjerg 0"))
    assert in_a_page_view(titles_listed) == ["Glumsø og Omegn 1"]


def test_a_section_made_public_again_shows_in_the_next_listing_at_once(tree):
    in_a_page_view(titles_listed)
    PageViewRestriction.objects.get(page__title="Glumsø og Omegn 0").delete()
    assert in_a_page_view(titles_listed) == [
        "Fuglebjerg 0",
        "Glumsø og Omegn 0",
        "Glumsø og Omegn 1",
    ]


def test_a_listed_project_brings_its_areas_title_and_goal_numbers_in_its_own_row(
    site_root, django_assert_num_queries
):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    ProjectPageFactory(parent=plan, title="Fugleskjul", goals=[15, 3, 11])
    without_goals = ProjectPageFactory(parent=plan, title="Badebro")
    ProjectGoal.objects.filter(page=without_goals).delete()

    with django_assert_num_queries(1):
        listed = {
            project.title: (project.area_title, project.goal_numbers)
            for project in ProjectPage.for_listing(ProjectPage.objects.all())
        }

    assert listed == {
        "Fugleskjul": ("Glumsø og Omegn", [3, 11, 15]),
        "Badebro": ("Glumsø og Omegn", []),
    }


def test_a_listed_project_reads_what_cards_and_feeds_show_but_not_its_long_texts(
    site_root, django_assert_num_queries
):
    plan = LocalAreaPlanPageFactory(parent=site_root)
    ProjectPageFactory(parent=plan, title="Fugleskjul", summary="Et skjul ved søen.")

    with django_assert_num_queries(1):
        [project] = ProjectPage.for_listing(ProjectPage.objects.all())
        shown = (project.title, project.summary, project.get_status_display(), project.url_path)
        shown += (project.site, project.first_published_at, project.last_published_at)

    assert shown[:2] == ("Fugleskjul", "Et skjul ved søen.")
    assert {"body", "how_to_take_part"} <= project.get_deferred_fields()


def test_a_plans_annual_reports_are_its_live_public_ones_the_latest_first(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root)
    for year in (2023, 2025, 2024):
        AnnualReportPageFactory(parent=plan, plan=plan, year=year, title=f"Årsrapport {year}")
    AnnualReportPageFactory(parent=plan, plan=plan, year=2022, live=False)
    restrict(AnnualReportPageFactory(parent=plan, plan=plan, year=2021))
    plan = LocalAreaPlanPage.objects.get(pk=plan.pk)

    titles = [report.title for report in in_a_page_view(plan.annual_reports)]

    assert titles == ["Årsrapport 2025", "Årsrapport 2024", "Årsrapport 2023"]


def test_a_plans_child_pages_of_every_type_but_the_project_are_read_in_one_query(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root)
    AnnualReportPageFactory(parent=plan, plan=plan, year=2025)
    ProjectPageFactory(parent=plan)
    plan = LocalAreaPlanPage.objects.get(pk=plan.pk)
    in_a_page_view(titles_listed)  # the private sections, read once per content change

    with CaptureQueriesContext(connection) as queries:
        in_a_page_view(
            lambda: [plan.live_subpages_of(model) for model in plan.clean_subpage_models()]
        )

    assert len(queries) == 1
    reports = plan.live_subpages_of(AnnualReportPage)
    assert [type(report) for report in reports] == [AnnualReportPage]
    assert reports[0].year == 2025  # the page by its own type, with its own fields
    assert plan.live_subpages_of(ProjectPage) == []  # the roll-up and listing read projects
