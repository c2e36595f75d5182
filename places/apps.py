from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Geography as GeoJSON in ordinary JSON fields (no spatial database): validation with
    shapely, maps drawn as SVG on the server, a Leaflet map widget for the admin. Names no
    other app of ours."""

    name = "places"
    verbose_name = _("Places and maps")
