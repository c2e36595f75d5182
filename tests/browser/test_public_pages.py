"""The public site in a real browser (Debian's Chromium), as residents use it.

The crawl opens every page a person can reach from the two front pages at 320, 375 and 1280 px
(tests/browser/crawl.py), validates the HTML of each with the Nu Html Checker, checks one page
of each type without JavaScript, and saves a screenshot of each page type at 375 and 1280 px
in both languages into a folder it prints.
"""

import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.management import call_command

import pytest

from participation.models import SurveyPage, SurveyResponse
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from tests.browser.crawl import Crawl
from tests.page_types import page_types

SCREENSHOTS = Path(settings.BASE_DIR) / ".test-screenshots"
SCREENSHOT_WIDTHS = (375, 1280)
# "Find my area" answers a GET form that no link leads to: a village's name (which leads on to
# its area's plan) and a name no area has (the page that lists every area), in both languages.
FIND_MY_AREA = [
    f"/{language}/find/?place={place}"
    for language in ("da", "en")
    for place in ("Bavelse", "Atlantis")
]

pytestmark = [
    # Each test loads the demo site into a real (committed) database; serialized_rollback
    # brings back what the migrations made (groups, workflow, locales) for the next one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
    pytest.mark.slow,
]


@pytest.fixture
def tools(tool):
    """Chromium, Java, axe-core and the Nu Html Checker: where one is missing the test is
    skipped, and under CI=true it fails (conftest.py)."""
    return {name: tool(name) for name in ("chromium", "java", "axe-core", "vnu")}


def launch(playwright, tools):
    return playwright.chromium.launch(
        executable_path=tools["chromium"],
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    )


def html_errors(pages, folder, tools):
    """The Nu Html Checker's errors for the pages' HTML as served, in one run."""
    files = {}
    for number, (path, html) in enumerate(pages.items()):
        files[f"page{number}.html"] = path
        (folder / f"page{number}.html").write_text(html, encoding="utf-8")
    result = subprocess.run(
        [tools["java"], "-jar", tools["vnu"], "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{files[Path(m['url']).name]}:{m.get('lastLine')}: {m['message']}" for m in messages]


def page_kinds():
    """`kind(path)`: the page type of an address, for one screenshot per type and language.
    An address a page serves through a route (a project's "join" form) is its type and route."""
    from wagtail.models import Page

    types = {page.url: type(page).__name__ for page in Page.objects.live().specific() if page.url}

    def kind(path):
        path = path.split("?")[0]
        known = max((url for url in types if path.startswith(url)), key=len, default="/")
        rest = path[len(known) :].strip("/").split("/")[0]
        page_type = types.get(known, "site")
        return f"{page_type}-{rest}" if rest else page_type

    return kind, set(types.values())


def test_every_public_page_at_every_width_is_accessible_valid_light_and_keyboard_usable(
    live_server, tmp_path, monkeypatch, tools, capsys
):
    """The crawl of the demo site in both languages: see tests/browser/crawl.py for what each
    page is checked for. It fails on any problem on any page at any width."""
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DEMO_PASSWORD", "demo-Password-1")
    call_command("load_demo_content", stdout=StringIO())
    kind, live_types = page_kinds()  # the database is read before Playwright starts its loop
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir()
    first_of_kind, no_script_problems = {}, []

    def screenshot(page, path, width):
        path = urlparse(page.url).path  # where a redirect (/was) led
        key = (kind(path), page.evaluate("document.documentElement.lang"))
        if width in SCREENSHOT_WIDTHS and first_of_kind.setdefault(key, path) == path:
            page.screenshot(path=SCREENSHOTS / f"{key[0]}-{key[1]}-{width}.png", full_page=True)

    with sync_playwright() as playwright:
        browser = launch(playwright, tools)
        crawl = Crawl(live_server.url, Path(tools["axe-core"]).read_text(encoding="utf-8"))
        crawl.run(browser, ["/da/", "/en/", *FIND_MY_AREA], on_page=screenshot)
        bare = browser.new_context(
            java_script_enabled=False, viewport={"width": 375, "height": 800}
        )
        for path in first_of_kind.values():
            page = bare.new_page()
            page.goto(f"{live_server.url}{path}")
            if not page.locator("main h1").first.is_visible():
                no_script_problems.append(f"{path}: no visible heading without JavaScript")
            page.close()
        browser.close()

    with capsys.disabled():
        print(f"\n{len(crawl.visited)} pages crawled; screenshots of each type in {SCREENSHOTS}")
    seen_types = {kind(path) for path in crawl.visited}
    missing = {model.__name__ for model in page_types()} & live_types - seen_types
    assert not missing, f"no link leads to a page of the types {sorted(missing)}"
    assert {model.__name__ for model in page_types()} <= live_types, "the demo lacks a page type"
    problems = crawl.problems + no_script_problems + html_errors(crawl.html, tmp_path, tools)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def policy_violations(page):
    """Collect what the Content-Security-Policy blocks on this page, as Chromium reports it."""
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return blocked


def test_a_resident_answers_the_open_survey_with_the_keyboard_and_no_javascript(
    live_server, monkeypatch, tools
):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DEMO_PASSWORD", "demo-Password-1")
    call_command("load_demo_content", stdout=StringIO())
    survey = SurveyPage.objects.get(locale__language_code="da", slug="hvad-skal-vi-nu")
    url, before = f"{live_server.url}{survey.url}", survey.responses.count()

    with sync_playwright() as playwright:
        browser = launch(playwright, tools)
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(url)
        page.get_by_label("5 – meget vigtig").first.check()
        page.locator("#id_idea-1-help").check()
        page.get_by_role("button", name="Send dit svar").click()
        errors = page.locator(".alert-error").inner_text()  # helpers must give name and consent
        page.locator("#id_name").fill("Ida Storm")
        page.locator("#id_email").fill("ida@example.dk")
        page.locator("#id_consent").check()
        page.get_by_role("button", name="Send dit svar").press("Enter")
        thanks = page.locator(".alert-success").inner_text()
        browser.close()

    assert "samtykke" in errors.lower() or "sæt kryds" in errors.lower()
    assert "Tak" in thanks
    assert SurveyResponse.objects.filter(survey=survey).count() == before + 1
    assert SurveyResponse.objects.filter(survey=survey, email="ida@example.dk").exists()


def test_an_editor_gets_the_user_bar_and_the_admin_within_their_policies(
    live_server, home_page, tools
):
    """Public pages keep to their Content-Security-Policy with Wagtail's user bar on them; the
    admin, which has no such policy, loads and opens the page editor."""
    from django.contrib.auth import get_user_model

    from playwright.sync_api import sync_playwright

    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø")
    project = ProjectPageFactory(parent=plan, title="Fugleskjulet")
    project.save_revision().publish()
    get_user_model().objects.create_superuser("csp-editor", "e@example.dk", "csp-Password-1")

    with sync_playwright() as playwright:
        browser = launch(playwright, tools)
        page = browser.new_context().new_page()
        blocked = policy_violations(page)
        page.goto(f"{live_server.url}/admin/login/")
        page.locator("#id_username").fill("csp-editor")
        page.locator("#id_password").fill("csp-Password-1")
        page.locator("#id_password").press("Enter")
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/pages/{project.pk}/edit/")
        editor_title = page.locator("#id_title").input_value()
        page.goto(f"{live_server.url}{project.url}")
        page.locator("wagtail-userbar").wait_for(state="attached")
        userbar_trigger = page.evaluate(
            "document.querySelector('wagtail-userbar').shadowRoot"
            "?.querySelector('[data-wagtail-userbar-trigger]') != null"
        )
        browser.close()

    assert editor_title == project.title
    assert userbar_trigger, "the user bar did not start"
    assert blocked == []
