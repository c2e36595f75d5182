import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from sdg.goals import targets
from sdg.models import SDGGoalPage
from sdg.pages import ensure_goal_pages

pytestmark = pytest.mark.django_db


def test_a_project_names_its_un_targets_in_words_with_a_link_to_each(client, site_root):
    """A code such as "15.5" alone says nothing to a resident."""
    ensure_goal_pages(site_root)
    plan = LocalAreaPlanPageFactory(parent=site_root)
    project = ProjectPageFactory(parent=plan, goals=[15], targets=["15.5"])
    project.save_revision().publish()

    html = client.get(project.url).content.decode()

    goal_page = SDGGoalPage.objects.get(number=15)
    assert f'<a href="{goal_page.url}#target-15.5"><span class="target-code">15.5</span>' in html
    assert targets()["15.5"].title["da"] in html
    assert 'id="target-15.5"' in client.get(goal_page.url).content.decode()
