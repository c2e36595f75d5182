"""A project's tags on its page, each a search for its word."""

import re
from html import unescape

from django.urls import reverse
from django.utils import translation

import pytest

from plan_pages.models import ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def tag_links(html) -> dict:
    """{word: address} of the links in the page's tag paragraph."""
    paragraph = re.search(r'<p class="tags">(.*?)</p>', html, re.S)
    assert paragraph, "no tag paragraph"
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', paragraph.group(1))
    return {unescape(word): unescape(address) for address, word in links}


def tagged_project(parent, *tags, **fields):
    project = ProjectPageFactory(parent=parent, **fields)
    project.tags.add(*tags)
    project.save_revision().publish()
    return ProjectPage.objects.get(pk=project.pk)


def test_each_tag_links_to_the_search_for_its_word_and_finds_the_project(client, site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, slug="tybjerg")
    plan.save_revision().publish()
    project = tagged_project(plan, "løb", "børn & unge", title="Tybjergløbet")

    html = client.get(project.url).content.decode()

    assert "Søg på emneord:" in html
    links = tag_links(html)
    assert links == {
        "løb": f"{reverse('search')}?q=l%C3%B8b",
        "børn & unge": f"{reverse('search')}?q=b%C3%B8rn%20%26%20unge",
    }
    found = client.get(links["løb"]).content.decode()
    assert ">Tybjergløbet</a>" in found, "the tag's search does not find the project"


def test_an_english_project_links_to_the_english_search(client, site_root, locale_en):
    plan = LocalAreaPlanPageFactory(parent=site_root, slug="tybjerg")
    plan.save_revision().publish()
    danish = tagged_project(plan, "løb")
    english = danish.copy_for_translation(locale_en, copy_parents=True)
    english.tag_names = ["running"]  # a translation's words give its tags
    english.full_clean()
    english.save_revision().publish()

    html = client.get(english.url).content.decode()

    assert "Search by tag:" in html
    with translation.override("en"):
        assert tag_links(html) == {"running": f"{reverse('search')}?q=running"}


def test_a_project_without_tags_shows_no_tag_paragraph(client, site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, slug="tybjerg")
    project = ProjectPageFactory(parent=plan)
    project.save_revision().publish()

    html = client.get(project.url).content.decode()

    assert '<p class="tags">' not in html
