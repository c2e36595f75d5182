"""GeoJSON as editors paste or upload it: clean shapes pass, anything else gets a plain
Danish message, and nothing hostile costs much or raises anything but a ValidationError."""

import contextlib
import json
import time

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box, shape

from places.geometry import AREA_TYPES, MAX_BYTES, SITE_TYPES, read_geometry, within

SQUARE = [[11.70, 55.30], [11.80, 55.30], [11.80, 55.40], [11.70, 55.40], [11.70, 55.30]]


def polygon(ring=SQUARE):
    return {"type": "Polygon", "coordinates": [ring]}


def message(value, allowed=AREA_TYPES):
    with translation.override("da"), pytest.raises(ValidationError) as caught:
        read_geometry(value, allowed)
    return " ".join(caught.value.messages)


def test_a_clean_polygon_is_kept_with_its_outer_ring_anticlockwise():
    clockwise = polygon(list(reversed(SQUARE)))
    area = read_geometry(json.dumps(clockwise))
    ring = area["coordinates"][0]
    # The shoelace sum is positive for an anticlockwise ring (RFC 7946, section 3.1.6).
    assert sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) > 0
    assert area["type"] == "Polygon"


def test_a_feature_and_a_collection_of_touching_areas_give_one_area():
    west = polygon([[11.6, 55.3], [11.7, 55.3], [11.7, 55.4], [11.6, 55.4], [11.6, 55.3]])
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": g} for g in (west, polygon())
        ],
    }
    joined = read_geometry(json.dumps(collection))
    assert joined["type"] == "Polygon"  # the shared border is gone
    assert read_geometry({"type": "Feature", "geometry": polygon()})["type"] == "Polygon"


def test_an_unclosed_ring_is_refused():
    assert "ikke lukket" in message(polygon(SQUARE[:-1]))


def test_a_ring_that_crosses_itself_is_refused_with_where():
    bow_tie = [[11.7, 55.3], [11.8, 55.4], [11.8, 55.3], [11.7, 55.4], [11.7, 55.3]]
    assert "krydser sig selv nær 11.75000, 55.35000" in message(polygon(bow_tie))


def test_swapped_coordinates_fall_outside_denmark():
    swapped = polygon([[lat, lon] for lon, lat in SQUARE])
    text = message(swapped)
    assert "uden for Danmark" in text and "byttet om" in text


def test_utm_coordinates_are_outside_denmark_too():
    assert "uden for Danmark" in message(
        {"type": "Point", "coordinates": [650000, 6130000]}, SITE_TYPES
    )


@pytest.mark.parametrize(
    "text, words",
    [
        ('{"type": "Point", "coordinates": [11.7, NaN]}', "NaN er ikke et tal"),
        ('{"type": "Point", "coordinates": [Infinity, 55]}', "Infinity er ikke et tal"),
        ('{"type": "Point", "coordinates": [true, 55]}', "Koordinaterne er ikke skrevet"),
        ('{"type": "Point", "coordinates": "11.7 55.3"}', "Koordinaterne er ikke skrevet"),
        ('{"type": "Polygon", "coordinates": [[[11.7, 55.3, 1, 2]]]}', "Koordinaterne"),
        ('{"type": "GeometryCollection", "geometries": []}', "ikke en GeoJSON-geometri"),
        ('{"type": "Point", "coordinates": [11.7, 55.3]}', "Dette er et punkt"),
        ("not json", "ikke GeoJSON"),
        ('"Glumsø"', "ikke en GeoJSON-geometri"),
        ("[" * 100_000 + "]" * 100_000, "ikke GeoJSON"),
        ('{"type": "Polygon", "coordinates": ' + "[" * 50_000 + "]" * 50_000 + "}", "ikke GeoJSON"),
    ],
)
def test_malformed_geojson_gets_a_danish_message(text, words):
    assert words in message(text)


def test_a_document_over_the_size_limit_is_refused_before_it_is_read():
    huge = '{"type": "Polygon", "coordinates": [[' + "[11.7, 55.3]," * (MAX_BYTES // 10) + "]]}"
    started = time.perf_counter()
    assert "for store" in message(huge)
    assert time.perf_counter() - started < 0.5


def test_a_million_points_are_refused_quickly_as_too_many():
    million = polygon([[11.7, 55.3]] * 1_000_000)
    started = time.perf_counter()
    assert "for mange punkter" in message(million)
    assert time.perf_counter() - started < 2


def test_a_project_site_may_be_a_point_a_line_or_a_small_area():
    assert read_geometry({"type": "Point", "coordinates": [11.7, 55.3]}, SITE_TYPES)
    assert read_geometry({"type": "LineString", "coordinates": SQUARE[:3]}, SITE_TYPES)
    assert read_geometry(polygon(), SITE_TYPES)
    assert "mindst to punkter" in message(
        {"type": "LineString", "coordinates": [[11.7, 55.3]]}, SITE_TYPES
    )


def test_within_tells_a_site_inside_the_area_from_one_outside():
    assert within({"type": "Point", "coordinates": [11.75, 55.35]}, polygon())
    assert within({"type": "Point", "coordinates": [11.7, 55.35]}, polygon())  # on the edge
    assert not within({"type": "Point", "coordinates": [11.9, 55.35]}, polygon())


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["type", "coordinates", "features", "geometry"]), children
        )
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(
                ["Point", "LineString", "Polygon", "MultiPolygon", "Feature", "FeatureCollection"]
            ),
            "coordinates": json_values,
            "geometry": json_values,
            "features": json_values,
        }
    )
)
def test_nothing_but_a_validation_error_comes_out_of_any_json(value):
    with contextlib.suppress(ValidationError):
        read_geometry(value, AREA_TYPES + SITE_TYPES)


def test_overlapping_parts_of_an_area_drawn_on_the_map_are_joined_into_one():
    """The admin's drawing tools write each drawn part as a part of a MultiPolygon."""
    square = [[11.6, 55.3], [11.7, 55.3], [11.7, 55.4], [11.6, 55.4], [11.6, 55.3]]
    overlapping = [[11.65, 55.3], [11.8, 55.3], [11.8, 55.4], [11.65, 55.4], [11.65, 55.3]]
    joined = read_geometry({"type": "MultiPolygon", "coordinates": [[square], [overlapping]]})
    assert joined["type"] == "Polygon"
    assert shape(joined).equals(box(11.6, 55.3, 11.8, 55.4))


def test_a_crossing_part_of_a_multipolygon_is_still_refused():
    bow_tie = [[11.6, 55.3], [11.7, 55.4], [11.7, 55.3], [11.6, 55.4], [11.6, 55.3]]
    square = [[11.8, 55.3], [11.9, 55.3], [11.9, 55.4], [11.8, 55.4], [11.8, 55.3]]
    with pytest.raises(ValidationError) as error:
        read_geometry({"type": "MultiPolygon", "coordinates": [[bow_tie], [square]]})
    assert error.value.code == "invalid"
