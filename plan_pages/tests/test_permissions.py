"""Who may do what, in which area: one explicit table, checked through the admin's own views.
wagtail-localize's actions have their own table in test_localize_permissions.py; the rules are
written down in docs/permissions.md."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

import pytest

from core.tests.database import built_once, make_site_root
from plan_pages.councils import EDITORS_GROUP
from plan_pages.models import LocalAreaPlanPage, ProjectPage
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    council_of,
    edit_data,
    png_file,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "council_a", "council_b", "editor"]
AREAS = ["A", "B"]

# Y: the role can do the action on the area's project (or its collection); -: it cannot.
#               anonymous  council_a  council_b  editor
#               A  B       A  B       A  B       A  B
MATRIX = """
view_draft      -  -       Y  -       -  Y       Y  Y
edit            -  -       Y  -       -  Y       Y  Y
publish         -  -       -  -       -  -       Y  Y
delete          -  -       -  -       -  -       Y  Y
delete_offline  -  -       -  -       -  -       Y  Y
move            -  -       -  -       -  -       Y  Y
submit          -  -       Y  -       -  Y       Y  Y
approve         -  -       -  -       -  -       Y  Y
upload_image    -  -       Y  -       -  Y       Y  Y
"""


def expected_table():
    table = {}
    for line in MATRIX.strip().splitlines():
        action, *cells = line.split()
        cells_by_role = zip(ROLES, zip(cells[::2], cells[1::2], strict=True), strict=True)
        for role, (in_a, in_b) in cells_by_role:
            table[(action, role, "A")] = in_a == "Y"
            table[(action, role, "B")] = in_b == "Y"
    return table


EXPECTED = expected_table()


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Two areas, each with a project, and a user per role: built once for the 72 tests here,
    which each run in their own savepoint (core.tests.database)."""
    with built_once(django_db_blocker):
        root = make_site_root()
        plans = {
            "A": LocalAreaPlanPageFactory(parent=root, title="Glumsø og Omegn"),
            "B": LocalAreaPlanPageFactory(parent=root, title="Tybjerg og Omegn"),
        }
        for plan in plans.values():
            plan.save_revision().publish()
            project = ProjectPageFactory(parent=plan, title=f"Legeplads i {plan.title}")
            project.save_revision().publish()

        def member(username, group):
            user = get_user_model().objects.create_user(username, f"{username}@example.dk", "pw")
            user.groups.add(group)
            return user

        users = {
            "council_a": member("council-a", council_of(plans["A"]).group),
            "council_b": member("council-b", council_of(plans["B"]).group),
            "editor": member("editor", Group.objects.get(name=EDITORS_GROUP)),
        }
        yield {
            "areas": {area: plan.pk for area, plan in plans.items()},
            "users": {role: user.pk for role, user in users.items()},
        }


@pytest.fixture
def areas(shared, db):
    return {area: LocalAreaPlanPage.objects.get(pk=pk) for area, pk in shared["areas"].items()}


def project_in(plans, area):
    return ProjectPage.objects.child_of(plans[area]).get()


@pytest.fixture
def users(shared, db, django_user_model):
    return {role: django_user_model.objects.get(pk=pk) for role, pk in shared["users"].items()}


def attempt(action, client, plans, area, users):
    """Try the action through the admin; report whether it took effect."""
    project = project_in(plans, area)
    edit_url = reverse("wagtailadmin_pages:edit", args=[project.pk])
    if action == "view_draft":
        return client.get(edit_url).status_code == 200
    if action == "edit":
        client.post(edit_url, edit_data(project, title="Ny titel"))
        return ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object().title == (
            "Ny titel"
        )
    if action == "publish":
        client.post(edit_url, edit_data(project, title="Udgivet titel", **{"action-publish": "1"}))
        return ProjectPage.objects.get(pk=project.pk).title == "Udgivet titel"
    if action == "submit":
        client.post(edit_url, edit_data(project, **{"action-submit": "1"}))
        return WorkflowState.objects.active().filter(object_id=str(project.pk)).exists()
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[project.pk]))
        return not Page.objects.filter(pk=project.pk).exists()
    if action == "delete_offline":  # once an editor has unpublished it (issue #15, finding 2)
        ProjectPage.objects.get(pk=project.pk).unpublish()
        client.post(reverse("wagtailadmin_pages:delete", args=[project.pk]))
        return not Page.objects.filter(pk=project.pk).exists()
    if action == "move":
        other = plans["B" if area == "A" else "A"]
        client.post(reverse("wagtailadmin_pages:move_confirm", args=[project.pk, other.pk]))
        return Page.objects.get(pk=project.pk).get_parent().pk == other.pk
    if action == "approve":
        member = users["council_a" if area == "A" else "council_b"]
        state = project.get_workflow().start(project, member)
        task_state = state.current_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[project.pk, "approve", task_state.pk]
        )
        client.post(url, {"comment": ""})
        task_state.refresh_from_db()
        return task_state.status == "approved"
    if action == "upload_image":
        collection = council_of(plans[area]).collection
        data = {"title": "Legepladsen", "file": png_file(), "collection": collection.pk}
        client.post(reverse("wagtailimages:add"), data)
        return get_image_model().objects.filter(collection=collection).exists()
    raise AssertionError(action)


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted({key[0] for key in EXPECTED}))
def test_permission_matrix(client, areas, users, action, role, area):
    if role != "anonymous":
        client.force_login(users[role])
    assert attempt(action, client, areas, area, users) is EXPECTED[(action, role, area)]
