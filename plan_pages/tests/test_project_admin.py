"""Editors add projects through the admin: the goal rules hold there."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from plan_pages.models import ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory


@pytest.fixture
def plan(site_root):
    return LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "pw")
    client.force_login(user)
    return client


def project_form(goals, targets=(), title="Fugleskjul ved søen"):
    data = nested_form_data(
        {
            "title": title,
            "slug": "fugleskjul-ved-soeen",
            "summary": "Et fugleskjul og en badebro ved Glumsø Sø.",
            "status": "planned",
            "goal_tags": inline_formset([{"goal": goal} for goal in goals]),
            "body": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
        }
    )
    # Inline lists other apps add to the editor are posted empty.
    for name in ProjectPage.get_edit_handler().get_form_class().formsets:
        if f"{name}-TOTAL_FORMS" not in data:
            data.update(nested_form_data({name: inline_formset([])}))
    # A multiple choice field posts the same name once per choice.
    data["targets"] = list(targets)
    return data


def add_project(client, plan, data):
    url = reverse("wagtailadmin_pages:add", args=("plan_pages", "projectpage", plan.pk))
    return client.post(url, data)


@pytest.mark.django_db
def test_a_project_without_a_goal_is_rejected_with_a_reason(editor_client, plan):
    response = add_project(editor_client, plan, project_form(goals=[]))

    assert response.status_code == 200
    # Editors use the admin in Danish.
    assert "Et projekt skal arbejde med mindst ét verdensmål" in response.content.decode()
    assert not ProjectPage.objects.exists()


@pytest.mark.django_db
def test_a_project_with_a_goal_is_saved_with_it(editor_client, plan):
    response = add_project(editor_client, plan, project_form(goals=[15, 6], targets=["15.1"]))

    assert response.status_code == 302
    project = ProjectPage.objects.get()
    assert sorted(project.goal_numbers) == [6, 15]
    assert project.targets == ["15.1"]
    assert project.plan_id == plan.pk


@pytest.mark.django_db
def test_targets_must_belong_to_the_chosen_goals(editor_client, plan):
    response = add_project(editor_client, plan, project_form(goals=[15], targets=["7.2"]))

    assert response.status_code == 200
    assert "Delmål 7.2 hører ikke til nogen af projektets verdensmål" in response.content.decode()
    assert not ProjectPage.objects.exists()


@pytest.mark.django_db
def test_the_same_goal_twice_is_rejected(editor_client, plan):
    response = add_project(editor_client, plan, project_form(goals=[15, 15]))

    assert response.status_code == 200
    assert "Verdensmål 15 er valgt to gange" in response.content.decode()
    assert not ProjectPage.objects.exists()


@pytest.mark.django_db
def test_an_unknown_target_code_is_rejected(editor_client, plan):
    response = add_project(editor_client, plan, project_form(goals=[15], targets=["15.99"]))

    assert response.status_code == 200
    assert not ProjectPage.objects.exists()
