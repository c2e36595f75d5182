"""Issue #15, finding 12: a council sees nothing of another area beyond what residents see –
not in the page chooser (browsing or searching), not in a move confirmation."""

from django.urls import reverse

import pytest

from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    log_in_council_member,
    log_in_editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(site_root):
    plans = {}
    for key, title in (("A", "Glumsø og Omegn"), ("B", "Tybjerg og Omegn")):
        plan = LocalAreaPlanPageFactory(parent=site_root, title=title)
        plan.save_revision().publish()
        ProjectPageFactory(parent=plan, title=f"Offentlig bålhytte {key}").save_revision().publish()
        ProjectPageFactory(parent=plan, title=f"Hemmelig kladde {key}", live=False)
        plans[key] = plan
    return plans


@pytest.fixture
def council_client(client, plans, django_user_model):
    return log_in_council_member(client, plans["A"], django_user_model)


@pytest.fixture
def editor_client(client, django_user_model):
    return log_in_editor(client, django_user_model)


def browse(client, parent):
    url = reverse("wagtailadmin_choose_page_child", args=[parent.pk])
    return client.get(url).json()["html"]


def search(client, query):
    return client.get(reverse("wagtailadmin_choose_page_search"), {"q": query}).content.decode()


def test_the_chooser_shows_a_council_its_own_drafts_and_others_live_pages(council_client, plans):
    assert "Hemmelig kladde A" in browse(council_client, plans["A"])
    other = browse(council_client, plans["B"])
    assert "Offentlig bålhytte B" in other
    assert "Hemmelig kladde B" not in other


def test_a_council_cannot_open_the_chooser_at_another_areas_draft(council_client, plans):
    draft = plans["B"].get_children().get(title="Hemmelig kladde B")
    response = council_client.get(reverse("wagtailadmin_choose_page_child", args=[draft.pk]))
    assert response.status_code == 404
    assert "Hemmelig kladde B" not in response.content.decode()
    own_draft = plans["A"].get_children().get(title="Hemmelig kladde A")
    assert "Hemmelig kladde A" in browse(council_client, own_draft)


def test_an_editor_opens_the_chooser_at_any_draft(editor_client, plans):
    draft = plans["B"].get_children().get(title="Hemmelig kladde B")
    assert "Hemmelig kladde B" in browse(editor_client, draft)


def test_the_choosers_search_hides_another_areas_drafts(council_client, plans):
    html = search(council_client, "kladde")
    assert "Hemmelig kladde A" in html
    assert "Hemmelig kladde B" not in html
    assert "Offentlig bålhytte B" in search(council_client, "bålhytte")


def test_an_editor_chooses_every_page(editor_client, plans):
    assert "Hemmelig kladde B" in browse(editor_client, plans["B"])
    assert "Hemmelig kladde B" in search(editor_client, "kladde")


def test_a_council_gets_no_move_confirmation_for_another_areas_page(council_client, plans):
    draft_b = plans["B"].get_children().get(title="Hemmelig kladde B")
    url = reverse("wagtailadmin_pages:move_confirm", args=[draft_b.pk, plans["A"].pk])

    response = council_client.get(url)

    assert response.status_code in (302, 403)
    assert "Hemmelig kladde B" not in response.content.decode()


def test_an_editor_still_confirms_a_move(editor_client, plans):
    draft_b = plans["B"].get_children().get(title="Hemmelig kladde B")
    url = reverse("wagtailadmin_pages:move_confirm", args=[draft_b.pk, plans["A"].pk])

    response = editor_client.get(url)

    assert response.status_code == 200
    assert "Hemmelig kladde B" in response.content.decode()
