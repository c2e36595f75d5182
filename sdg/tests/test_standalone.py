"""sdg stands alone: a site with only Wagtail, wagtail-localize and sdg installed
(sdg.tests.standalone.settings) migrates, loads the 17 goals and renders the goal pages.

It runs in a subprocess, so the settings of this test run are untouched and the check that
nothing else of ours was imported sees only what sdg itself pulled in.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# One process does it all (one Django start-up instead of three): migrate, load the goals,
# render, then look at sys.modules.
SCRIPT = textwrap.dedent(
    """
    import sys

    import django

    django.setup()

    from django.core.management import call_command
    from django.template import Context, Template
    from django.test import Client, RequestFactory
    from django.utils.html import escape

    from wagtail.models import Page, Site

    from sdg.goals import goals, targets_of
    from sdg.models import SDGGoalPage, SDGIndexPage

    call_command("migrate", interactive=False, verbosity=0)

    front = Page.get_first_root_node().add_child(
        instance=Page(title="Forside", slug="forside", live=True)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": front}
    )
    call_command("load_sdg_pages", str(front.pk), verbosity=0)

    index = SDGIndexPage.objects.get()
    assert SDGGoalPage.objects.child_of(index).count() == 17, "not 17 goal pages"

    client = Client(HTTP_HOST="localhost")
    response = client.get(index.url)
    assert response.status_code == 200, (index.url, response.status_code)
    html = response.content.decode()
    for goal in goals().values():
        assert escape(goal.short_title["da"]) in html, ("overview lacks", goal.number)

    page = SDGGoalPage.objects.get(number=7)
    response = client.get(page.url)
    assert response.status_code == 200, (page.url, response.status_code)
    html = response.content.decode()
    goal = goals()[7]
    assert '<html lang="da">' in html
    assert escape(goal.title["da"]) in html, "goal page lacks its Danish title"
    for target in targets_of(7):
        assert escape(target.title["da"]) in html, ("goal page lacks target", target.code)

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    tags = Template("{% load sdg_tags %}{% sdg_goal_tags numbers %}").render(
        Context({"request": request, "numbers": [7, 13]})
    )
    assert page.url in tags, tags

    ours = ("cms", "core", "plan_pages", "participation", "home", "search")
    imported = sorted(
        name for name in sys.modules if name.split(".")[0] in ours
    )
    assert not imported, f"sdg pulled in: {imported}"
    print("standalone ok")
    """
)


@pytest.mark.slow
def test_sdg_runs_alone(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sdg.tests.standalone.settings",
        "SDG_STANDALONE_DATABASE": str(tmp_path / "db.sqlite3"),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 or "standalone ok" not in result.stdout:
        pytest.fail(
            f"sdg on its own failed (exit {result.returncode}):\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}",
            pytrace=False,
        )
