"""The map picture: coordinates written as numbers, names escaped, every place a link."""

import json
import re

from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from defusedxml import ElementTree

from places.svg import Place, draw_map, label_lines

AREA = {
    "type": "Polygon",
    "coordinates": [[[11.7, 55.3], [11.8, 55.3], [11.8, 55.4], [11.7, 55.4], [11.7, 55.3]]],
}
POINT = {"type": "Point", "coordinates": [11.75, 55.35]}
SVG = ""  # HTML writes inline SVG without its namespace


def render(places, **kwargs):
    template = Template(
        "{% load place_maps %}{% place_map places label outline=outline map_id='m' %}"
    )
    with translation.override("da"):  # Danish writes decimal commas where Django localises
        return template.render(Context({"places": places, "label": "Kort", **kwargs}))


def svg_of(html):
    return ElementTree.fromstring(re.search(r"<svg.*</svg>", html, re.S)[0])


def test_names_are_escaped_in_the_picture_and_its_data():
    hostile = '<script>alert("x")</script> & Co'
    html = render([Place(hostile, "/da/a/", AREA), Place(hostile, "/da/p/", POINT, 1, "site")])
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    svg = svg_of(html)  # well-formed XML: nothing broke out of an attribute
    links = svg.findall(f".//{SVG}a")
    assert [link.get("aria-label") for link in links] == [hostile, f"1. {hostile}"]
    assert "\\u003Cscript\\u003E" in html  # json_script escapes it in the data too


def test_every_coordinate_is_a_plain_number_with_a_decimal_point():
    html = render([Place("Glumsø", "/da/glumsoe/", AREA), Place("Bro", "/p/", POINT, 1, "site")])
    svg = svg_of(html)
    numbers = [
        value
        for element in svg.iter()
        for name, value in element.attrib.items()
        if name in {"x", "y", "cx", "cy", "r"}
    ]
    for path in svg.iter(f"{SVG}path"):  # "M x y L x y … Z": commands and plain numbers
        numbers += [token for token in path.get("d").split() if token not in "MLZ"]
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", number) for number in numbers)
    assert re.fullmatch(r"0 0 \d+ \d+", svg.get("viewBox"))


def test_areas_link_to_their_plans_and_sites_carry_their_numbers():
    html = render(
        [Place("Glumsø", "/da/glumsoe/", AREA), Place("Badebro", "/da/bro/", POINT, 7, "site")],
        outline=AREA,
    )
    svg = svg_of(html)
    links = {link.get("href"): link for link in svg.iter(f"{SVG}a")}
    assert set(links) == {"/da/glumsoe/", "/da/bro/"}
    assert "".join(links["/da/bro/"].itertext()).strip() == "7"
    assert svg.find(f"{SVG}path").get("class") == "map-outline"
    assert svg.get("role") == "group" and svg.get("aria-label") == "Kort"


def test_nothing_is_drawn_without_places_or_outline():
    assert draw_map([]) is None
    assert "<svg" not in render([])


def test_long_names_are_drawn_on_two_lines():
    assert label_lines("Tappernøje, Snesere og Everdrup sogne") == [
        "Tappernøje, Snesere",
        "og Everdrup sogne",
    ]
    assert label_lines("Glumsø") == ["Glumsø"]


def map_data(html):
    return json.loads(
        re.search(r'<script id="m-data" type="application/json">(.*?)</script>', html)[1]
    )


def test_the_pages_load_leaflet_from_the_site_and_no_tiles_unless_configured():
    html = render([Place("Glumsø", "/da/glumsoe/", AREA)])
    assert not map_data(html)["tiles"]
    assert re.search(r'<script src="/static/leaflet/leaflet\.js" defer>', html)
    assert "http" not in html  # nothing from another host
    tiles = "https://tiles.example.dk/{z}/{x}/{y}.png"
    with override_settings(MAP_TILE_URL=tiles, MAP_TILE_ATTRIBUTION="© Kort"):
        html = render([Place("Glumsø", "/da/glumsoe/", AREA)])
    assert map_data(html)["tiles"] == {"url": tiles, "attribution": "© Kort"}
