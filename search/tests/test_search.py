"""Finding projects by words, goal, area and status: counts, languages and bad input."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tests.database import built_once, make_locale_en, make_site_root
from plan_pages.models import ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def search_url(language="da"):
    with translation.override(language):
        return reverse("search")


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Two areas with a known set of projects, and an English copy of one project: built once
    for the module; each test runs in its own savepoint (core.tests.database)."""
    with built_once(django_db_blocker):
        pages = build_areas(make_site_root(), make_locale_en())
        yield {key: page.pk for key, page in pages.items()}


@pytest.fixture
def areas(shared, db):
    return {key: Page.objects.get(pk=pk).specific for key, pk in shared.items()}


def build_areas(site_root, locale_en):
    glumsoe = publish(LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe"))
    tybjerg = publish(LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg", slug="tybjerg"))
    projects = {
        "sol": (
            glumsoe,
            [7, 13],
            "planned",
            "Solceller på hallen",
            "Fælles energi for landsbyerne",
        ),
        "sti": (glumsoe, [3, 15], "idea", "Trampesti om søen", "En sti rundt om søen"),
        "bus": (tybjerg, [11], "in_progress", "Bedre busser", "Flere afgange til landsbyen"),
        "varme": (tybjerg, [7], "completed", "Fjernvarme i Tybjerg", "Grøn varme"),
    }
    made = {}
    for key, (plan, goals, status, title, summary) in projects.items():
        made[key] = publish(
            ProjectPageFactory(
                parent=plan, goals=goals, status=status, title=title, summary=summary
            )
        )
    draft = ProjectPageFactory(parent=glumsoe, goals=[7], title="Solceller i kladde", live=False)
    made["draft"] = draft
    english = made["sol"].copy_for_translation(locale_en, copy_parents=True)
    english.title, english.summary = "Solar panels on the hall", "Shared energy for the villages"
    made["english"] = publish(english)
    return {"glumsoe": glumsoe, "tybjerg": tybjerg, **made}


def titles(response):
    return sorted(project.title for project in response.context["outcome"].page.object_list)


def test_combined_filters_and_their_counts(client, areas):
    response = client.get(search_url(), {"goal": ["7", "11"], "area": "glumsoe"})

    assert titles(response) == ["Solceller på hallen"]
    facets = response.context["outcome"].facets
    # Each facet counts what the *other* active filters allow.
    assert facets["goal"] == {7: 1, 13: 1, 3: 1, 15: 1}
    assert facets["area"] == {"glumsoe": 1, "tybjerg": 2}
    assert facets["status"] == {"planned": 1}


def test_statuses_and_words_narrow_the_results(client, areas):
    assert titles(client.get(search_url(), {"status": ["idea", "completed"]})) == [
        "Fjernvarme i Tybjerg",
        "Trampesti om søen",
    ]
    assert titles(client.get(search_url(), {"q": "søen"})) == ["Trampesti om søen"]
    assert titles(client.get(search_url(), {"q": "sti", "goal": "7"})) == []


def test_only_live_projects_of_the_active_language(client, areas):
    danish = titles(client.get(search_url("da"), {"goal": "7"}))
    english = titles(client.get(search_url("en"), {"goal": "7"}))

    assert danish == ["Fjernvarme i Tybjerg", "Solceller på hallen"]
    assert english == ["Solar panels on the hall"]
    assert "Solceller i kladde" not in danish


def test_the_query_words_are_highlighted_and_the_text_escaped(client, areas):
    areas["sti"].summary = "En sti <b>rundt</b> om søen"
    publish(areas["sti"])
    html = client.get(search_url(), {"q": "sti"}).content.decode()
    assert "En <mark>sti</mark> &lt;b&gt;rundt&lt;/b&gt; om søen" in html


def test_nothing_found_offers_a_way_on(client, areas):
    html = client.get(search_url(), {"q": "rumfærge"}).content.decode()
    assert "Ingen projekter passer til din søgning." in html
    assert "Tjek stavningen" in html


def test_the_form_round_trips_every_filter(client, areas):
    params = {
        "q": "sol",
        "goal": ["7", "13"],
        "area": "glumsoe",
        "status": "planned",
        "sort": "newest",
    }
    html = client.get(search_url(), params).content.decode()

    assert 'name="q" value="sol"' in html
    for goal in ("7", "13"):
        assert f'name="goal" value="{goal}" checked' in html
    assert 'name="area" value="glumsoe" checked' in html
    assert 'name="status" value="planned" checked' in html
    assert '<option value="newest" selected>' in html
    assert 'method="get"' in html


def test_plan_and_goal_pages_use_the_same_filters(client, areas):
    plan_page = client.get(areas["glumsoe"].url, {"goal": "15"})
    assert titles(plan_page) == ["Trampesti om søen"]
    assert "area" not in plan_page.context["outcome"].facets

    from sdg.pages import ensure_goal_pages

    home = areas["glumsoe"].get_parent()
    index = ensure_goal_pages(home)
    goal_7 = index.get_children().get(slug="maal-7")
    html = client.get(goal_7.url, {"area": "tybjerg"}).content.decode()
    assert "Fjernvarme i Tybjerg" in html and "Solceller på hallen" not in html


def test_query_count_does_not_grow_with_the_results(client, areas):
    def queries(params):
        client.get(search_url(), params)
        with CaptureQueriesContext(connection) as captured:
            client.get(search_url(), params)
        return len(captured)

    few = queries({"goal": "11"})
    for number in range(20):
        publish(ProjectPageFactory(parent=areas["tybjerg"], goals=[11], title=f"Bus {number}"))
    assert queries({"goal": "11"}) == few
    assert queries({"goal": "11", "q": "bus"}) == queries({"goal": "11", "q": "busser"})


@pytest.mark.parametrize(
    "params",
    [
        {"q": "landsby " * 250},
        {"goal": ["abc", "99", "-1", "7" * 5000, "٣"]},
        {"q": ["a", "b"], "goal": ["7", "7"], "page": ["1", "2"]},
        {"page": "999999"},
        {"page": "-1"},
        {"page": "abc"},
        {"q": "'; DROP TABLE wagtailcore_page; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "\x00\x01 nul"},
        {"q": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽ 🏳️‍🌈 ẞ"},
        {"area": "<img src=x onerror=alert(1)>", "status": "nonsense", "sort": "drop"},
    ],
)
def test_bad_input_gives_a_page_with_a_message_never_an_error(client, areas, params):
    response = client.get(search_url(), params)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert ProjectPage.objects.filter(pk=areas["sol"].pk).exists()


def test_a_long_query_is_shortened_with_a_notice(client, areas):
    html = client.get(search_url(), {"q": "landsby " * 250}).content.decode()
    assert "Din søgning blev forkortet til 200 tegn." in html


def test_unknown_filters_are_named_and_left_out(client, areas):
    response = client.get(search_url(), {"goal": ["7", "99"], "area": "atlantis"})
    html = response.content.decode()
    notice = "Disse filtre kendes ikke og er udeladt: “99”, “atlantis”."
    assert f'<p class="notice" role="note">{notice}</p>' in html
    assert response.context["outcome"].query.goals == (7,)


PARAMETER = st.sampled_from(["q", "goal", "area", "status", "sort", "page"])
VALUE = st.one_of(
    st.text(max_size=300),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["7", "glumsoe", "planned", "newest", "", "%", "\\", "'", '"']),
)


@pytest.mark.slow  # 60 searches
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.lists(st.tuples(PARAMETER, VALUE), max_size=8))
def test_fuzzed_parameters_never_give_a_server_error(client, areas, params):
    query_string = {}
    for name, value in params:
        query_string.setdefault(name, []).append(value)
    response = client.get(search_url(), query_string)
    assert response.status_code in (200, 400)
