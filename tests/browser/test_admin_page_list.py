"""The admin's page list at a phone's width and a desktop's, in Debian's Chromium: a council
member reads each page's title on a line or two, not broken after every few letters, and the
list fits the screen (core/static/core/css/admin.css); on a desktop every column is there."""

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory, council_of
from tests.browser.test_public_pages import launch

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

PASSWORD = "Glumsø-Sø-2026"


@pytest.mark.parametrize(
    "width, columns",
    [(375, ["Titel", "Status"]), (1280, ["Titel", "Opdateret", "Type", "Status"])],
)
def test_a_council_member_reads_the_titles_in_the_page_list_of_the_plan(
    live_server, tool, home_page, django_user_model, width, columns
):
    from playwright.sync_api import sync_playwright

    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø og Omegn")
    ProjectPageFactory(parent=plan, title="Åbent lokalrådsmøde om stationen")
    member = django_user_model.objects.create_user("karen", "karen@example.dk", PASSWORD)
    member.groups.add(council_of(plan).group)

    with sync_playwright() as playwright:
        browser = launch(playwright, {"chromium": tool("chromium")})
        page = browser.new_page(locale="da-DK", viewport={"width": width, "height": 800})
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "karen")
        page.fill("#id_password", PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/admin/pages/{plan.pk}/")
        shown = page.locator("table.listing thead th:visible").all_inner_texts()
        title_width = page.locator("table.listing td.title").first.bounding_box()["width"]
        page_width = page.evaluate("document.documentElement.scrollWidth")
        browser.close()

    assert [text.split()[0] for text in shown if text.strip()] == columns
    assert title_width > width / 3, f"the title column is {title_width:.0f} px of {width}"
    assert page_width == width
