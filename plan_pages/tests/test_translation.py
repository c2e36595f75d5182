"""Goals are kept by number, so a project's translation keeps its goals and targets."""

from wagtail_localize.models import Translation, TranslationSource

import pytest

from plan_pages.models import ProjectGoal, ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory


@pytest.fixture
def project(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    project = ProjectPageFactory(parent=plan, title="Folkeskoven", goals=[15, 13])
    project.targets = ["15.2"]
    project.save_revision().publish()
    return project


@pytest.mark.django_db
def test_goal_tags_survive_a_copy_to_another_locale(project, locale_en):
    english = project.copy_for_translation(locale_en, copy_parents=True)

    assert english.locale == locale_en
    assert sorted(english.goal_numbers) == [13, 15]
    assert english.targets == ["15.2"]
    assert english.plan.locale == locale_en


@pytest.mark.django_db
def test_a_synchronised_translation_follows_goal_changes_of_the_source(project, locale_en):
    source, _created = TranslationSource.get_or_create_from_instance(project)
    translation = Translation.objects.create(source=source, target_locale=locale_en)
    translation.save_target(publish=True)
    english = ProjectPage.objects.get(locale=locale_en)
    assert sorted(english.goal_numbers) == [13, 15]

    project.goal_tags = [ProjectGoal(goal=7)]
    project.save_revision().publish()
    source.update_from_db()
    translation.save_target(publish=True)

    english.refresh_from_db()
    assert english.goal_numbers == [7]
