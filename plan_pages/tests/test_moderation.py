"""A council drafts and submits; the municipality sends back or approves; everything is logged."""

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, PageLogEntry
from wagtail.users.models import UserProfile

import pytest

from plan_pages.councils import EDITORS_GROUP
from plan_pages.models import LocalCouncil, ProjectPage
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    council_of,
    edit_data,
    png_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(site_root):
    plans = {}
    for key, title in (("A", "Glumsø og Omegn"), ("B", "Tybjerg og Omegn")):
        plan = LocalAreaPlanPageFactory(parent=site_root, title=title)
        plan.save_revision().publish()
        ProjectPageFactory(parent=plan, title=f"Legeplads i {title}").save_revision().publish()
        plans[key] = plan
    return plans


@pytest.fixture
def member(plans, django_user_model):
    user = django_user_model.objects.create_user("karen", "karen@example.dk", "pw")
    user.groups.add(council_of(plans["A"]).group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redaktoer", "redaktoer@example.dk", "pw")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "da"
    profile.save()
    return user


def test_council_edits_editor_sends_back_council_resubmits_editor_approves(
    client, plans, member, editor
):
    project = ProjectPage.objects.child_of(plans["A"]).get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[project.pk])

    client.force_login(member)
    client.post(edit_url, edit_data(project, summary="Første udkast.", **{"action-submit": "1"}))
    state = project.current_workflow_state
    assert state.status == "in_progress"
    # The municipality is told, in the editor's language (Danish).
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert mail.outbox[0].subject == 'Til godkendelse: "Legeplads i Glumsø og Omegn"'

    client.force_login(editor)
    reject = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[project.pk, "reject", state.current_task_state.pk],
    )
    client.post(reject, {"comment": "Skriv gerne, hvornår legepladsen åbner."})
    state.refresh_from_db()
    assert state.status == "needs_changes"
    # The council member reads the admin in English, and so gets the mail in English.
    assert mail.outbox[-1].to == [member.email]
    assert mail.outbox[-1].subject == 'Sent back for changes: "Legeplads i Glumsø og Omegn"'
    assert "Skriv gerne, hvornår legepladsen åbner." in mail.outbox[-1].body

    client.force_login(member)
    response = client.get(edit_url)
    assert "Skriv gerne, hvornår legepladsen åbner." in response.content.decode()
    project.refresh_from_db()
    client.post(
        edit_url,
        edit_data(project, summary="Legepladsen åbner i maj.", **{"action-submit": "1"}),
    )
    state = ProjectPage.objects.get(pk=project.pk).current_workflow_state
    assert state.status == "in_progress"
    assert ProjectPage.objects.get(pk=project.pk).summary != "Legepladsen åbner i maj."

    client.force_login(editor)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[project.pk, "approve", state.current_task_state.pk],
    )
    client.post(approve, {"comment": ""})

    live = ProjectPage.objects.get(pk=project.pk)
    assert live.live and live.summary == "Legepladsen åbner i maj."
    assert client.get(live.url).status_code == 200
    actions = list(
        PageLogEntry.objects.filter(page=project)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    for step in (
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.approve",
        "wagtail.publish",
    ):
        assert step in actions, (step, actions)


def test_a_council_member_cannot_reach_another_areas_pages_or_media(client, plans, member):
    other_plan = plans["B"]
    other_project = ProjectPage.objects.child_of(other_plan).get()
    other_collection = council_of(other_plan).collection
    image = get_image_model().objects.create(
        title="Foto", file=png_file(), collection=other_collection
    )
    document = get_document_model().objects.create(
        title="Referat", file=png_file(), collection=other_collection
    )
    client.force_login(member)

    urls = [
        reverse("wagtailadmin_pages:edit", args=[other_project.pk]),
        reverse("wagtailadmin_pages:edit", args=[other_plan.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[other_project.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[other_project.pk]),
        reverse("wagtailadmin_pages:add", args=("plan_pages", "projectpage", other_plan.pk)),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtaildocs:edit", args=[document.pk]),
    ]
    for url in urls:
        response = client.get(url, follow=True)
        html = response.content.decode()
        # Wagtail's admin answers a denied request with a redirect to the dashboard and its
        # "no permission" message; nothing of the other area is shown either way.
        denied = response.redirect_chain == [("/admin/", 302)] and "du har ikke rettigheder" in html
        assert denied or response.status_code in (403, 404), url
        assert other_project.title not in html and "Referat" not in html, url

    listing = client.get(reverse("wagtailimages:index")).content.decode()
    assert "Foto" not in listing
    assert (
        other_project.title not in client.get(reverse("wagtailadmin_explore_root")).content.decode()
    )


def test_each_plan_gets_a_council_that_follows_renames_and_deletion(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Fensmark")
    council = LocalCouncil.objects.get(plan_key=plan.translation_key)
    assert council.group.name == "Lokalråd: Fensmark"
    assert council.collection.name == "Lokalråd: Fensmark"
    assert council.group.page_permissions.filter(page=plan).count() == 3
    assert not council.group.page_permissions.filter(permission__codename="publish_page").exists()

    plan.title = "Fensmark og Holme-Olstrup"
    plan.save_revision().publish()
    council.refresh_from_db()
    council.group.refresh_from_db()
    assert council.group.name == "Lokalråd: Fensmark og Holme-Olstrup"
    assert Collection.objects.get(pk=council.collection_id).name == council.group.name

    image = get_image_model().objects.create(
        title="Byskilt", file=png_file(), collection=council.collection
    )
    plan.delete()
    assert not LocalCouncil.objects.exists()
    assert not Group.objects.filter(name__startswith="Lokalråd: Fensmark").exists()
    assert Collection.objects.get(pk=image.collection_id).name == "Arkiv: Fensmark og Holme-Olstrup"


def test_the_english_translation_belongs_to_the_same_council(site_root, locale_en):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Fensmark")
    english = plan.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Fensmark area"
    english.save()

    assert LocalCouncil.objects.count() == 1
    council = LocalCouncil.objects.get()
    assert council.group.name == "Lokalråd: Fensmark"
    assert set(council.group.page_permissions.values_list("page_id", flat=True)) == {
        plan.pk,
        english.pk,
    }
    assert english.get_workflow().name == "Lokalråd → kommunal godkendelse"


def test_scheduled_publishing_with_the_documented_command(plans):
    project = ProjectPage.objects.child_of(plans["A"]).get()
    project.title = "Legepladsen er åben"
    revision = project.save_revision()
    revision.approved_go_live_at = timezone.now() - timezone.timedelta(minutes=1)
    revision.save()

    call_command("publish_scheduled")

    assert ProjectPage.objects.get(pk=project.pk).title == "Legepladsen er åben"


def submitted(project, member):
    project.save_revision(user=member)
    return project.get_workflow().start(project, member)


def messages_of(response):
    from django.contrib.messages import get_messages

    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_the_editor_is_told_in_danish_that_an_approval_published_the_page(
    client, plans, member, editor
):
    member.first_name, member.last_name = "Karen", "Holm"
    member.save()
    project = ProjectPage.objects.child_of(plans["A"]).get()
    state = submitted(project, member)
    client.force_login(editor)

    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[project.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(approve, {"comment": ""})

    assert messages_of(response) == ["“Legeplads i Glumsø og Omegn” er godkendt og udgivet."]


def test_the_editor_is_told_to_whom_a_page_went_back_for_changes(client, plans, member, editor):
    member.first_name, member.last_name = "Karen", "Holm"
    member.save()
    project = ProjectPage.objects.child_of(plans["A"]).get()
    state = submitted(project, member)
    client.force_login(editor)

    reject = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[project.pk, "reject", state.current_task_state.pk],
    )
    response = client.post(reject, {"comment": "Skriv hvem der betaler."})

    assert messages_of(response) == [
        "“Legeplads i Glumsø og Omegn” er sendt tilbage til Karen Holm med din kommentar, "
        "så siden kan blive rettet."
    ]


def test_approving_from_the_page_editor_confirms_the_approval_too(client, plans, member, editor):
    project = ProjectPage.objects.child_of(plans["A"]).get()
    submitted(project, member)
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[project.pk]),
        edit_data(project, **{"action-workflow-action": "true", "workflow-action-name": "approve"}),
    )

    assert "“Legeplads i Glumsø og Omegn” er godkendt og udgivet." in messages_of(response)
    assert ProjectPage.objects.get(pk=project.pk).live


def test_an_approval_outside_a_request_sends_no_message(plans, member, editor):
    project = ProjectPage.objects.child_of(plans["A"]).get()
    state = submitted(project, member)

    state.current_task_state.approve(user=editor)  # a command, a task: nobody to tell

    assert ProjectPage.objects.get(pk=project.pk).current_workflow_state is None
