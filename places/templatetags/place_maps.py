from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from ..svg import draw_map, feature_collection

register = template.Library()


@register.inclusion_tag("places/map.html")
def place_map(places, label, outline=None, fit=None, map_id="map"):
    """A map of the places: an SVG picture drawn on the server (links, names, numbers), and
    the data with which `places/map.js` makes it a map one can move and zoom.

    `label` names the map for screen readers and under it; `fit` (geometries) is what the map
    shows, by default the outline or all the places."""
    drawn = draw_map(places, outline=outline, fit=fit)
    if drawn is None:
        return {"map": None}
    west, south, east, north = drawn.bounds
    data = {
        "places": feature_collection(places, outline=outline),
        "bounds": [[south, west], [north, east]],
        "tiles": settings.MAP_TILE_URL
        and {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "labels": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out")},
    }
    return {"map": drawn, "label": label, "data": data, "data_id": f"{map_id}-data"}
