"""Listing pages run the same number of queries for 3 projects as for 30."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.models import FeaturedProject
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from sdg.pages import ensure_goal_pages


def queries_for(client, url):
    client.get(url)  # warm the per-site caches every visitor after the first shares
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def build_site(home_page, projects):
    ensure_goal_pages(home_page)
    plan = LocalAreaPlanPageFactory(parent=home_page)
    for number in range(projects):
        project = ProjectPageFactory(parent=plan, goals={number % 17 + 1, 13})
        project.tags.add("natur", f"tag{number}")
        project.save()
        if number < 3:
            FeaturedProject.objects.create(page=home_page, project=project)
    return plan


@pytest.mark.slow  # builds the site twice, the second time with 30 projects
@pytest.mark.parametrize("page", ["overview", "plan", "goal"])
def test_queries_do_not_grow_with_the_number_of_projects(client, home_page, page):
    counts = []
    for projects in (3, 30):
        for existing in home_page.get_children():
            existing.delete()
        plan = build_site(home_page, projects)
        url = {"overview": home_page.url, "plan": plan.url, "goal": "/da/verdensmaal/maal-13/"}[
            page
        ]
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts
