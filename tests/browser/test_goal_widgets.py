"""A council member ticks a project's goals, targets and village goals, and a village goal's
own goals and targets in the plan's editor, in the real page editor (Debian's Chromium), with
the widgets' script and without it: what is saved as a draft is exactly what was ticked.

Wagtail's page editor itself needs JavaScript (its tabs stay hidden without it, and the admin
says so in a banner), so "without JavaScript" here means without the widgets' own script, which
the browser is kept from loading: the goal grid and every target group then work as plain
checkboxes."""

from django.contrib.auth import get_user_model

import pytest

from plan_pages.models import VillageGoal
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory, council_of
from tests.browser.test_public_pages import launch

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

PASSWORD = "council-Password-1"


@pytest.fixture
def chromium(tool):
    return {"chromium": tool("chromium")}


@pytest.fixture
def project(home_page):
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø og Omegn", plan_kind="blup")
    plan.village_goals = [
        VillageGoal(number=1, title="Et grønt lokalområde", goals=[15], targets=[]),
        VillageGoal(number=2, title="Stærke fællesskaber", goals=[11, 3], targets=["11.7"]),
    ]
    plan.save_revision().publish()
    project = ProjectPageFactory(parent=plan, title="Fugleskjulet", goals=[11])
    project.save_revision().publish()
    member = get_user_model().objects.create_user("karen", "karen@example.dk", PASSWORD)
    member.groups.add(council_of(plan).group)
    return project


def ticked(page, name):
    return page.eval_on_selector_all(
        f'input[type=checkbox][name="{name}"]:checked', "boxes => boxes.map(box => box.value)"
    )


def visible_target_groups(page):
    return page.eval_on_selector_all(
        "[data-sdg-targets] fieldset[data-goal]",
        "groups => groups.filter(group => group.offsetParent !== null)"
        ".map(group => group.dataset.goal)",
    )


def signed_in_page(live_server, browser, widget_script):
    page = browser.new_context(locale="da-DK").new_page()
    if not widget_script:
        page.route("**/sdg/admin/goal-widgets.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("karen")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def tick_in_editor(live_server, chromium, project, widget_script):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        page = signed_in_page(live_server, browser, widget_script)
        edit_url = f"{live_server.url}/admin/pages/{project.pk}/edit/"
        page.goto(edit_url)
        shown_before = visible_target_groups(page)

        # Goals are ticked by their label (the coloured tile), as a person clicks them.
        page.get_by_label("11 Bæredygtige byer og lokalsamfund", exact=True).uncheck()
        page.get_by_label("3 Sundhed og trivsel", exact=True).check()
        page.get_by_label("15 Livet på land", exact=True).check()
        shown_after_ticking = visible_target_groups(page)
        page.locator('input[name=targets][value="3.4"]').check()
        page.locator('input[name=targets][value="15.1"]').check()
        # Village goals are tiles too, ticked by their label.
        page.get_by_label("2 Stærke fællesskaber").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Gem skitse").click()
        page.goto(edit_url)
        goals, targets = ticked(page, "goals"), ticked(page, "targets")
        village_goals = ticked(page, "village_goals")
        shown_after_reload = visible_target_groups(page)
        browser.close()
    return shown_before, shown_after_ticking, goals, targets, shown_after_reload, village_goals


def test_a_council_member_ticks_goals_and_targets_with_the_widget_script(
    live_server, chromium, project
):
    before, after_ticking, goals, targets, after_reload, village_goals = tick_in_editor(
        live_server, chromium, project, widget_script=True
    )

    assert before == ["11"]
    assert after_ticking == ["3", "15"]
    assert goals == ["3", "15"]
    assert targets == ["3.4", "15.1"]
    assert after_reload == ["3", "15"]
    project.refresh_from_db()
    draft = project.get_latest_revision_as_object()
    assert draft.goal_numbers == [3, 15]
    assert draft.targets == ["3.4", "15.1"]
    assert village_goals == ["2"]
    assert draft.village_goals == [2]


def test_a_council_member_ticks_goals_and_targets_without_the_widget_script(
    live_server, chromium, project
):
    before, after_ticking, goals, targets, after_reload, village_goals = tick_in_editor(
        live_server, chromium, project, widget_script=False
    )

    every_goal = [str(number) for number in range(1, 18)]
    assert before == after_ticking == after_reload == every_goal
    assert goals == ["3", "15"]
    assert targets == ["3.4", "15.1"]
    project.refresh_from_db()
    draft = project.get_latest_revision_as_object()
    assert draft.goal_numbers == [3, 15]
    assert draft.targets == ["3.4", "15.1"]
    assert village_goals == ["2"]
    assert draft.village_goals == [2]


def tick_village_goal_in_plan_editor(live_server, chromium, plan, widget_script):
    """In the plan's editor, the second village goal: goal 11 and its target 11.7 unticked,
    goal 7 and its target 7.2 ticked."""
    from playwright.sync_api import sync_playwright

    row = "village_goals-1"
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        page = signed_in_page(live_server, browser, widget_script)
        edit_url = f"{live_server.url}/admin/pages/{plan.pk}/edit/"
        page.goto(edit_url)
        page.locator(f'input[name="{row}-targets"][value="11.7"]').uncheck()
        page.locator(f'input[name="{row}-goals"][value="11"]').uncheck()
        page.locator(f'input[name="{row}-goals"][value="7"]').check()
        page.locator(f'input[name="{row}-targets"][value="7.2"]').check()
        shown = page.eval_on_selector_all(
            f'[data-sdg-targets]:has(input[name="{row}-targets"]) fieldset[data-goal]',
            "groups => groups.filter(group => group.offsetParent !== null)"
            ".map(group => group.dataset.goal)",
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Gem skitse").click()
        page.goto(edit_url)
        goals, targets = ticked(page, f"{row}-goals"), ticked(page, f"{row}-targets")
        other_row = ticked(page, "village_goals-0-goals")
        browser.close()
    return shown, goals, targets, other_row


@pytest.mark.parametrize("widget_script", [True, False], ids=["with-script", "without-script"])
def test_a_council_member_ticks_a_village_goals_goals_and_targets_in_the_plan(
    live_server, chromium, project, widget_script
):
    plan = project.get_parent().specific

    shown, goals, targets, other_row = tick_village_goal_in_plan_editor(
        live_server, chromium, plan, widget_script
    )

    # With the script, the target groups of the row's own goals only.
    every_goal = [str(number) for number in range(1, 18)]
    assert shown == (["3", "7"] if widget_script else every_goal)
    assert goals == ["3", "7"]
    assert targets == ["7.2"]
    assert other_row == ["15"]
    plan.refresh_from_db()
    draft = plan.get_latest_revision_as_object()
    village_goals = {goal.number: goal for goal in draft.village_goals.all()}
    assert sorted(village_goals[2].goals) == [3, 7]
    assert village_goals[2].targets == ["7.2"]
    assert village_goals[1].goals == [15]
