"""Goal tags and target links: each goal page's address once per request, however many tags
and targets on the page link to it."""

from django.template import Context, Template
from django.test import RequestFactory

import pytest
from bs4 import BeautifulSoup

from sdg.models import SDGGoalPage
from sdg.pages import ensure_goal_pages

pytestmark = pytest.mark.django_db

CARDS = Template(
    "{% load sdg_tags %}{% for numbers in cards %}{% sdg_goal_tags numbers %}{% endfor %}"
    "{% sdg_targets codes %}"
)


def test_each_goal_pages_address_is_worked_out_once_per_request(site_root, monkeypatch):
    ensure_goal_pages(site_root)
    asked = []
    get_url = SDGGoalPage.get_url
    monkeypatch.setattr(
        SDGGoalPage,
        "get_url",
        lambda page, *args, **kwargs: asked.append(page.number) or get_url(page, *args, **kwargs),
    )
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    cards = [[7, 13], [13, 15], [7], [15, 13]]
    html = CARDS.render(Context({"request": request, "cards": cards, "codes": ["13.1", "7.2"]}))

    assert sorted(asked) == [7, 13, 15]
    soup = BeautifulSoup(html, "html.parser")
    links = {link.get_text(" ", strip=True): link["href"] for link in soup.select(".sdg-tag a")}
    for number in (7, 13, 15):
        page = SDGGoalPage.objects.get(number=number)
        assert links[f"{number} {page.short_title}"] == page.url
    targets = [link["href"] for link in soup.select(".sdg-target-list a")]
    assert targets == [
        SDGGoalPage.objects.get(number=13).url + "#target-13.1",
        SDGGoalPage.objects.get(number=7).url + "#target-7.2",
    ]


def test_a_goal_without_a_live_page_is_tagged_without_a_link(site_root):
    ensure_goal_pages(site_root)
    SDGGoalPage.objects.get(number=7).unpublish()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    html = CARDS.render(Context({"request": request, "cards": [[7, 13]], "codes": ["7.2"]}))

    soup = BeautifulSoup(html, "html.parser")
    tags = soup.select(".sdg-tag")
    assert tags[0].find("a") is None and tags[0].select_one(".sdg-number").text == "7"
    assert tags[1].find("a") is not None
    assert soup.select(".sdg-target-list a") == []
    assert "7.2" in soup.select_one(".sdg-target-list").get_text()
