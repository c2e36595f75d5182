from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from home.models import FeaturedProject
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def edit_home(client, home, project):
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": home.intro,
            "about_lup": rich_text(home.about_lup),
            "about_blup": rich_text(home.about_blup),
            "featured_projects": inline_formset([{"project": project.pk}]),
            "comments": inline_formset([]),
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)


def test_a_featured_project_must_be_in_the_pages_language(admin_client, home_page, locale_en):
    project = ProjectPageFactory(parent=LocalAreaPlanPageFactory(parent=home_page))
    english = project.copy_for_translation(locale_en, copy_parents=True)

    response = edit_home(admin_client, home_page, english)

    assert response.status_code == 200
    assert "Vælg et projekt på samme sprog som denne side" in response.content.decode()
    assert not FeaturedProject.objects.exists()


def test_the_english_overview_features_the_english_versions(client, home_page, locale_en):
    project = ProjectPageFactory(parent=LocalAreaPlanPageFactory(parent=home_page))
    project.save_revision().publish()
    FeaturedProject.objects.create(page=home_page, project=project)
    english_project = project.copy_for_translation(locale_en, copy_parents=True)
    english_project.save_revision().publish()
    english_home = home_page.get_translation(locale_en)

    featured = list(english_home.featured_in_own_language())

    assert featured == [english_project]
    assert [p.pk for p in home_page.featured_in_own_language()] == [project.pk]
