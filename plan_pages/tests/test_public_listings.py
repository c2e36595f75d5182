"""Listings leave out pages in private sections (a view restriction on the page or an
ancestor) exactly as Wagtail's `public()` does, in the listing's own single query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from plan_pages.models import LocalAreaPlanPage, ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

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


def test_a_public_listing_is_one_query(tree):
    with CaptureQueriesContext(connection) as queries:
        titles = list(ProjectPage.objects.live().public().values_list("title", flat=True))

    assert len(queries) == 1
    assert sorted(titles) == ["Fuglebjerg 0", "Glumsø og Omegn 1"]
