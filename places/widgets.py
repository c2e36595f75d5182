"""The admin's map widget: the GeoJSON text field, a file input, and a Leaflet map drawn over
them by `places/admin/map-widget.js`. Without JavaScript the text and the file still work.

A point (a project's site, a meeting's venue) is placed by a click; an area (a plan's) is drawn
and edited with Leaflet-Geoman's tools (npm `@geoman-io/leaflet-geoman-free`, copied beside
Leaflet by frontend/copy-leaflet.mjs). Whatever is drawn is written to the text field as
GeoJSON, which the server checks on saving as it checks a pasted or uploaded outline."""

import json

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .geometry import AREA_TYPES, MAX_BYTES


class MapWidget(forms.Textarea):
    template_name = "places/widgets/map_widget.html"
    needs_multipart_form = True

    class Media:
        css = {
            "all": [
                "leaflet/leaflet.css",
                "leaflet/geoman/leaflet-geoman.css",
                "places/admin/map-widget.css",
            ]
        }
        js = [
            "leaflet/leaflet.js",
            "leaflet/geoman/leaflet-geoman.js",
            "places/admin/map-widget.js",
        ]

    def __init__(self, *, geometry_types=AREA_TYPES, context_geometry=None, attrs=None):
        super().__init__(attrs={"rows": 4, "class": "geojson-text", **(attrs or {})})
        self.geometry_types = tuple(geometry_types)
        self.context_geometry = context_geometry

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        accepts_areas = set(self.geometry_types) & set(AREA_TYPES) == set(AREA_TYPES)
        context["widget"].update(
            file_name=f"{name}-file",
            accepts_areas=accepts_areas,
            settings_json=json.dumps(
                {
                    "types": list(self.geometry_types),
                    "context": self.context_geometry,
                    "clickToPlace": "Point" in self.geometry_types,
                    "drawAreas": accepts_areas,
                    "language": get_language() or "da",
                    "labels": {
                        "map": str(
                            _("Map: draw or change the area with the tools on the map")
                            if accepts_areas
                            else _("Map: click to place the point")
                        ),
                        "clear": str(_("Remove the place")),
                        "context": str(_("The plan's area")),
                    },
                }
            ),
        )
        return context

    def value_from_datadict(self, data, files, name):
        """An uploaded file, when there is one, wins over the text (read only up to the cap,
        so an enormous upload is refused as too large rather than read whole)."""
        upload = files.get(f"{name}-file")
        if upload:
            return upload.read(MAX_BYTES + 1)
        return super().value_from_datadict(data, files, name)
