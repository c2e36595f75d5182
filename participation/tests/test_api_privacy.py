"""The open-data API shows projects, never the people behind their working groups."""

from django.core.cache import cache

import pytest

from participation.models import WorkingGroup
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_a_projects_api_detail_never_holds_its_coordinators_address(client, site_root):
    cache.clear()  # a fresh API rate limit
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø")
    forest = ProjectPageFactory(parent=plan, title="Folkeskoven")
    forest.working_groups = [
        WorkingGroup(
            name="Skovlauget",
            purpose="Planter og passer skoven.",
            coordinator_name="Karen Holm",
            coordinator_email="karen@lokalraad.example.dk",
        )
    ]
    forest.save_revision().publish()

    response = client.get(f"/api/v2/projects/{forest.pk}/")

    assert response.status_code == 200
    assert response.json()["title"] == "Folkeskoven"
    assert "coordinator" not in response.content.decode()
    assert "karen@" not in response.content.decode()
