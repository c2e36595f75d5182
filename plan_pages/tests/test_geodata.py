"""The areas and projects as GeoJSON (open data): valid RFC 7946 documents that list exactly
the published pages of one language, filtered like the API; maps on goal pages; colours."""

import json
from urllib.parse import urlparse

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest
from shapely.geometry import shape

from places.geometry import DENMARK, SITE_TYPES, read_geometry
from plan_pages.maps import area_places, with_area_colours
from plan_pages.models import LocalAreaPlanPage, ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory
from sdg.models import SDGGoalPage
from sdg.pages import ensure_goal_pages

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[11.6, 55.3], [11.8, 55.3], [11.8, 55.4], [11.6, 55.4], [11.6, 55.3]]],
}
OTHER = {
    "type": "Polygon",
    "coordinates": [[[11.4, 55.2], [11.55, 55.2], [11.55, 55.3], [11.4, 55.3], [11.4, 55.2]]],
}
POINT = {"type": "Point", "coordinates": [11.7, 55.35]}
PATH = {"type": "LineString", "coordinates": [[11.65, 55.32], [11.7, 55.33]]}


def publish(page):
    page.save_revision().publish()
    return page


def translate(page, locale, title):
    english = page.copy_for_translation(locale, copy_parents=True)
    english.title = title
    return publish(english)


@pytest.fixture
def site(site_root, locale_en):
    glumsoe = publish(
        LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe", area=SQUARE)
    )
    tybjerg = publish(
        LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg", slug="tybjerg", area=OTHER)
    )
    pages = {
        "glumsoe": glumsoe,
        "tybjerg": tybjerg,
        "forest": publish(
            ProjectPageFactory(parent=glumsoe, title="Folkeskoven", goals=[15], site=POINT)
        ),
        "path": publish(
            ProjectPageFactory(
                parent=glumsoe, title="Stien", goals=[11], status="completed", site=PATH
            )
        ),
        "unplaced": publish(ProjectPageFactory(parent=glumsoe, title="Nyhedsbrev")),
        "draft": ProjectPageFactory(parent=tybjerg, title="Kladde", live=False, site=POINT),
        "private": publish(ProjectPageFactory(parent=tybjerg, title="Lukket", site=POINT)),
    }
    PageViewRestriction.objects.create(
        page=pages["private"], restriction_type=PageViewRestriction.LOGIN
    )
    pages["glumsoe_en"] = translate(glumsoe, locale_en, "Glumsø and around")
    pages["forest_en"] = translate(pages["forest"], locale_en, "The people's forest")
    return pages


def url(name, language="da", query=""):
    with translation.override(language):
        return reverse(name) + query


def get(client, name, language="da", query=""):
    response = client.get(url(name, language, query))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def path(feature):
    """The address of a feature's page, without the host (the request's)."""
    return urlparse(feature["properties"]["url"]).path


def assert_valid_rfc7946(document):
    assert document["type"] == "FeatureCollection"
    west, south, east, north = DENMARK
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        # Valid to the site's own checks (which refuse unclosed rings and crossings) and
        # unchanged by them, and each outer ring anticlockwise (RFC 7946's right-hand rule).
        assert shape(read_geometry(geometry, SITE_TYPES + ("MultiPolygon",))).equals(
            shape(geometry)
        )
        for polygon in getattr(shape(geometry), "geoms", [shape(geometry)]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw
        kind, coordinates = geometry["type"], geometry["coordinates"]
        rings = coordinates if kind == "Polygon" else []
        rings += (
            [ring for polygon in coordinates for ring in polygon] if kind == "MultiPolygon" else []
        )
        positions = {"Point": [coordinates], "LineString": coordinates}.get(kind) or [
            position for ring in rings for position in ring
        ]
        for longitude, latitude in positions:  # longitude first: Denmark is 8°–15° E, 54°–58° N
            assert west <= longitude <= east and south <= latitude <= north
        for ring in rings:
            assert ring[0] == ring[-1] and len(ring) >= 4


def test_the_areas_document_is_valid_geojson_of_the_published_areas_of_each_language(client, site):
    danish = get(client, "geo-areas", "da")
    assert_valid_rfc7946(danish)
    published = LocalAreaPlanPage.objects.live().public().filter(locale__language_code="da")
    assert {path(f) for f in danish["features"]} == {p.url for p in published}
    glumsoe = next(f for f in danish["features"] if f["properties"]["name"] == "Glumsø")
    assert glumsoe["geometry"] == SQUARE
    assert glumsoe["properties"]["language"] == "da"
    assert glumsoe["properties"]["status"] == "ongoing"
    assert glumsoe["properties"]["goals"] == [11, 15]
    # The unplaced project counts; the draft and the private one are in another area.
    assert glumsoe["properties"]["project_count"] == 3
    assert glumsoe["properties"]["project_counts"]["completed"] == 1
    tybjerg = next(f for f in danish["features"] if f["properties"]["name"] == "Tybjerg")
    assert tybjerg["properties"]["project_count"] == 0

    english = get(client, "geo-areas", "en")
    assert_valid_rfc7946(english)
    assert [f["properties"]["name"] for f in english["features"]] == ["Glumsø and around"]
    assert (
        path(english["features"][0]) == LocalAreaPlanPage.objects.get(pk=site["glumsoe_en"].pk).url
    )
    assert english["features"][0]["properties"]["project_count"] == 1
    assert english["language"] == "en"


def test_the_projects_document_lists_placed_live_public_projects_only(client, site):
    danish = get(client, "geo-projects", "da")
    assert_valid_rfc7946(danish)
    names = [f["properties"]["name"] for f in danish["features"]]
    assert names == ["Folkeskoven", "Stien"]  # not the draft, the private or the unplaced one
    forest = danish["features"][0]
    assert forest["geometry"] == POINT
    assert path(forest) == site["forest"].url
    assert forest["properties"]["status"] == "in_progress"
    assert forest["properties"]["goals"] == [15]
    assert forest["properties"]["area"]["name"] == "Glumsø"
    placed = ProjectPage.objects.live().public().filter(locale__language_code="da")
    assert set(names) == {p.title for p in placed.exclude(site=None) if p.site}

    english = get(client, "geo-projects", "en")
    assert [f["properties"]["name"] for f in english["features"]] == ["The people's forest"]
    assert english["features"][0]["properties"]["language"] == "en"
    # ?locale= picks the language whatever the address's prefix.
    assert get(client, "geo-projects", "da", "?locale=en") == english


def test_the_projects_are_filtered_like_the_api(client, site):
    def names(query):
        return [
            f["properties"]["name"] for f in get(client, "geo-projects", "da", query)["features"]
        ]

    assert names("?goal=15") == ["Folkeskoven"]
    assert names("?status=completed") == ["Stien"]
    assert names("?area=glumsoe") == ["Folkeskoven", "Stien"]
    assert names(f"?area={site['glumsoe'].pk}") == ["Folkeskoven", "Stien"]
    assert names("?area=tybjerg") == []
    assert names("?goal=11&area=glumsoe&status=completed") == ["Stien"]
    areas = get(client, "geo-areas", "da", "?area=tybjerg")["features"]
    assert [f["properties"]["name"] for f in areas] == ["Tybjerg"]


@pytest.mark.parametrize(
    "name, query",
    [
        ("geo-projects", "?goal=18"),
        ("geo-projects", "?goal=%C2%B2"),
        ("geo-projects", "?goal=99999999999999999999"),
        ("geo-projects", "?status=done"),
        ("geo-projects", "?locale=fr"),
        ("geo-projects", "?colour=red"),
        ("geo-projects", "?goal=11&goal=15"),
        ("geo-projects", "?area=%00"),
        ("geo-areas", "?goal=11"),
        ("geo-areas", "?locale=xx"),
    ],
)
def test_bad_parameters_are_refused_with_400_and_a_message(client, site, name, query):
    response = client.get(url(name, "da", query))
    assert response.status_code == 400
    assert json.loads(response.content)["message"]


def test_odd_area_values_find_nothing_rather_than_fail(client, site):
    for value in ("99999999999", "' OR 1=1 --", "glumsø", "-1"):
        assert get(client, "geo-projects", "da", f"?area={value}")["features"] == []


@pytest.mark.parametrize("name", ["geo-areas", "geo-projects"])
def test_the_documents_take_the_same_queries_for_three_or_thirty_projects(client, site, name):
    def add(count, start=0):
        for number in range(count):
            publish(
                ProjectPageFactory(
                    parent=site["tybjerg"], title=f"P{start + number}", goals=[3], site=POINT
                )
            )

    add(3)
    client.get(url(name))  # the site and its settings, read again after each publish
    with CaptureQueriesContext(connection) as few:
        get(client, name)
    add(27, start=3)
    client.get(url(name))
    with CaptureQueriesContext(connection) as many:
        document = get(client, name)
    assert len(many) == len(few)
    if name == "geo-projects":
        assert len(document["features"]) == 32


def test_the_overview_of_areas_and_a_plan_page_link_their_geojson_in_the_head(client, site):
    html = client.get(site["glumsoe"].url).content.decode()
    head = html.split("</head>")[0]
    assert (
        f'<link rel="alternate" type="application/geo+json" '
        f'title="The areas as map data (GeoJSON)" href="{url("geo-areas")}?area=glumsoe">'
    ) in head.replace("Områderne som kortdata (GeoJSON)", "The areas as map data (GeoJSON)")
    assert f'href="{url("geo-projects")}?area=glumsoe"' in head


def test_an_area_has_the_same_colour_in_danish_and_english(site, locale_en):
    tybjerg_en = translate(site["tybjerg"], locale_en, "Tybjerg and around")
    danish = LocalAreaPlanPage.objects.filter(locale__language_code="da").order_by("title")
    # In English the order by title differs from the Danish one ("Glumsø" < "Tybjerg" both,
    # so one more area first in English tests that the order does not decide).
    early = publish(
        LocalAreaPlanPageFactory(
            parent=site["glumsoe_en"].get_parent(), title="Aaa", locale=locale_en, area=OTHER
        )
    )
    english = [early, site["glumsoe_en"], tybjerg_en]
    colours_da = {p.name: p.colour for p in area_places(danish)}
    colours_en = {p.name: p.colour for p in area_places(english)}
    assert colours_da["Glumsø"] == colours_en["Glumsø and around"]
    assert colours_da["Tybjerg"] == colours_en["Tybjerg and around"]
    assert colours_da["Glumsø"] != colours_da["Tybjerg"]


def test_an_area_has_the_same_colour_read_with_its_plan_as_looked_up_apart(site, locale_en):
    translate(site["tybjerg"], locale_en, "Tybjerg and around")
    plans = LocalAreaPlanPage.objects.order_by("title")
    looked_up = {p.url: p.colour for p in area_places(list(plans))}
    read_with = {p.url: p.colour for p in area_places(list(with_area_colours(plans)))}
    assert read_with == looked_up
    assert len(set(read_with.values())) > 1


def test_a_goal_page_shows_its_placed_projects_on_a_map_beside_their_list(client, site):
    ensure_goal_pages(site["glumsoe"].get_parent())
    goal = SDGGoalPage.objects.get(locale__language_code="da", number=11)
    html = client.get(goal.url).content.decode()
    assert f'<a href="{site["path"].url}" class="map-site-link" aria-label="1. Stien">' in html
    assert 'class="map-site-number" aria-hidden="true">1</span> <a href="' in html
    assert "Folkeskoven" not in html.split('id="goal-map-heading"')[1].split("</section>")[0]
    # Filtered like the list: completed projects only keeps Stien; paused ones none, no map.
    assert "map-site-link" in client.get(goal.url + "?status=completed").content.decode()
    assert "map-site-link" not in client.get(goal.url + "?status=paused").content.decode()
