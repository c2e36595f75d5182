"""Find my area: a resident types a village, parish or postcode and lands on the area's plan,
in either language and without JavaScript (a GET form); the overview maps every area."""

from wagtail.models import Locale

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory

AREA = {
    "type": "Polygon",
    "coordinates": [[[11.6, 55.3], [11.8, 55.3], [11.8, 55.4], [11.6, 55.4], [11.6, 55.3]]],
}


@pytest.fixture
def plans(home_page):
    glumsoe = LocalAreaPlanPageFactory(
        parent=home_page,
        title="Glumsø og Omegn",
        place_names="Glumsø, Bavelse, Bavelse sogn, 4171",
        area=AREA,
    )
    sandved = LocalAreaPlanPageFactory(
        parent=home_page, title="Lokalområdet 4262", place_names="Sandved, Tornemark, 4262"
    )
    cluster = LocalAreaPlanPageFactory(
        parent=home_page, title="Landet mellem byerne", place_names="Fuglebjerg, Sandved"
    )
    return {"glumsoe": glumsoe, "sandved": sandved, "cluster": cluster}


def find(client, language, text):
    return client.get(f"/{language}/find/", {"place": text})


@pytest.mark.parametrize(
    "text", ["Bavelse", "bavelse sogn", "4171", " GLUMSØ ", "Glumsoe", "Glumso", "glu"]
)
def test_a_village_parish_or_postcode_leads_to_the_areas_plan(client, plans, text):
    response = find(client, "da", text)
    assert response.status_code == 302
    assert response.url == plans["glumsoe"].url


def test_the_english_site_leads_to_the_english_plan(client, plans):
    english = Locale.objects.get_or_create(language_code="en")[0]
    home_en = plans["glumsoe"].get_parent().specific.copy_for_translation(english)
    home_en.save_revision().publish()
    plan_en = plans["glumsoe"].copy_for_translation(english)
    plan_en.save_revision().publish()
    plan_en.refresh_from_db()
    response = find(client, "en", "Bavelse")
    assert response.status_code == 302
    assert response.url == plan_en.url and response.url.startswith("/en/")


def test_a_name_in_two_areas_lists_both(client, plans):
    response = find(client, "da", "Sandved")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ligger i mere end ét område" in html
    assert plans["sandved"].url in html and plans["cluster"].url in html
    assert plans["glumsoe"].url not in html.split("<main")[1].split("</main>")[0]


def test_an_unknown_name_says_so_and_lists_every_area(client, plans):
    response = find(client, "da", "<b>Holme-Olstrup</b>")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vi kender ikke »&lt;b&gt;Holme-Olstrup&lt;/b&gt;«" in html
    assert all(plan.url in html for plan in plans.values())


def test_a_very_long_query_is_cut_and_answered(client, plans):
    response = find(client, "da", "x" * 100_000)
    assert response.status_code == 200
    assert "x" * 101 not in response.content.decode()


def test_the_overview_draws_the_areas_and_suggests_every_place_name(client, plans):
    html = client.get("/da/").content.decode()
    assert (
        f'<a href="{plans["glumsoe"].url}" class="map-area-link" aria-label="Glumsø og Omegn">'
        in html
    )
    assert '<option value="Bavelse sogn"></option>' in html
    assert '<form class="find-area" action="/da/find/" method="get" role="search"' in html


def test_the_overview_reads_what_its_cards_map_and_finder_show_of_a_plan_not_its_texts(
    plans, home_page, django_assert_num_queries
):
    listed = list(home_page.plans())

    with django_assert_num_queries(0):
        shown = [
            (plan.title, plan.url_path, plan.summary, plan.get_plan_kind_display())
            + (plan.year_adopted, plan.concluded_on, plan.area, plan.place_names, plan.villages)
            for plan in listed
        ]

    assert [row[0] for row in shown] == [
        "Glumsø og Omegn",
        "Landet mellem byerne",
        "Lokalområdet 4262",
    ]
    assert all({"body", "vision"} <= plan.get_deferred_fields() for plan in listed)
