"""Editors add projects through the admin: the goal rules hold there."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
from bs4 import BeautifulSoup

from plan_pages.models import LocalAreaPlanPage, PlanKind, ProjectPage, VillageGoal
from plan_pages.tests.factories import LocalAreaPlanPageFactory, edit_data


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
    data["goals"] = list(goals)
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
    message = (
        "Delmål 7.2 hører ikke til nogen af projektets verdensmål: sæt kryds ved dets verdensmål"
    )
    assert message in response.content.decode()
    assert not ProjectPage.objects.exists()


@pytest.mark.django_db
def test_a_goal_posted_twice_is_stored_once(editor_client, plan):
    response = add_project(editor_client, plan, project_form(goals=[15, 15]))

    assert response.status_code == 302
    assert ProjectPage.objects.get().goal_numbers == [15]


@pytest.mark.django_db
def test_an_unknown_target_code_is_rejected(editor_client, plan):
    response = add_project(editor_client, plan, project_form(goals=[15], targets=["15.99"]))

    assert response.status_code == 200
    assert not ProjectPage.objects.exists()


def ticked(html, name):
    """The values of the ticked checkboxes called `name` in an editor's HTML."""
    soup = BeautifulSoup(html, "html.parser")
    return [box["value"] for box in soup.select(f'input[type=checkbox][name="{name}"][checked]')]


@pytest.mark.django_db
def test_ticked_goals_and_targets_are_saved_and_shown_ticked_again(editor_client, plan):
    data = project_form(goals=[3, 11, 15], targets=["3.4", "11.7", "15.1"])
    add_project(editor_client, plan, data)
    project = ProjectPage.objects.get()

    assert project.goal_numbers == [3, 11, 15]
    # Stored in number order too, so a reader of the rows in their own order (the API, the
    # translation's copy) never depends on the order the database happens to return.
    assert [(row.sort_order, row.goal) for row in project.goal_tags.all()] == [
        (0, 3),
        (1, 11),
        (2, 15),
    ]
    assert project.targets == ["3.4", "11.7", "15.1"]
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(project.pk,))).content
    assert ticked(html, "goals") == ["3", "11", "15"]
    assert ticked(html, "targets") == ["3.4", "11.7", "15.1"]


@pytest.mark.django_db
def test_unticking_a_goal_removes_it_and_keeps_the_other_goals_rows(editor_client, plan):
    add_project(editor_client, plan, project_form(goals=[3, 11], targets=["11.7"]))
    project = ProjectPage.objects.get()
    row_of_11 = project.goal_tags.get(goal=11).pk
    edit_url = reverse("wagtailadmin_pages:edit", args=(project.pk,))

    data = edit_data(project, goals=[11], targets=["11.7"], **{"action-publish": "1"})
    assert editor_client.post(edit_url, data).status_code == 302

    project.refresh_from_db()
    assert project.goal_numbers == [11]
    assert project.goal_tags.get().pk == row_of_11
    assert ticked(editor_client.get(edit_url).content, "goals") == ["11"]


@pytest.mark.django_db
def test_the_editor_shows_targets_grouped_under_their_goal_with_a_legend(editor_client, plan):
    url = reverse("wagtailadmin_pages:add", args=("plan_pages", "projectpage", plan.pk))
    soup = BeautifulSoup(editor_client.get(url).content, "html.parser")

    groups = soup.select("[data-sdg-targets] fieldset[data-goal]")
    assert len(groups) == 17
    seven = soup.select_one('[data-sdg-targets] fieldset[data-goal="7"]')
    assert seven.legend.get_text(strip=True) == "7. Bæredygtig energi"
    assert {box["value"] for box in seven.select("input")} == {"7.1", "7.2", "7.3", "7.a", "7.b"}
    # Every group shows until the script hides those of unticked goals.
    assert not any(group.has_attr("hidden") for group in groups)
    tiles = soup.select("[data-sdg-goals] label input[name=goals]")
    assert [box["value"] for box in tiles] == [str(number) for number in range(1, 18)]


@pytest.mark.django_db
def test_village_goals_are_hidden_on_a_lup_plan(editor_client, plan):
    url = reverse("wagtailadmin_pages:add", args=("plan_pages", "projectpage", plan.pk))

    assert 'name="village_goals"' not in editor_client.get(url).content.decode()


@pytest.mark.django_db
def test_village_goals_are_ticked_on_a_blup_plan_and_saved(editor_client, site_root):
    blup = LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg", plan_kind=PlanKind.BLUP)
    blup.village_goals = [VillageGoal(number=1, title="Et levende landsbyliv", goals=[11])]
    blup.save()
    url = reverse("wagtailadmin_pages:add", args=("plan_pages", "projectpage", blup.pk))
    assert ticked(editor_client.get(url).content, "village_goals") == []

    data = project_form(goals=[11])
    data["village_goals"] = ["1"]
    assert add_project(editor_client, blup, data).status_code == 302

    project = ProjectPage.objects.get()
    assert project.village_goals == [1]
    edit = reverse("wagtailadmin_pages:edit", args=(project.pk,))
    assert ticked(editor_client.get(edit).content, "village_goals") == ["1"]


def fields_without_help(page_class, parent, user, rf):
    """The fields shown in `page_class`'s editor (inline rows included) that have no help text."""
    from wagtail.admin.panels import FieldPanel

    edit_handler = page_class.get_edit_handler()
    request = rf.get("/")
    request.user = user
    instance = page_class()
    form = edit_handler.get_form_class()(instance=instance, for_user=user, parent_page=parent)
    missing = []

    def walk(bound):
        for child in bound.children if hasattr(bound, "children") else []:
            if not child.is_shown():
                continue
            if isinstance(child.panel, FieldPanel) and not str(child.help_text or ""):
                missing.append(child.field_name)
            walk(child)

    walk(edit_handler.get_bound_panel(instance=instance, request=request, form=form))
    return missing


@pytest.mark.django_db
@pytest.mark.parametrize("page_class", [ProjectPage, LocalAreaPlanPage])
def test_every_field_a_council_fills_has_help_text(page_class, plan, rf, django_user_model):
    user = django_user_model.objects.create_superuser("hjaelp", "h@example.dk", "pw")
    parent = plan if page_class is ProjectPage else plan.get_parent()

    # Wagtail's scheduled publishing (its own dialog, used by editors) is left as it is.
    missing = fields_without_help(page_class, parent, user, rf)
    assert [name for name in missing if name not in {"go_live_at", "expire_at"}] == []
