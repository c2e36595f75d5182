"""Danish and English: every page in both, linked to each other, and kept in step."""

import re

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.models import HomePage
from plan_pages.models import LocalAreaPlanPage, ProjectPage
from plan_pages.tests.factories import ProjectPageFactory
from sdg.goals import goals, targets
from sdg.models import SDGGoalPage
from tests.page_types import page_type_id, page_types

pytestmark = pytest.mark.django_db


def first_live(model, language):
    return model.objects.live().filter(locale__language_code=language).first()


def demo_page(model, language):
    """The demo's first live page of the type in the language; the test fails without one."""
    page = first_live(model, language)
    assert page is not None, f"the demo has no live {model.__name__} in {language!r}"
    return page


@pytest.mark.parametrize("model", page_types(), ids=page_type_id)
@pytest.mark.parametrize(("language", "other"), [("da", "en"), ("en", "da")])
def test_every_page_type_renders_in_both_languages(demo_site, client, model, language, other):
    page = demo_page(model, language)
    counterpart = page.get_translation(Locale.objects.get(language_code=other))
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()

    assert f'<html lang="{language}">' in html
    assert f'hreflang="{language}" href="http://testserver{page.url}"' in html
    assert f'hreflang="{other}" href="http://testserver{counterpart.url}"' in html
    danish_url = page.url if language == "da" else counterpart.url
    assert f'hreflang="x-default" href="http://testserver{danish_url}"' in html
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert f'href="{counterpart.url}" hreflang="{other}"' in switcher


def test_english_pages_show_no_danish_template_strings(demo_site, client):
    html = client.get(first_live(ProjectPage, "en").url).content.decode()
    for danish in ("Gå til hovedindhold", "Verdensmål", "Delmål", "Sidst opdateret", "Kontakt"):
        assert danish not in html
    assert "Skip to main content" in html


def test_danish_pages_show_no_english_template_strings(demo_site, client):
    html = client.get(first_live(ProjectPage, "da").url).content.decode()
    assert "Gå til hovedindhold" in html
    for english in ("Skip to main content", "UN goals", "Last updated", "Take part"):
        assert english not in html


def test_an_english_project_links_only_to_english_goal_pages(demo_site, client):
    project = first_live(ProjectPage, "en")
    html = client.get(project.url).content.decode()
    linked = set(re.findall(r'href="([^"]+)"', html))
    goal_pages = SDGGoalPage.objects.live()

    english = {page.url for page in goal_pages.filter(locale__language_code="en")}
    danish = {page.url for page in goal_pages.filter(locale__language_code="da")}
    assert linked & english == {
        page.url
        for page in goal_pages.filter(locale=project.locale, number__in=project.goal_numbers)
    }
    assert not linked & danish
    for number in project.goal_numbers:
        assert goals()[number].short_title["en"] in html
        assert goals()[number].short_title["da"] not in html


def test_an_english_goal_page_has_english_targets_and_english_projects(demo_site, client):
    goal_page = SDGGoalPage.objects.get(locale__language_code="en", number=11)
    html = client.get(goal_page.url).content.decode()

    assert targets()["11.1"].title["en"] in html
    assert targets()["11.1"].title["da"] not in html
    english_projects = ProjectPage.objects.live().filter(
        locale__language_code="en", goal_tags__goal=11
    )
    danish_projects = ProjectPage.objects.live().filter(
        locale__language_code="da", goal_tags__goal=11
    )
    assert english_projects.exists()
    for project in english_projects:
        assert project.url in html
    for project in danish_projects:
        assert project.url not in html


def test_goal_counts_are_per_language(demo_site, client):
    ProjectPageFactory(
        parent=first_live(LocalAreaPlanPage, "da"), goals=[14]
    ).save_revision().publish()
    danish = ProjectPage.objects.live().filter(locale__language_code="da", goal_tags__goal=14)
    english = ProjectPage.objects.live().filter(locale__language_code="en", goal_tags__goal=14)
    assert danish.count() == english.count() + 1

    for language, expected in (("da", danish.count()), ("en", english.count())):
        response = client.get(first_live(HomePage, language).url)
        counts = {goal.number: count for goal, count in response.context["goal_counts"]}
        assert counts[14] == expected, language


def test_syncing_a_translation_keeps_its_text_and_takes_the_sources_facts(demo_site):
    danish = first_live(ProjectPage, "da")
    english = danish.get_translation(Locale.objects.get(language_code="en"))
    english_title = english.title

    danish.status = "completed"
    danish.targets = []
    from plan_pages.models import ProjectGoal

    danish.goal_tags = [ProjectGoal(goal=17)]
    danish.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(danish)
    source.update_from_db()
    Translation.objects.get(source=source, target_locale=english.locale).save_target(publish=True)

    english.refresh_from_db()
    assert english.status == "completed"
    assert english.goal_numbers == [17]
    assert english.title == english_title


def test_a_page_without_translation_offers_the_other_front_page_with_a_note(demo_site, client):
    plan = first_live(LocalAreaPlanPage, "da")
    project = ProjectPageFactory(parent=plan, title="Kun på dansk")
    project.save_revision().publish()

    html = client.get(project.url).content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]

    english_home = first_live(HomePage, "en")
    assert f'href="{english_home.url}"' in switcher
    assert f'href="{english_home.url}" hreflang="en" lang="en">English (front page)</a>' in switcher
    assert 'hreflang="en"' not in html.split("</head>")[0]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("da-DK,da;q=0.9", "/da/"),
        ("fr-FR,fr;q=0.9", "/da/"),
        ("", "/da/"),
    ],
)
def test_the_root_sends_visitors_to_their_language(demo_site, client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_english_slugs_are_english(demo_site):
    english = ProjectPage.objects.filter(locale__language_code="en")
    danish_slugs = set(
        ProjectPage.objects.filter(locale__language_code="da").values_list("slug", flat=True)
    )
    assert english.exists()
    assert not danish_slugs & set(english.values_list("slug", flat=True))


def test_danish_dates_are_written_the_danish_way(demo_site, client):
    project = (
        ProjectPage.objects.live()
        .filter(locale__language_code="da")
        .exclude(start_date=None)
        .first()
    )
    html = client.get(project.url).content.decode()
    danish_months = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ]
    start = project.start_date
    expected = f"{start.day}. {danish_months[start.month - 1]} {start.year}"
    assert expected in html


def test_editors_translate_every_page_type_and_the_contact_details(demo_site, admin_client):
    from django.urls import reverse

    from core.models import ContactDetails

    english_contact = ContactDetails.objects.get(locale__language_code="en")
    page_urls = [
        reverse("wagtailadmin_pages:edit", args=[demo_page(model, "en").pk])
        for model in page_types()
    ]
    snippet_url = reverse("wagtailsnippets_core_contactdetails:edit", args=[english_contact.pk])
    edit_urls = [*page_urls, snippet_url]
    for url in edit_urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        template_names = [template.name for template in response.templates]
        assert "wagtail_localize/admin/edit_translation.html" in template_names, url


def test_editors_can_update_a_translation_after_the_source_changed(demo_site, admin_client):
    from django.urls import reverse

    danish = first_live(LocalAreaPlanPage, "da")
    source = TranslationSource.objects.get_for_instance(danish)
    response = admin_client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))

    assert response.status_code == 200
    assert danish.title in response.content.decode()


def tags_on(client, page):
    html = client.get(page.url).content.decode()
    tags = html.split('<p class="tags">')[1].split("</p>")[0]
    return re.findall(r"<a [^>]*>([^<]*)</a>", tags)


def test_each_language_version_of_a_project_shows_its_own_tags(demo_site, client):
    """Tags are translated word by word (wagtail-localize), not copied from the Danish page."""
    danish = ProjectPage.objects.live().get(slug="folkeskov-ved-tappernoeje")
    english = danish.get_translation(Locale.objects.get(language_code="en"))

    assert tags_on(client, danish) == ["skov", "natur", "frivillige"]
    assert sorted(tags_on(client, english)) == ["forest", "nature", "volunteers"]


@pytest.mark.parametrize(("language", "word"), [("da", "frivillige"), ("en", "volunteers")])
def test_the_search_finds_a_project_by_a_tag_in_its_own_language(demo_site, client, language, word):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        search_url = reverse("search")
    project = ProjectPage.objects.live().get(
        locale__language_code=language,
        translation_key=ProjectPage.objects.get(slug="folkeskov-ved-tappernoeje").translation_key,
    )

    html = client.get(search_url, {"q": word}).content.decode()

    assert project.title.replace("'", "&#x27;") in html
