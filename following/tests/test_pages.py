"""The follow form on plans, projects, goals and the overview, without spoiling the page cache."""

import pytest

from following.tests.conftest import publish_project

pytestmark = pytest.mark.django_db


def test_the_follow_form_is_on_plan_and_project_pages_without_a_csrf_cookie(client, plan):
    project = publish_project(plan)
    for page, key in ((plan, "area"), (project, "project")):
        response = client.get(page.url)
        html = response.content.decode()
        assert 'action="/da/foelg/"' in html
        assert f'name="target" value="{key}"' in html
        assert str(page.translation_key) in html
        assert "csrftoken" not in response.cookies  # the page stays cacheable


def test_the_follow_form_is_on_a_goal_page(client, site_root):
    from sdg.pages import ensure_goal_pages

    index = ensure_goal_pages(site_root)
    goal = index.get_children().live().first().specific
    html = client.get(goal.url).content.decode()
    assert f'name="key" value="{goal.number}"' in html


def test_the_follow_page_offers_the_form_for_what_was_chosen(client, plan):
    response = client.get("/da/foelg/", {"target": "area", "key": str(plan.translation_key)})
    html = response.content.decode()
    assert "Glumsø og Omegn" in html and "csrfmiddlewaretoken" in html
    assert "private" in response["Cache-Control"]
