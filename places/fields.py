"""A GeoJSON geometry stored in an ordinary JSON field: works on SQLite and PostgreSQL alike,
no spatial extension. Checked by `places.geometry` in the admin's form and on every save."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .geometry import AREA_TYPES, MAX_BYTES, SITE_TYPES, read_geometry
from .widgets import MapWidget


class GeometryFormField(forms.CharField):
    """GeoJSON as text (pasted, uploaded through the widget, or drawn on its map)."""

    def __init__(self, *, geometry_types=AREA_TYPES, **kwargs):
        self.geometry_types = tuple(geometry_types)
        kwargs.setdefault("widget", MapWidget(geometry_types=self.geometry_types))
        kwargs.pop("max_length", None)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(strip=True, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, bytes):  # an uploaded file: shown again only when it is small
            return value.decode("utf-8-sig", errors="replace") if len(value) <= MAX_BYTES else ""
        return value

    def to_python(self, value):
        if isinstance(value, bytes):
            return read_geometry(value, self.geometry_types)
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        return read_geometry(text, self.geometry_types)

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


class GeometryField(models.JSONField):
    """One geometry of the `geometry_types` (an area by default), or nothing."""

    def __init__(self, *args, geometry_types=AREA_TYPES, **kwargs):
        self.geometry_types = tuple(geometry_types)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.geometry_types != AREA_TYPES:
            kwargs["geometry_types"] = list(self.geometry_types)
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value is not None:
            read_geometry(value, self.geometry_types)

    def formfield(self, **kwargs):
        return super().formfield(
            form_class=GeometryFormField, geometry_types=self.geometry_types, **kwargs
        )


class SiteField(GeometryField):
    """Where something happens: a point, a line (a path) or a small area (a lake shore)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("geometry_types", SITE_TYPES)
        super().__init__(*args, **kwargs)
