"""Where each page type may be created, and what it may hold."""

from django.template.loader import get_template

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, InformationPage
from home.tests.factories import HomePageFactory
from participation.models import MeetingPage, SurveyPage
from plan_pages.models import AnnualReportPage, LocalAreaPlanPage, ProjectPage, ProjectUpdatePage
from plan_pages.tests.factories import LocalAreaPlanPageFactory
from sdg.models import SDGGoalPage, SDGIndexPage
from tests.page_types import page_types


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_plans_and_goals(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedSubpageTypes(HomePage, {LocalAreaPlanPage, SDGIndexPage, InformationPage})
        self.assertAllowedParentPageTypes(InformationPage, {HomePage})
        self.assertAllowedSubpageTypes(InformationPage, set())

    def test_only_one_home_page(self):
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.can_create_at(root))
        HomePageFactory(parent=root)
        self.assertFalse(HomePage.can_create_at(root))

    def test_plans_hold_projects_surveys_meetings_and_annual_reports(self):
        self.assertCanCreateAt(HomePage, LocalAreaPlanPage)
        self.assertAllowedSubpageTypes(
            LocalAreaPlanPage, {ProjectPage, SurveyPage, MeetingPage, AnnualReportPage}
        )
        self.assertAllowedParentPageTypes(SurveyPage, {LocalAreaPlanPage})
        self.assertAllowedParentPageTypes(MeetingPage, {LocalAreaPlanPage})
        self.assertAllowedSubpageTypes(MeetingPage, set())
        self.assertAllowedParentPageTypes(AnnualReportPage, {LocalAreaPlanPage})
        self.assertAllowedSubpageTypes(AnnualReportPage, set())
        self.assertAllowedParentPageTypes(LocalAreaPlanPage, {HomePage})

    def test_projects_sit_under_plans_and_hold_only_their_updates(self):
        self.assertAllowedParentPageTypes(ProjectPage, {LocalAreaPlanPage})
        self.assertAllowedSubpageTypes(ProjectPage, {ProjectUpdatePage})
        self.assertAllowedParentPageTypes(ProjectUpdatePage, {ProjectPage})
        self.assertAllowedSubpageTypes(ProjectUpdatePage, set())
        self.assertCanNotCreateAt(HomePage, ProjectPage)

    def test_goal_pages_sit_under_the_goal_overview(self):
        self.assertAllowedParentPageTypes(SDGGoalPage, {SDGIndexPage})
        self.assertAllowedSubpageTypes(SDGGoalPage, set())
        self.assertAllowedSubpageTypes(SDGIndexPage, {SDGGoalPage})
        self.assertCanCreateAt(HomePage, SDGIndexPage)

    def test_a_home_page_has_one_goal_overview_at_most(self):
        home = HomePageFactory(parent=Page.get_first_root_node())
        home.add_child(instance=SDGIndexPage(title="Verdensmålene", slug="verdensmaal"))
        self.assertFalse(SDGIndexPage.can_create_at(home))
        self.assertTrue(LocalAreaPlanPage.can_create_at(home))

    def test_every_page_type_describes_itself_to_editors(self):
        for model in page_types():
            with self.subTest(model=model.__name__):
                self.assertTrue(str(model.page_description))
                self.assertTrue(model.template.startswith("pages/"))
                get_template(model.template)

    def test_plan_factory_makes_a_valid_plan(self):
        home = HomePageFactory(parent=Page.get_first_root_node())
        plan = LocalAreaPlanPageFactory(parent=home)
        plan.full_clean()
