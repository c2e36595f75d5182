"""No number a machine reads (SVG, CSS) is written with a Danish decimal comma (issue #13, 2)."""

import re
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import translation

import pytest

from home.models import HomePage
from plan_pages.models import LocalAreaPlanPage
from plan_pages.wheel import annual_wheel

pytestmark = pytest.mark.django_db

COORDINATES = {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height"}
NUMBER = re.compile(r"-?\d+(\.\d+)?")
LOCALISED = re.compile(r"\d,\d")


class SVGAttributes(HTMLParser):
    """Every (tag, attribute, value) inside an <svg>, and every style attribute anywhere."""

    def __init__(self):
        super().__init__()
        self.depth, self.svg, self.styles = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.depth += 1
        if self.depth:
            self.svg.extend((tag, name, value or "") for name, value in attrs)
        self.styles.extend(value or "" for name, value in attrs if name == "style")

    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1


def parse(html):
    parser = SVGAttributes()
    parser.feed(html)
    return parser


def assert_numbers_are_not_localised(html):
    parsed = parse(html)
    assert parsed.svg, "no SVG found"
    for tag, name, value in parsed.svg:
        if name in COORDINATES:
            float(value)  # raises on "141,74"
        if name in ("viewbox", "d", "points", "transform"):
            assert not LOCALISED.search(value), (tag, name, value)
    for style in parsed.styles:
        assert not LOCALISED.search(style), style


def test_the_danish_wheel_writes_its_coordinates_as_svg_numbers():
    with translation.override("da"):
        html = render_to_string("components/annual_wheel.html", {"months": annual_wheel([])})
    assert_numbers_are_not_localised(html)
    labels = re.findall(r'<text x="([^"]+)" y="([^"]+)"', html)
    assert len(labels) == 13 and ("141.74", "38.86") in labels


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_svg_and_style_on_the_plan_and_overview_parses_as_numbers(
    demo_site, client, language
):
    for model in (LocalAreaPlanPage, HomePage):
        page = model.objects.live().filter(locale__language_code=language).first()
        html = client.get(page.url).content.decode()
        if model is LocalAreaPlanPage:
            assert_numbers_are_not_localised(html)
        else:
            for style in parse(html).styles:
                assert not LOCALISED.search(style), style
