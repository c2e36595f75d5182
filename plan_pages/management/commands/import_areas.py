"""Import the areas' outlines from a GeoJSON file of official boundaries (for example DAGI's
parishes, *sogne*, in WGS 84), matched to each plan by its villages, parishes and postcodes.

    manage.py import_areas sogne.geojson --name-property navn [--outline "Næstved"] [--dry-run]

A plan's area becomes the union of the features whose name is one of its place names ("Bavelse"
or "Bavelse sogn"), simplified to about ten metres so that pages and revisions stay small. Each
changed plan gets a new revision by the command, published when the plan had no unpublished
changes (else left as a draft for the editors). The site never fetches boundaries itself."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Locale, Site

import shapely
from shapely.geometry import shape

from places.geometry import AREA_TYPES, as_geojson, read_geometry
from places.models import MapSettings
from places.names import name_keys, split_place_names
from plan_pages.models import LocalAreaPlanPage

TOLERANCE = 0.0001  # degrees: about ten metres


def keys_of_names(names) -> set[str]:
    """A plan's names, each also without the word "sogn" (DAGI names a parish "Bavelse")."""
    forms = {name for name in names} | {name.removesuffix(" sogn") for name in names}
    return {key for name in forms for key in name_keys(name)}


class Command(BaseCommand):
    help = "Set the plans' areas (and the municipality's outline) from a GeoJSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--name-property", default="navn", help="the features' name (navn)")
        parser.add_argument("--outline", help="the name of the feature that is the municipality")
        parser.add_argument("--tolerance", type=float, default=TOLERANCE)
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, file, name_property, outline, tolerance, dry_run, **options):
        features = self.read_features(file, name_property)
        with transaction.atomic():
            for plan in LocalAreaPlanPage.objects.filter(locale=Locale.get_default()):
                keys = keys_of_names([plan.title, *split_place_names(plan.place_names)])
                matched = [(n, g) for n, g in features if name_keys(n) & keys]
                if not matched:
                    self.stdout.write(f"{plan.title}: no feature matches its place names")
                    continue
                area = self.joined(matched, tolerance, plan.title)
                names = ", ".join(sorted({name for name, _ in matched}))
                self.stdout.write(f"{plan.title}: {names}")
                if not dry_run:
                    self.set_area(plan, area)
            if outline:
                shapes = [(n, g) for n, g in features if name_keys(n) & name_keys(outline)]
                if not shapes:
                    raise CommandError(f"No feature is named {outline!r}.")
                if not dry_run:
                    for site in Site.objects.all():
                        settings = MapSettings.for_site(site)
                        settings.outline = self.joined(shapes, tolerance, outline)
                        settings.save()
                self.stdout.write(f"The municipality's outline: {outline}")

    def read_features(self, file, name_property):
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
            features = data["features"]
            return [
                (str(feature["properties"][name_property]), shape(feature["geometry"]))
                for feature in features
                if feature.get("geometry") and feature["properties"].get(name_property)
            ]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise CommandError(f"{file} is not a GeoJSON FeatureCollection: {error}") from error

    def joined(self, matched, tolerance, title):
        union = shapely.union_all([geometry for _, geometry in matched])
        try:
            return read_geometry(as_geojson(union.simplify(tolerance)), AREA_TYPES)
        except ValidationError as error:
            raise CommandError(f"{title}: {' '.join(error.messages)}") from error

    def set_area(self, source, area):
        """The area on the plan and its translations (it is kept in step), as a revision."""
        for plan in LocalAreaPlanPage.objects.filter(translation_key=source.translation_key):
            draft = plan.get_latest_revision_as_object()
            publish = plan.live and not plan.has_unpublished_changes
            draft.area = area
            revision = draft.save_revision(log_action=True, clean=True)
            if publish:
                revision.publish()
