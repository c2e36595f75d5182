"""A list is numbered once: by the list or by its content, never both (issue #13, 3)."""

import re

import pytest

from home.models import HomePage
from plan_pages.models import LocalAreaPlanPage

pytestmark = pytest.mark.django_db

ORDERED_LIST = re.compile(r"<ol( [^>]*)?>(.*?)</ol>", re.S)
FIRST_ITEM_TEXT = re.compile(r"<li[^>]*>(.*?)(?:</li>|<li)", re.S)


def item_text(item_html):
    return re.sub(r"<[^>]+>", "", item_html).strip()


def doubly_numbered(html):
    """<ol>s that show their own numbers while their items begin with a number."""
    found = []
    for attributes, body in ORDERED_LIST.findall(html):
        classes = re.search(r'class="([^"]*)"', attributes or "")
        classes = classes.group(1).split() if classes else []
        if {"nobullet-list", "steps", "breadcrumbs__list"} & set(classes):
            continue
        first = FIRST_ITEM_TEXT.search(body)
        if first and re.match(r"\d", item_text(first.group(1))):
            found.append((classes, item_text(first.group(1))[:40]))
    return found


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_list_on_plans_or_the_overview_is_numbered_twice(demo_site, client, language):
    pages = [
        *LocalAreaPlanPage.objects.live().filter(locale__language_code=language),
        HomePage.objects.live().filter(locale__language_code=language).first(),
    ]
    for page in pages:
        html = client.get(page.url).content.decode()
        assert doubly_numbered(html) == [], page.url


def test_the_wheels_months_are_not_numbered(demo_site, client):
    plan = LocalAreaPlanPage.objects.live().filter(activities__isnull=False).first()
    html = client.get(plan.url).content.decode()
    assert '<ul class="wheel-list nobullet-list">' in html
    assert '<ol class="wheel-list' not in html


def test_process_steps_and_village_goals_show_only_their_own_numbers(demo_site, client):
    plan = LocalAreaPlanPage.objects.live().filter(
        locale__language_code="da", process_steps__isnull=False, village_goals__isnull=False
    )[0]
    html = client.get(plan.url).content.decode()
    assert '<ol class="timeline nobullet-list">' in html
    assert '<ol class="village-goals nobullet-list">' in html
