"""What an editor or a council types into the admin's page search, quotes and markup too, is
searched for, never a server error (search.sqlite's autocomplete; PostgreSQL's as it is)."""

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

TYPED = ['"', 'Fugleskjul"', '"Fugleskjul', 'fugle"skjul', "<script>alert(1)</script>\"'><img>"]


@pytest.mark.parametrize("words", TYPED)
def test_the_page_search_in_a_plan_answers_whatever_is_typed(admin_client, site_root, words):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    ProjectPageFactory(parent=plan, title="Fugleskjul ved søen")

    response = admin_client.get(f"/admin/pages/{plan.pk}/", {"q": words})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_a_word_typed_with_a_quote_still_finds_its_page(admin_client, site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    ProjectPageFactory(parent=plan, title="Fugleskjul ved søen")

    response = admin_client.get(f"/admin/pages/{plan.pk}/", {"q": '"Fugleskjul'})

    assert "Fugleskjul ved søen" in response.content.decode()
