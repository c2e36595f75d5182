from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .fields import GeometryField


@register_setting(icon="site")
class MapSettings(BaseSiteSetting):
    """What every map of the site is drawn on: the municipality's outline."""

    outline = GeometryField(
        _("outline of the municipality"),
        help_text=_(
            "The base of every map, drawn under the areas: GeoJSON in longitude and latitude "
            "(WGS 84), for example the municipality from DAGI, simplified."
        ),
    )

    panels = [FieldPanel("outline")]

    class Meta:
        verbose_name = _("maps")
