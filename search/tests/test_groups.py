"""Everything a resident looks for, grouped by kind, with the projects keeping their filters."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from core.tests.database import built_once, make_locale_en, make_site_root
from participation.tests.factories import SurveyPageFactory, add_ideas
from plan_pages.tests.factories import (
    AnnualReportPageFactory,
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
)
from sdg.goals import goals
from sdg.pages import ensure_goal_pages
from search.groups import MAX_PER_GROUP

from .searching import publish, search

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        site_root = make_site_root()
        make_locale_en()
        tybjerg = publish(
            LocalAreaPlanPageFactory(
                parent=site_root, title="Tybjerg og omegn", villages="Tybjerg, Bavelse, Kvislemark"
            )
        )
        # Another area that only mentions the village in its text.
        glumsoe = publish(
            LocalAreaPlanPageFactory(
                parent=site_root,
                title="Glumsø og omegn",
                villages="Glumsø, Sandby",
                summary="Vi samarbejder med Bavelse om stier.",
            )
        )
        publish(ProjectPageFactory(parent=tybjerg, title="Bålhytte i Bavelse", goals=[3]))
        publish(ProjectPageFactory(parent=glumsoe, title="Legeplads i Glumsø", goals=[3]))
        publish(SurveyPageFactory(parent=glumsoe, title="Spørgeskema om legepladsen"))
        publish(AnnualReportPageFactory(parent=glumsoe, title="Årsrapport om legepladser"))
        add_ideas(glumsoe, "Ny legeplads ved hallen med gynger")
        ensure_goal_pages(site_root)
        yield {"tybjerg": tybjerg.pk, "glumsoe": glumsoe.pk}


def group_titles(response):
    return {
        group.key: [result.title for result in group.results]
        for group in [*response.context["groups_before"], *response.context["groups_after"]]
    }


def test_a_village_leads_to_its_areas_plan_first(client, shared):
    response = search(client, {"q": "Bavelse"})

    assert group_titles(response)["areas"] == ["Tybjerg og omegn", "Glumsø og omegn"]
    html = response.content.decode()
    assert '<h2 id="results-areas-heading">Lokalområder <span class="count">(2)</span></h2>' in html
    assert html.index("Tybjerg og omegn</a>") < html.index('id="search-results-heading"')
    assert [project.title for project in response.context["outcome"].page.object_list] == [
        "Bålhytte i Bavelse"
    ]


def test_results_are_grouped_by_kind(client, shared):
    response = search(client, {"q": "legepladser"})
    groups = group_titles(response)

    assert groups["participation"] == [
        "Spørgeskema om legepladsen",
        "Ny legeplads ved hallen med gynger",
    ]
    assert groups["pages"] == ["Årsrapport om legepladser"]
    assert [p.title for p in response.context["outcome"].page.object_list] == ["Legeplads i Glumsø"]
    html = response.content.decode()
    for heading in ("Projekter", "Idéer og spørgeskemaer", "Sider"):
        assert heading in html


def test_a_survey_and_a_report_are_placed_by_their_area_and_link_to_their_pages(client, shared):
    response = search(client, {"q": "legepladser"})
    results = {
        result.title: result
        for group in [*response.context["groups_before"], *response.context["groups_after"]]
        for result in group.results
    }

    for title in ("Spørgeskema om legepladsen", "Årsrapport om legepladser"):
        assert results[title].context == "Glumsø og omegn"
        assert results[title].url == Page.objects.get(title=title).url
    assert results["Ny legeplads ved hallen med gynger"].context == "Glumsø og omegn"


def test_a_goal_and_its_targets_are_found_the_goal_named_first(client, shared):
    climate = group_titles(search(client, {"q": "klima"}))["goals"]
    # Goal 13 by its title; goals 1, 2 and 11 by one of their targets, after it.
    assert climate[0] == "13. Klimaindsats"
    assert set(climate[1:]) == {
        "1. Afskaf fattigdom",
        "2. Stop sult",
        f"11. {goals()[11].short_title['da']}",
    }
    # Target 14.1 names marine pollution; the goal's own texts do not.
    assert group_titles(search(client, {"q": "havforurening"}))["goals"] == ["14. Livet i havet"]


def test_the_projects_keep_their_filters_and_counts_beside_the_groups(client, shared):
    response = search(client, {"q": "Bavelse", "goal": "3", "area": "tybjerg-og-omegn"})
    outcome = response.context["outcome"]

    assert [project.title for project in outcome.page.object_list] == ["Bålhytte i Bavelse"]
    assert outcome.facets["goal"] == {3: 1}
    assert outcome.facets["area"] == {"tybjerg-og-omegn": 1}
    assert group_titles(response)["areas"][0] == "Tybjerg og omegn"


def test_an_idea_of_an_unpublished_plan_is_not_shown(client, shared):
    Page.objects.filter(pk=shared["glumsoe"]).update(live=False)
    assert "participation" not in group_titles(search(client, {"q": "gynger"}))


def test_an_area_under_a_view_restriction_is_found_with_none_of_its_pages_or_ideas(client, shared):
    found_before = group_titles(search(client, {"q": "legeplads"}))
    assert "Spørgeskema om legepladsen" in found_before["participation"]

    PageViewRestriction.objects.create(
        page_id=shared["glumsoe"], restriction_type=PageViewRestriction.LOGIN
    )

    assert group_titles(search(client, {"q": "legeplads"})) == {}


def test_other_languages_are_left_out(client, shared):
    assert group_titles(search(client, {"q": "Bavelse"}, language="en")) == {}


def test_the_query_count_does_not_grow_with_the_results(client, shared):
    def queries():
        search(client, {"q": "legeplads", "goal": "3"})
        with CaptureQueriesContext(connection) as captured:
            search(client, {"q": "legeplads", "goal": "3"})
        return len(captured)

    glumsoe = Page.objects.get(pk=shared["glumsoe"]).specific
    for number in range(2):
        publish(ProjectPageFactory(parent=glumsoe, title=f"Legeplads {number}", goals=[3]))
    few = queries()
    for number in range(27):
        publish(ProjectPageFactory(parent=glumsoe, title=f"Legeplads nr. {number}", goals=[3]))
    assert queries() == few


def test_the_groups_take_as_many_queries_for_30_matching_pages_as_for_3(client, shared):
    site_root = Page.objects.get(pk=shared["tybjerg"]).get_parent()
    glumsoe = Page.objects.get(pk=shared["glumsoe"]).specific

    def add(numbers):
        for number in numbers:
            publish(
                LocalAreaPlanPageFactory(
                    parent=site_root, title=f"Fuglebjerg {number}", villages="Fuglebjerg"
                )
            )
            publish(SurveyPageFactory(parent=glumsoe, title=f"Spørgeskema om Fuglebjerg {number}"))

    def queries():
        search(client, {"q": "Fuglebjerg"})
        with CaptureQueriesContext(connection) as captured:
            response = search(client, {"q": "Fuglebjerg"})
        return len(captured), group_titles(response)

    add(range(3))
    few, found = queries()
    assert len(found["areas"]) == 3 and len(found["participation"]) == 3
    add(range(3, 30))
    many, found = queries()
    assert many == few
    assert len(found["areas"]) == MAX_PER_GROUP == len(found["participation"])
