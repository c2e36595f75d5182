"""The follow form on a cached plan page, in Debian's Chromium: a resident types an address and
presses "Følg" once; the confirmation e-mail leaves at once, although the page has no CSRF token
(the browser's Sec-Fetch-Site says the form came from this site)."""

from django.core import mail

import pytest

from following.models import Subscription
from plan_pages.tests.factories import LocalAreaPlanPageFactory
from tests.browser.test_public_pages import launch

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_a_resident_follows_an_area_with_one_press_from_its_plan_page(
    live_server, tool, home_page, settings
):
    from playwright.sync_api import sync_playwright

    settings.PAGE_CACHE_SECONDS = 300  # as in production: the page is served from the cache
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø og Omegn")
    plan.save_revision().publish()
    address = live_server.url + plan.url

    with sync_playwright() as playwright:
        browser = launch(playwright, {"chromium": tool("chromium")})
        page = browser.new_page(locale="da-DK")
        page.goto(address)
        page.goto(address)  # the second visit comes from the page cache
        page.fill("#follow-email", "ida@example.dk")
        page.locator("section.follow button[type=submit]").click()
        page.wait_for_load_state()
        heading = page.locator("h1").inner_text()
        browser.close()

    assert heading == "Tjek din e-mail"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ida@example.dk"]
    assert Subscription.objects.get().confirmed_at is None
