"""Translations: a project's keeps its goals and targets (kept by number), gets an English
slug from its English title, and the explorer offers to translate what has no English yet."""

from django.urls import reverse

from wagtail_localize.models import Translation, TranslationSource

import pytest

from core.localize import translate_from_twin
from plan_pages.models import ProjectGoal, ProjectPage
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    log_in_council_member,
    log_in_editor,
)


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


def english_twin(page, title, slug=None):
    """The page as an editor translates it in wagtail-localize: a new title, the slug as given
    (left as the source's when the editor does not translate it)."""
    twin = type(page).objects.get(pk=page.pk)
    twin.title = title
    twin.slug = slug or page.slug
    return twin


@pytest.fixture
def english_plan(project, locale_en):
    plan = project.get_parent().specific
    plan.get_parent().copy_for_translation(locale_en)
    return translate_from_twin(plan, english_twin(plan, "Glumsø and around"), locale_en)


@pytest.mark.django_db
def test_a_translation_gets_a_slug_from_its_own_title(project, english_plan, locale_en):
    english = translate_from_twin(project, english_twin(project, "The People's Forest"), locale_en)

    assert english_plan.slug == "glumsoe-and-around"
    assert english.slug == "the-peoples-forest"
    assert english.url.endswith("/glumsoe-and-around/the-peoples-forest/")
    project.refresh_from_db()
    assert project.slug == "folkeskoven"


@pytest.mark.django_db
def test_a_slug_the_editor_translated_is_kept(project, english_plan, locale_en):
    twin = english_twin(project, "The People's Forest", slug="community-forest")

    assert translate_from_twin(project, twin, locale_en).slug == "community-forest"


@pytest.mark.django_db
def test_a_slug_from_the_title_does_not_take_a_siblings_address(project, english_plan, locale_en):
    ProjectPageFactory(parent=english_plan, title="Another", slug="the-peoples-forest")

    english = translate_from_twin(project, english_twin(project, "The People's Forest"), locale_en)

    assert english.slug != "the-peoples-forest"
    assert english.slug.startswith("the-peoples-forest-")


@pytest.mark.django_db
def test_the_explorer_offers_translate_into_english_on_pages_without_it(
    project, locale_en, client, django_user_model
):
    log_in_editor(client, django_user_model)
    plan = project.get_parent()
    explorer = reverse("wagtailadmin_explore", args=[plan.pk])
    submit = reverse("wagtail_localize:submit_page_translation", args=[project.pk])

    before = client.get(explorer).content.decode()
    plan.get_parent().copy_for_translation(locale_en)
    translate_from_twin(plan.specific, english_twin(plan.specific, "Glumsø"), locale_en)
    translate_from_twin(project, english_twin(project, "The People's Forest"), locale_en)
    after = client.get(explorer).content.decode()

    assert "Oversæt til engelsk" in before
    assert f'href="{submit}"' in before
    assert f'href="{submit}"' not in after


@pytest.mark.django_db
def test_a_council_member_is_not_offered_a_translation(
    project, locale_en, client, django_user_model
):
    log_in_council_member(client, project.get_parent(), django_user_model)

    explorer = reverse("wagtailadmin_explore", args=[project.get_parent().pk])
    assert "Oversæt til engelsk" not in client.get(explorer).content.decode()


def header_button(html):
    """The "Translate into English" button in the page editor's header ('' if none)."""
    header = html.split('<header class="w-slim-header')[1].split("</header>")[0]
    if "data-translate-into-english" not in header:
        return ""
    return (
        header.split("data-translate-into-english")[0].rsplit("<a", 1)[1]
        + header.split("data-translate-into-english")[1].split("</a>")[0]
    )


@pytest.mark.django_db
def test_the_page_editor_header_offers_an_editor_to_translate_a_page_into_english(
    project, locale_en, client, django_user_model
):
    log_in_editor(client, django_user_model)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()

    button = header_button(html)
    assert "Oversæt til engelsk" in button
    assert reverse("wagtail_localize:submit_page_translation", args=[project.pk]) in button


@pytest.mark.django_db
def test_once_translated_the_header_button_opens_the_english_pages_translation_editor(
    project, english_plan, locale_en, client, django_user_model
):
    english = translate_from_twin(project, english_twin(project, "The People's Forest"), locale_en)
    log_in_editor(client, django_user_model)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    english_editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))

    button = header_button(html)
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[english.pk])}"' in button
    assert english_editor.status_code == 200
    assert "wagtail-localize" in english_editor.content.decode()  # its translation editor
    # The English page itself offers no translation into English.
    assert header_button(english_editor.content.decode()) == ""


@pytest.mark.django_db
def test_the_page_editor_header_offers_a_council_member_no_translation(
    project, locale_en, client, django_user_model
):
    log_in_council_member(client, project.get_parent(), django_user_model)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[project.pk]))

    assert response.status_code == 200
    assert header_button(response.content.decode()) == ""
    assert "Oversæt til engelsk" not in response.content.decode()


@pytest.fixture
def tagged(project):
    project.tags.add("skov", "natur")
    project.save_revision().publish()
    return ProjectPage.objects.get(pk=project.pk)


@pytest.mark.django_db
def test_each_tag_is_a_string_of_its_own_to_translate(tagged):
    from wagtail_localize.models import StringSegment

    source, _created = TranslationSource.get_or_create_from_instance(tagged)
    strings = StringSegment.objects.filter(
        source=source, context__path__startswith="tag_names."
    ).values_list("context__path", "string__data")

    assert sorted(strings) == [("tag_names.natur", "natur"), ("tag_names.skov", "skov")]


@pytest.mark.django_db
def test_the_english_page_gets_the_translated_tags_and_the_danish_keeps_its_own(
    tagged, english_plan, locale_en
):
    twin = english_twin(tagged, "The People's Forest")
    twin.tag_names = ["forest", "nature"]

    english = translate_from_twin(tagged, twin, locale_en)

    assert sorted(ProjectPage.objects.get(pk=english.pk).tags.names()) == ["forest", "nature"]
    assert sorted(ProjectPage.objects.get(pk=tagged.pk).tags.names()) == ["natur", "skov"]


@pytest.mark.django_db
def test_a_tag_added_in_danish_keeps_the_other_tags_translations(tagged, english_plan, locale_en):
    twin = english_twin(tagged, "The People's Forest")
    twin.tag_names = ["forest", "nature"]
    english = translate_from_twin(tagged, twin, locale_en)

    tagged.tags.add("fugle")
    tagged.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(tagged)
    source.update_from_db()
    # As the editor's "sync" does: what is not yet translated stays in Danish for now.
    Translation.objects.get(source=source, target_locale=locale_en).save_target(publish=True)

    tags = sorted(ProjectPage.objects.get(pk=english.pk).tags.names())
    assert tags == ["forest", "fugle", "nature"]  # the new word waits for its translation


@pytest.mark.django_db
def test_the_translation_editor_lists_each_tag_under_tags(
    tagged, english_plan, locale_en, client, django_user_model
):
    import html

    twin = english_twin(tagged, "The People's Forest")
    twin.tag_names = ["forest", "nature"]
    english = translate_from_twin(tagged, twin, locale_en)
    log_in_editor(client, django_user_model)

    editor = html.unescape(
        client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    )

    for word in ("skov", "natur"):
        assert f'"contentPath": "tag_names.{word}", "source": "{word}"' in editor


@pytest.mark.django_db
def test_tags_written_in_the_danish_editor_become_the_words_to_translate(
    project, client, django_user_model
):
    from plan_pages.tests.factories import edit_data

    log_in_editor(client, django_user_model)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[project.pk]),
        edit_data(project, tags="bålhytte, sø"),
    )

    draft = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert sorted(draft.tag_names) == ["bålhytte", "sø"]
