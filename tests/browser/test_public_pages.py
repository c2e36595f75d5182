"""Every public page type, in both languages, in a real browser (Debian's Chromium).

One test loads the demo site once and checks each page with axe-core (WCAG 2.0/2.1 A and AA),
the Nu Html Checker, the keyboard, the page-weight budget and JavaScript switched off.
"""

import gzip
import json
import subprocess
from io import StringIO
from pathlib import Path
from urllib.parse import urlparse

from django.core.management import call_command
from django.utils import translation

import pytest

from home.models import HomePage, InformationPage
from participation.models import SurveyPage, SurveyResponse
from plan_pages.models import (
    AnnualReportPage,
    LocalAreaPlanPage,
    ProjectPage,
)
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from sdg.models import SDGGoalPage, SDGIndexPage
from tests.page_types import page_types

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BUDGET_BYTES = 150 * 1024

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


def public_urls():
    """One page of each type (every registered type, checked) in each language, plus the
    search page with filters."""
    urls = []
    for language in ("da", "en"):
        pages = [
            HomePage.objects.get(locale__language_code=language),
            LocalAreaPlanPage.objects.filter(
                locale__language_code=language, plan_kind="blup"
            ).first(),
            LocalAreaPlanPage.objects.filter(
                locale__language_code=language, plan_kind="lup"
            ).first(),
            ProjectPage.objects.filter(locale__language_code=language).first(),
            AnnualReportPage.objects.filter(locale__language_code=language).order_by("path")[0],
            SDGIndexPage.objects.get(locale__language_code=language),
            SDGGoalPage.objects.get(locale__language_code=language, number=11),
            *SurveyPage.objects.filter(locale__language_code=language),
        ] + list(InformationPage.objects.filter(locale__language_code=language))
        missing = {model.__name__ for model in page_types()} - {type(p).__name__ for p in pages}
        assert not missing, f"no {language!r} page checked of the types {sorted(missing)}"
        urls += [page.url for page in pages]
        project = ProjectPage.objects.filter(locale__language_code=language).first()
        group = project.working_groups.first()
        with translation.override(language):
            urls.append(project.url + project.reverse_subpage("join", args=[group.pk]))
        search = "/da/soeg/" if language == "da" else "/en/search/"
        urls += [f"{search}?q=sti&goal=15&status=idea", f"{search}?q=zzzz"]
    return urls


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


def axe_violations(page, axe):
    page.add_script_tag(path=axe)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}× e.g. "
        f"{violation['nodes'][0]['target']})"
        for violation in result["violations"]
    ]


def html_errors(files, tools):
    """The Nu Html Checker's errors for the saved pages."""
    result = subprocess.run(
        [
            tools["java"],
            "-jar",
            tools["vnu"],
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def reaches_with_tab(page, selector, presses=40):
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return True
    return False


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


def check_page(context, strict, no_script, url, own_host, axe):
    """Problems found on one page, and its HTML as the browser saw it. `context` lets axe in
    past the page's Content-Security-Policy; `strict` keeps to the policy."""
    page = context.new_page()
    hosts, transferred = set(), []
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.on("response", lambda response: transferred.append(response))
    response = page.goto(url, wait_until="load")
    if response.status != 200:
        return [f"status {response.status}"], ""
    html = response.text()  # as served, before axe is injected
    problems = [f"axe {violation}" for violation in axe_violations(page, axe)]
    if hosts - {own_host}:
        problems.append(f"requests to other hosts: {hosts - {own_host}}")
    size = sum(
        len(gzip.compress(r.body()))
        for r in transferred
        if r.request.resource_type in ("document", "stylesheet", "script")
    )
    if size > BUDGET_BYTES:
        problems.append(f"HTML+CSS+JS {size // 1024} KB compressed, over 150 KB")

    page.close()

    page = strict.new_page()
    blocked = policy_violations(page)
    page.goto(url)
    page.keyboard.press("Tab")
    if not page.evaluate("document.activeElement.classList.contains('skipnav')"):
        problems.append("the skip link is not the first focusable element")
    for selector in ("#header-search", ".language-switcher a"):
        if not reaches_with_tab(page, selector):
            problems.append(f"{selector} cannot be reached with Tab")
    problems += [f"blocked by the page's policy: {message}" for message in blocked]
    page.close()

    bare = no_script.new_page()
    bare.goto(url)
    if not bare.locator("main h1").first.is_visible():
        problems.append("no visible heading without JavaScript")
    bare.close()
    return problems, html


PHONE_WIDTHS = (320, 375)


def sideways_scrolling(browser, origin, paths):
    """Pages wider than a phone's screen (WCAG 2.1 1.4.10 Reflow), with what sticks out."""
    problems = []
    for width in PHONE_WIDTHS:
        page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        for path in paths:
            page.goto(f"{origin}{path}")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide = page.evaluate(
                    "[...document.querySelectorAll('body *')]"
                    ".filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
                    ".slice(0, 3).map(e => e.tagName + '.' + e.className)"
                )
                problems.append(f"{path}: {scroll_width} px wide at {width} px {too_wide}")
        page.context.close()
    return problems


def test_public_pages_are_accessible_valid_light_and_keyboard_usable(
    live_server, tmp_path, monkeypatch, tools
):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DEMO_PASSWORD", "demo-Password-1")
    call_command("load_demo_content", stdout=StringIO())
    paths = public_urls()  # the database is read before Playwright starts its event loop
    own_host = urlparse(live_server.url).netloc

    problems, saved = [], []
    with sync_playwright() as playwright:
        browser = launch(playwright, tools)
        # axe-core is put into each page as an inline script, which the page's policy forbids.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        strict = browser.new_context(viewport={"width": 1280, "height": 900})
        no_script = browser.new_context(
            java_script_enabled=False, viewport={"width": 375, "height": 800}
        )
        for number, path in enumerate(paths):
            found, html = check_page(
                context, strict, no_script, f"{live_server.url}{path}", own_host, tools["axe-core"]
            )
            problems += [f"{path}: {problem}" for problem in found]
            saved.append(tmp_path / f"page{number}.html")
            saved[-1].write_text(html, encoding="utf-8")
        problems += sideways_scrolling(browser, live_server.url, paths)
        browser.close()

    problems += html_errors(saved, tools)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


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
