"""Suggestions while typing in the header's search field, in Debian's Chromium: a resident types
a village's name, picks its plan with the keyboard and lands on it; the combobox follows the
WAI-ARIA 1.2 pattern and axe finds nothing with the list open. Without the script the field is
a plain search form. Screenshots with the list open at each width, in both languages."""

from pathlib import Path

from django.conf import settings

import pytest

from core.tests.database import make_locale_en
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from tests.browser.crawl import WCAG_TAGS
from tests.browser.test_public_pages import launch

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

SHOTS = Path(settings.BASE_DIR) / ".test-screenshots" / "suggestions"
FIELD = "#header-search"
WORDS = {"da": ("bavel", "/da/soeg/"), "en": ("glums", "/en/search/")}


@pytest.fixture
def tools(tool):
    return {"chromium": tool("chromium"), "axe": tool("axe-core")}


@pytest.fixture
def plans(home_page):
    plan = LocalAreaPlanPageFactory(
        parent=home_page, title="Glumsø og Omegn", villages="Glumsø, Bavelse, Næsby"
    )
    plan.save_revision().publish()
    other = LocalAreaPlanPageFactory(parent=home_page, title="Bavnehøj", villages="Bavnehøj")
    other.save_revision().publish()
    for title in ("Fugleskjul i Bavelse", "Bålhytte i Glumsø"):
        ProjectPageFactory(parent=plan, title=title).save_revision().publish()
    english = plan.copy_for_translation(make_locale_en(), copy_parents=True)
    english.title = "Glumsø and surroundings"
    english.slug = "glumsoe-and-surroundings"
    english.save_revision().publish()
    return {"da": plan, "en": english}


def open_suggestions(page, words):
    page.locator(FIELD).click()
    page.locator(FIELD).press_sequentially(words, delay=60)
    page.wait_for_selector("#header-search-suggestions [role=option]", state="visible")


def test_a_resident_types_a_village_and_picks_its_plan_with_the_keyboard(live_server, tools, plans):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, tools)
        page = browser.new_page(locale="da-DK")
        page.goto(f"{live_server.url}/da/soeg/")
        field = page.locator(FIELD)
        assert field.get_attribute("role") == "combobox"
        assert field.get_attribute("aria-expanded") == "false"

        open_suggestions(page, "bavel")
        assert field.get_attribute("aria-expanded") == "true"
        listbox = page.locator(f"#{field.get_attribute('aria-controls')}")
        assert listbox.get_attribute("role") == "listbox"
        options = listbox.locator("[role=option]")
        texts = options.all_inner_texts()
        assert texts[0].startswith("Glumsø og Omegn (Bavelse)"), texts
        status = page.locator(".site-search [role=status]")
        assert status.inner_text() == f"{len(texts)} forslag"

        # Down names the first suggestion as active; the focus stays in the field.
        field.press("ArrowDown")
        active = field.get_attribute("aria-activedescendant")
        assert page.locator(f"#{active}").inner_text().startswith("Glumsø og Omegn")
        assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
        assert page.evaluate("document.activeElement.id") == "header-search"
        field.press("ArrowUp")  # round to the last, and back down to the first
        field.press("ArrowDown")
        assert field.get_attribute("aria-activedescendant") == active

        # Escape closes the list; the words stay.
        field.press("Escape")
        assert field.get_attribute("aria-expanded") == "false"
        assert field.input_value() == "bavel"
        assert field.get_attribute("aria-activedescendant") is None

        # Down opens it again; Enter goes to the plan.
        field.press("ArrowDown")
        with page.expect_navigation():
            field.press("Enter")
        assert page.url == f"{live_server.url}{plans['da'].url}"
        browser.close()


def test_enter_without_a_chosen_suggestion_searches_and_the_form_works_without_the_script(
    live_server, tools, plans
):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, tools)
        page = browser.new_page(locale="da-DK")
        page.goto(f"{live_server.url}/da/soeg/")
        open_suggestions(page, "fugleskjul")
        with page.expect_navigation():
            page.locator(FIELD).press("Enter")
        assert "q=fugleskjul" in page.url
        assert "Fugleskjul i Bavelse" in page.inner_text("main")

        without = browser.new_page(java_script_enabled=False)
        without.goto(f"{live_server.url}/da/soeg/")
        assert without.locator(FIELD).get_attribute("role") is None
        without.locator(FIELD).fill("bålhytte")
        with without.expect_navigation():
            without.locator(FIELD).press("Enter")
        assert "Bålhytte i Glumsø" in without.inner_text("main")
        browser.close()


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_open_list_passes_axe_and_fits_each_width(live_server, tools, plans, language):
    from playwright.sync_api import sync_playwright

    words, path = WORDS[language]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright, tools)
        for width in (320, 375, 1280):
            page = browser.new_page(viewport={"width": width, "height": 720})
            page.goto(f"{live_server.url}{path}")
            open_suggestions(page, words)
            page.locator(FIELD).press("ArrowDown")
            page.evaluate(Path(tools["axe"]).read_text())
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
            )
            assert [violation["id"] for violation in result["violations"]] == [], width
            sideways = page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
            assert not sideways, f"{language} scrolls sideways at {width} px"
            page.screenshot(path=SHOTS / f"search-suggestions-{language}-{width}.png")
            page.close()
        browser.close()
    print(f"\nscreenshots in {SHOTS}")
