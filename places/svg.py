"""Maps drawn on the server as SVG: a picture of the areas that needs no script and no tiles.

Longitude and latitude are projected plainly (equirectangular, longitude shortened by the
cosine of the middle latitude), which at a municipality's size is as good as any projection.
Coordinates are written by Python with a point as decimal separator, never by a template
(which would write Danish commas).
"""

import math
from dataclasses import dataclass, field

import shapely
from shapely.geometry import shape

WIDTH = 800
PADDING = 24
LABEL_WRAP = 16  # characters: a longer area name is drawn on two lines


@dataclass
class Place:
    """Something drawn on a map: an area or a project's site, with its name and address."""

    name: str
    url: str
    geometry: dict
    number: int | None = None  # shown on a project's marker and in the list beside the map
    kind: str = "area"
    colour: int = 0


@dataclass
class DrawnPlace:
    place: Place
    path: str = ""  # the outline or line, "" for a point
    x: str = "0"  # where the label or marker goes
    y: str = "0"
    label_lines: list = field(default_factory=list)


@dataclass
class DrawnMap:
    bounds: tuple  # west, south, east, north
    view_box: str
    width: int
    height: int
    outline: str
    places: list


def number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


class Projection:
    """From longitude and latitude to the SVG's units, fitted to `bounds` (w, s, e, n)."""

    def __init__(self, bounds, width=WIDTH, padding=PADDING):
        west, south, east, north = bounds
        self.west, self.north = west, north
        self.shrink = math.cos(math.radians((south + north) / 2))
        span = max((east - west) * self.shrink, north - south, 1e-6)
        self.scale = (width - 2 * padding) / span
        self.padding = padding
        self.width = width
        self.height = round((north - south) * self.scale + 2 * padding)

    def xy(self, longitude, latitude):
        x = self.padding + (longitude - self.west) * self.shrink * self.scale
        y = self.padding + (self.north - latitude) * self.scale
        return number(x), number(y)

    def path(self, geometry) -> str:
        """An SVG path for a (Multi)Polygon or LineString; "" for a point."""
        kind, coordinates = geometry["type"], geometry["coordinates"]
        if kind == "LineString":
            return self.line(coordinates)
        polygons = (
            [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
        )
        return " ".join(self.line(ring) + " Z" for polygon in polygons for ring in polygon)

    def line(self, positions) -> str:
        # "x y", not "x,y": a comma between digits is what the machine-number checks look for.
        points = (" ".join(self.xy(*position[:2])) for position in positions)
        return "M " + " L ".join(points)


def bounds_of(geometries):
    """The bounds (w, s, e, n) of the geometries together, or None if there are none."""
    shapes = [shape(geometry) for geometry in geometries if geometry]
    if not shapes:
        return None
    west, south, east, north = shapely.total_bounds(shapes)
    # A lone point or a short line gets some land around it.
    margin = max(0.01 - (east - west), 0.006 - (north - south), 0)
    return west - margin, south - margin, east + margin, north + margin


def label_lines(name: str) -> list[str]:
    """The name on one line, or two when it is long (broken at the space nearest its middle)."""
    if len(name) <= LABEL_WRAP or " " not in name:
        return [name]
    spaces = [i for i, char in enumerate(name) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1 :]]


def draw_map(places, outline=None, fit=None) -> DrawnMap | None:
    """The places (and the outline beneath them) fitted to `fit` (geometries; by default the
    outline, or the places when there is none). None when there is nothing to draw."""
    bounds = bounds_of(fit or ([outline] if outline else [p.geometry for p in places]))
    if bounds is None:
        return None
    projection = Projection(bounds)
    drawn = []
    for place in places:
        x, y = projection.xy(*anchor(place.geometry))
        drawn.append(
            DrawnPlace(place, projection.path(place.geometry), x, y, label_lines(place.name))
        )
    return DrawnMap(
        bounds=bounds,
        view_box=f"0 0 {projection.width} {projection.height}",
        width=projection.width,
        height=projection.height,
        outline=projection.path(outline) if outline else "",
        places=drawn,
    )


def anchor(geometry) -> list[float]:
    """Where a place's label or marker goes: a point inside it (longitude, latitude)."""
    point = shape(geometry).representative_point()
    return [round(point.x, 6), round(point.y, 6)]


def feature_collection(places, outline=None) -> dict:
    """The same places as GeoJSON, for the script that turns the picture into a map."""
    features = [
        {
            "type": "Feature",
            "geometry": place.geometry,
            "properties": {
                "name": place.name,
                "url": place.url,
                "kind": place.kind,
                "number": place.number,
                "colour": place.colour,
                "anchor": anchor(place.geometry),
            },
        }
        for place in places
    ]
    if outline:
        features.insert(
            0, {"type": "Feature", "geometry": outline, "properties": {"kind": "outline"}}
        )
    return {"type": "FeatureCollection", "features": features}
