"""Issue #15, finding 2 (the councils' part): a council deletes only pages nobody outside the
admin has seen (never published), through the page's delete view and the bulk delete alike."""

from django.urls import reverse

from wagtail.models import Page

import pytest

from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    log_in_council_member,
    log_in_editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    plan.save_revision().publish()
    return plan


@pytest.fixture
def council_client(client, plan, django_user_model):
    return log_in_council_member(client, plan, django_user_model)


@pytest.fixture
def editor_client(client, django_user_model):
    return log_in_editor(client, django_user_model)


@pytest.fixture
def unpublished(plan):
    """A project residents have seen, then unpublished by an editor."""
    project = ProjectPageFactory(parent=plan, title="Badebro")
    project.save_revision().publish()
    project.unpublish()
    return project


def delete_page(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def bulk_delete(client, *pages):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}&next=/admin/")


def exists(page):
    return Page.objects.filter(pk=page.pk).exists()


def test_a_council_cannot_delete_a_page_that_was_published(council_client, unpublished):
    delete_page(council_client, unpublished)

    assert exists(unpublished)


def test_a_council_cannot_bulk_delete_a_page_that_was_published(council_client, unpublished):
    bulk_delete(council_client, unpublished)

    assert exists(unpublished)


def test_a_council_is_not_offered_the_delete_of_a_page_that_was_published(
    council_client, unpublished
):
    url = reverse("wagtailadmin_pages:delete", args=[unpublished.pk])
    assert council_client.get(url).status_code in (302, 403)
    edit = council_client.get(reverse("wagtailadmin_pages:edit", args=[unpublished.pk]))
    assert url not in edit.content.decode()


def test_a_council_deletes_its_own_draft_that_was_never_published(council_client, plan):
    draft = ProjectPageFactory(parent=plan, title="Skitse", live=False)

    delete_page(council_client, draft)

    assert not exists(draft)


def test_an_editor_deletes_an_unpublished_page(editor_client, unpublished):
    delete_page(editor_client, unpublished)

    assert not exists(unpublished)
