"""GeoJSON geometries (RFC 7946: longitude, latitude in WGS 84), read and checked.

`read_geometry` turns what an editor pasted or uploaded, or what a field holds, into one clean
geometry object, or raises a ValidationError whose message says in plain words what is wrong.
Every check runs before shapely sees the data, and none of them recurses on the input, so a
hostile document (huge, deeply nested, NaN, wrong types) costs little and never raises anything
but a ValidationError.
"""

import json
import math
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import shapely
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

# What an area (a plan's) and a site (a project's) may be.
AREA_TYPES = ("Polygon", "MultiPolygon")
SITE_TYPES = ("Point", "LineString", "Polygon")

# Denmark with its waters, generously (Skagen to Gedser, Esbjerg to Christiansø).
DENMARK = (7.7, 54.4, 15.4, 57.9)  # west, south, east, north

# Enough for a municipality's parishes at ten metres' detail; more belongs simplified first.
MAX_BYTES = 1_000_000
MAX_POSITIONS = 20_000
MAX_PARTS = 500
DECIMALS = 6  # about ten centimetres

# How deep each type's coordinates go: a position is a list of numbers (depth 1).
DEPTH = {"Point": 1, "LineString": 2, "Polygon": 3, "MultiPolygon": 4}
TYPE_NAMES = {
    "Point": _("a point"),
    "LineString": _("a line"),
    "Polygon": _("an area (Polygon)"),
    "MultiPolygon": _("several areas (MultiPolygon)"),
}
ALLOWED_NAMES = {
    AREA_TYPES: _("an area (Polygon or MultiPolygon)"),
    SITE_TYPES: _("a point, a line (LineString) or an area (Polygon)"),
}


def read_geometry(value, allowed=AREA_TYPES):
    """A clean geometry of one of the `allowed` types from JSON text or parsed JSON.

    A Feature gives its geometry; a FeatureCollection of areas gives them joined into one.
    Coordinates are rounded to DECIMALS and outer rings turn anticlockwise (RFC 7946)."""
    if isinstance(value, bytes | str):
        value = parse_json(value)
    geometry = geometry_of(value, allowed)
    check_structure(geometry)
    kind = geometry["type"]
    if kind not in allowed:
        raise ValidationError(
            _("This is %(found)s; here it must be %(allowed)s."),
            code="type",
            params={"found": TYPE_NAMES[kind], "allowed": names(allowed)},
        )
    check_positions(geometry)
    shaped = shape(geometry)
    if not shaped.is_valid and kind == "MultiPolygon" and all(p.is_valid for p in shaped.geoms):
        # Parts drawn on the map that overlap or touch: joined, as a file's areas are.
        shaped = shapely.union_all(list(shaped.geoms))
    if not shaped.is_valid:
        raise ValidationError(invalid_message(explain_validity(shaped)), code="invalid")
    shaped = shapely.set_precision(shapely.force_2d(shaped), 10**-DECIMALS)
    return as_geojson(shapely.orient_polygons(shaped))


def as_geojson(shaped):
    """A shapely geometry as GeoJSON made of lists (as JSON reads it back), not tuples."""
    return json.loads(json.dumps(mapping(shaped)))


def parse_json(text):
    if len(text) > MAX_BYTES:
        raise ValidationError(
            _("The map data is too large (at most %(size)s MB). Simplify the outline first."),
            code="size",
            params={"size": MAX_BYTES // 1_000_000},
        )
    try:
        return json.loads(text, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        raise ValidationError(
            _("This is not GeoJSON: the text cannot be read as JSON."), code="json"
        ) from None


def refuse_constant(name):
    raise ValidationError(
        _("%(name)s is not a number: coordinates must be numbers."),
        code="number",
        params={"name": name},
    )


def geometry_of(value, allowed):
    """The geometry in a geometry object, a Feature or a FeatureCollection (of Features)."""
    kind = value.get("type") if isinstance(value, dict) else None
    if kind == "FeatureCollection" and isinstance(value.get("features"), list):
        parts = [feature_geometry(feature, allowed) for feature in value["features"]]
        if len(parts) == 1:
            return parts[0]
        if parts and set(allowed) >= set(AREA_TYPES):
            return join_areas(parts)
        raise ValidationError(
            _("Give one place here, not %(count)s."), code="count", params={"count": len(parts)}
        )
    return feature_geometry(value, allowed)


def feature_geometry(value, allowed):
    """The geometry of a Feature, or the value itself when it is a geometry."""
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    kind = value.get("type") if isinstance(value, dict) else None
    if not isinstance(kind, str) or kind not in DEPTH:  # a list or object is no type name
        raise ValidationError(
            _("This is not a GeoJSON geometry of a kind used here (%(allowed)s)."),
            code="type",
            params={"allowed": names(allowed)},
        )
    return value


def join_areas(parts):
    """Areas (parishes, say) joined into one: shared borders vanish, overlaps merge."""
    if len(parts) > MAX_PARTS:
        raise too_many()
    areas = [shape(read_geometry(part, AREA_TYPES)) for part in parts]
    return as_geojson(shapely.union_all(areas))


def check_structure(geometry):
    """Nested lists to exactly the type's depth, numbers at the bottom, not too many of them:
    checked level by level (no recursion), so neither depth nor size can hurt."""
    level = [geometry.get("coordinates")]
    for depth in range(DEPTH[geometry["type"]], 0, -1):
        if not all(isinstance(item, list) for item in level):
            raise structure_error()
        if depth == 1:
            break
        level = [child for item in level for child in item]
        if len(level) > MAX_POSITIONS:
            raise too_many()
    if len(level) > MAX_POSITIONS:
        raise too_many()
    for position in level:
        if not 2 <= len(position) <= 3 or not all(is_number(n) for n in position):
            raise structure_error()
    if geometry["type"] != "Point" and not level:
        raise structure_error()


def is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def structure_error():
    return ValidationError(
        _(
            "The coordinates are not as GeoJSON writes them: each position is [longitude, "
            "latitude] in degrees, in lists nested as the geometry's type requires."
        ),
        code="structure",
    )


def too_many():
    return ValidationError(
        _("The outline has too many points (at most %(count)s). Simplify it first."),
        code="size",
        params={"count": f"{MAX_POSITIONS:,}".replace(",", ".")},
    )


def check_positions(geometry):
    kind, coordinates = geometry["type"], geometry["coordinates"]
    rings = []
    if kind == "Polygon":
        rings = coordinates
    elif kind == "MultiPolygon":
        rings = [ring for polygon in coordinates for ring in polygon]
    positions = {"Point": [coordinates], "LineString": coordinates}.get(kind) or [
        position for ring in rings for position in ring
    ]
    west, south, east, north = DENMARK
    for longitude, latitude, *_height in positions:
        if not (west <= longitude <= east and south <= latitude <= north):
            raise ValidationError(
                _(
                    "The point %(longitude)s, %(latitude)s lies outside Denmark. Coordinates are "
                    "longitude, latitude in degrees (WGS 84): are they swapped, or in another "
                    "system such as UTM?"
                ),
                code="outside",
                params={"longitude": longitude, "latitude": latitude},
            )
    if kind == "LineString" and len(coordinates) < 2:
        raise ValidationError(_("A line needs at least two points."), code="structure")
    for ring in rings:
        if len(ring) < 4:
            raise ValidationError(
                _("An outline needs at least three corners, and its first point again at the end."),
                code="structure",
            )
        if ring[0][:2] != ring[-1][:2]:
            raise ValidationError(
                _("The outline is not closed: its last point must be the same as its first."),
                code="closed",
            )


def invalid_message(explanation):
    """shapely's reason ("Self-intersection[11.7 55.3]") in the editor's words."""
    where = re.search(r"\[([-\d.e]+) ([-\d.e]+)\]", explanation)
    place = f"{float(where[1]):.5f}, {float(where[2]):.5f}" if where else "?"
    if "Self-intersection" in explanation:
        return _("The outline crosses itself near %(place)s.") % {"place": place}
    if "Hole" in explanation or "Interior" in explanation:
        return _("A hole in the area lies outside it or crosses its edge near %(place)s.") % {
            "place": place
        }
    return _("The outline is not a valid area (near %(place)s).") % {"place": place}


def names(types):
    return ALLOWED_NAMES.get(tuple(types)) or ", ".join(str(TYPE_NAMES[kind]) for kind in types)


def within(site, area) -> bool:
    """Does the site (a project's point, line or area) lie inside the area, borders included?"""
    return shape(area).buffer(1e-9).covers(shape(site))
