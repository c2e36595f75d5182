"""Milestones on a project: the timeline residents read, the progress counted from them, the
plan's roll-up, and what the admin accepts (hostile input gets a Danish message, never a 500)."""

import json
import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset

import pytest

from plan_pages.models import Milestone, ProjectPage
from plan_pages.progress import Timeline, plan_progress, plan_roll_up, weighted_progress
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    edit_data,
    log_in_council_member,
    milestone,
    published_plans,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - timedelta(days=30)
FUTURE = TODAY + timedelta(days=60)


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn")
    plan.save_revision().publish()
    return plan


def published_project(plan, milestones=(), **fields):
    project = ProjectPageFactory(parent=plan, **fields)
    project.milestones = list(milestones)
    project.save_revision().publish()
    return ProjectPage.objects.get(pk=project.pk)


def test_progress_is_the_share_of_milestones_done(plan):
    project = published_project(
        plan,
        [
            milestone("Tilladelse", date(2024, 1, 1), date(2024, 2, 1)),
            milestone("Byggeri", date(2024, 6, 1), date(2024, 5, 20)),  # done early: fine
            milestone("Indvielse", FUTURE),
            milestone("Folder", FUTURE + timedelta(days=30)),
        ],
        status="in_progress",
    )

    assert project.progress == 50


def test_a_completed_project_is_done_and_one_without_milestones_has_no_progress(plan):
    assert published_project(plan, status="completed").progress == 100
    assert published_project(plan, status="in_progress").progress is None


def test_progress_set_by_hand_wins_over_the_milestones(plan):
    project = published_project(
        plan,
        [milestone("Start", PAST, PAST)],
        status="in_progress",
        progress_override=30,
        progress_reason="Pengene er samlet ind.",
    )

    assert project.progress == 30


def test_the_plans_progress_is_weighted_by_each_projects_milestones(plan):
    four_steps = published_project(
        plan,
        [milestone(f"Skridt {n}", PAST, PAST if n < 3 else None) for n in range(4)],
        status="in_progress",
    )  # 75 %, weight 4
    without_steps = published_project(plan, status="planned")  # no progress: 0 %, weight 1
    idea = published_project(plan, status="idea")  # left out

    assert four_steps.progress == 75
    assert plan_progress([four_steps, without_steps, idea]) == 60  # (75·4 + 0·1) / 5
    assert weighted_progress([(100, 1), (0, 3)]) == 25
    assert weighted_progress([]) is None


def test_the_timeline_has_what_is_done_what_is_next_and_what_comes_later():
    done_late = Milestone(
        pk=1, title="B", planned_date=date(2024, 1, 1), done_date=date(2024, 3, 1)
    )
    done_early = Milestone(
        pk=2, title="A", planned_date=date(2024, 5, 1), done_date=date(2024, 2, 1)
    )
    later = Milestone(pk=3, title="D", planned_date=date(2027, 1, 1))
    next_one = Milestone(pk=4, title="C", planned_date=date(2026, 1, 1))

    timeline = Timeline.of([later, done_late, next_one, done_early])

    assert [m.title for m in timeline.done] == ["A", "B"]
    assert timeline.next.title == "C"
    assert [m.title for m in timeline.later] == ["D"]
    assert timeline.is_overdue(today=date(2026, 2, 1))
    assert not timeline.is_overdue(today=date(2025, 12, 31))


def test_the_project_page_shows_the_timeline_and_progress(client, plan):
    project = published_project(
        plan,
        [
            milestone("Aftale med lodsejeren", date(2023, 3, 1), date(2023, 2, 20)),
            milestone("Anden plantedag", FUTURE, description="Vi planter eg og lind."),
            milestone("Indvielse af skoven", FUTURE + timedelta(days=90)),
        ],
        status="in_progress",
    )

    html = client.get(project.url).content.decode()

    assert '<progress id="project-progress" max="100" value="33">33 %</progress>' in html
    assert "33 % gennemført" in html
    assert "Nået" in html and '<time datetime="2023-02-20">' in html
    assert 'class="milestone milestone-next" aria-current="step"' in html
    assert "Næste skridt, planlagt til" in html and "Vi planter eg og lind." in html
    assert "Senere, planlagt til" in html
    assert html.index("Aftale med lodsejeren") < html.index("Anden plantedag")
    assert html.index("Anden plantedag") < html.index("Indvielse af skoven")


def test_a_project_without_milestones_shows_no_timeline(client, plan):
    html = client.get(published_project(plan).url).content.decode()
    assert 'id="milestones-heading"' not in html


def test_the_plan_page_rolls_up_its_projects(client, plan):
    published_project(
        plan,
        [milestone("Tilladelse", PAST, PAST), milestone("Indvielse", FUTURE)],
        title="Fugleskjul",
    )
    published_project(plan, status="completed", title="Byskilte")
    published_project(plan, status="idea", title="Trampesti")

    roll_up = plan_roll_up(plan, today=TODAY)
    html = client.get(plan.url).content.decode()

    counts = {status.value: count for status, count in roll_up.per_status}
    assert counts == {"idea": 1, "planned": 0, "in_progress": 1, "completed": 1, "paused": 0}
    assert roll_up.progress == 67  # (50·2 + 100·1) / 3
    assert roll_up.done_this_year == (1 if PAST.year == TODAY.year else 0)
    assert [(m.title, p.title) for m, p in roll_up.next_milestones] == [("Indvielse", "Fugleskjul")]
    assert "Så langt er planen nået" in html
    assert '<progress id="plan-progress" max="100" value="67">' in html


def test_a_village_goal_shows_the_progress_of_its_projects(client, site_root):
    from plan_pages.models import VillageGoal

    plan = LocalAreaPlanPageFactory(parent=site_root, plan_kind="blup")
    plan.village_goals = [VillageGoal(number=1, title="Mere natur", goals=[15])]
    plan.save_revision().publish()
    published_project(plan, [milestone("Plantning", PAST, PAST)], village_goals=[1])
    published_project(plan, [milestone("Stier", FUTURE)], village_goals=[1])

    html = client.get(plan.url).content.decode()

    assert "Fremdrift i målets 2 projekter" in html
    assert '<progress id="village-goal-progress-1" max="100" value="50">' in html


# ---- The admin: hostile and mistaken input ----


def milestone_row(**fields):
    row = {
        "title": "Byggeweekend",
        "planned_date": "2027-04-10",
        "done_date": "",
        "description": "",
        "image": "",
        "image_alt_text": "",
        "document": "",
    }
    return {**row, **fields}


def error_messages(response) -> str:
    """Every error the editor shows, in the admin's language (Danish)."""
    form = response.context["form"]
    messages = [str(m) for errors in form.errors.values() for m in errors]
    for formset in form.formsets.values():
        for errors in formset.errors:
            messages += [str(m) for field_errors in errors.values() for m in field_errors]
    return " ".join(messages)


def post_milestones(client, project, *rows, **changes):
    url = reverse("wagtailadmin_pages:edit", args=(project.pk,))
    data = edit_data(project, milestones=inline_formset(list(rows)), **changes)
    return client.post(url, data)


@pytest.fixture
def council_client(client, plan, django_user_model):
    return log_in_council_member(client, plan, django_user_model)


def test_a_council_adds_a_milestone_to_its_own_project(council_client, plan):
    project = published_project(plan)

    response = post_milestones(council_client, project, milestone_row())

    assert response.status_code == 302
    draft = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert [m.title for m in draft.milestones.all()] == ["Byggeweekend"]
    # A draft: residents do not see it until the municipality publishes it.
    assert not ProjectPage.objects.get(pk=project.pk).milestones.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"planned_date": "9999-01-01"}, "Vælg en dato mellem år 2000 og 2100."),
        ({"planned_date": "0202-01-01"}, "Vælg en dato mellem år 2000 og 2100."),
        ({"planned_date": "31-02-2025"}, "Indtast en gyldig dato."),
        ({"done_date": (TODAY + timedelta(days=1)).isoformat()}, "kan ikke være nået i fremtiden"),
        ({"title": "x" * 5000}, "højst have 120 tegn"),
        ({"description": "tekst " * 20000}, "højst have 500 tegn"),
    ],
)
def test_hostile_milestones_get_a_danish_message(council_client, plan, row, message):
    project = published_project(plan)
    revisions = project.revisions.count()

    response = post_milestones(council_client, project, milestone_row(**row))

    assert response.status_code == 200
    assert message in error_messages(response)
    assert project.revisions.count() == revisions


def test_a_milestone_without_a_title_cannot_be_submitted(council_client, plan):
    """Wagtail lets a draft be saved unfinished; what goes to the municipality is complete."""
    project = published_project(plan)

    response = post_milestones(
        council_client, project, milestone_row(title=""), **{"action-submit": "1"}
    )

    assert response.status_code == 200
    assert "Dette felt er påkrævet." in error_messages(response)
    assert not WorkflowState.objects.filter(object_id=str(project.pk)).exists()


def test_done_before_planned_is_allowed(council_client, plan):
    project = published_project(plan)

    response = post_milestones(
        council_client,
        project,
        milestone_row(planned_date="2026-06-01", done_date="2025-01-15"),
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"progress_override": "40", "progress_reason": ""}, "Skriv, hvorfor fremdriften"),
        ({"progress_override": "150", "progress_reason": "Fordi"}, "mindre end eller lig 100"),
        ({"progress_override": "-5", "progress_reason": "Fordi"}, "større end eller lig 0"),
    ],
)
def test_progress_set_by_hand_needs_a_reason_and_a_percentage(
    council_client, plan, changes, message
):
    project = published_project(plan)

    response = post_milestones(council_client, project, **changes)

    assert response.status_code == 200
    assert message in error_messages(response)


def test_another_areas_council_cannot_add_milestones(client, site_root, django_user_model):
    plans = published_plans(site_root)
    project = published_project(plans["A"], title="Stationen")
    log_in_council_member(client, plans["B"], django_user_model, username="tybjerg")

    response = post_milestones(client, project, milestone_row(title="Fremmed milepæl"))

    assert response.status_code in (302, 403)
    assert (
        ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object().milestones.count()
        == 0
    )
    assert not Milestone.objects.filter(title="Fremmed milepæl").exists()


def test_the_project_pages_json_ld_carries_its_status_and_progress(client, plan):
    project = published_project(
        plan,
        [
            milestone("Ansøgning sendt", date(2024, 1, 1), done=date(2024, 1, 5)),
            milestone("Byggeri", date(2031, 1, 1)),
        ],
        title="Skov </script><script>alert(1)</script> & <!-- træer",
        status="in_progress",
    )
    html = client.get(project.url).content.decode()

    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [data] = [json.loads(script) for script in scripts]
    assert "<script>alert" not in html
    assert data["name"] == "Skov </script><script>alert(1)</script> & <!-- træer"
    properties = {p["propertyID"]: p for p in data["additionalProperty"]}
    assert properties["status"]["value"] == "in_progress"
    assert properties["progress"]["@type"] == "PropertyValue"
    assert (properties["progress"]["value"], properties["progress"]["unitText"]) == (50, "percent")
    assert data["creativeWorkStatus"] == "I gang"


def test_a_late_milestone_is_marked_overdue_in_words_on_the_project_and_the_plan(client, plan):
    project = published_project(
        plan,
        [
            milestone("Tilladelse", PAST - timedelta(days=10)),
            milestone("Byggestart", PAST),
            milestone("Indvielse", FUTURE),
        ],
        status="in_progress",
        title="Shelter",
    )

    project_html = client.get(project.url).content.decode()
    plan_html = client.get(plan.url).content.decode()

    # The next step and the later one whose date has passed, both; not the one ahead.
    assert project_html.count('<strong class="milestone-overdue">Forsinket</strong>') == 2
    assert plan_html.count('<strong class="milestone-overdue">Forsinket</strong>') == 2
    assert Milestone(planned_date=PAST).is_overdue
    assert not Milestone(planned_date=PAST, done_date=PAST).is_overdue
    assert not Milestone(planned_date=FUTURE).is_overdue
