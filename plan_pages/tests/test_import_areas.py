"""The import of official boundaries (DAGI's parishes, say) into the plans' areas."""

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from places.models import MapSettings
from plan_pages.models import LocalAreaPlanPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory

PARISHES = Path(__file__).parent / "data" / "sogne.geojson"


@pytest.fixture
def plans(site_root):
    return {
        "glumsoe": LocalAreaPlanPageFactory(
            parent=site_root, title="Glumsø og Omegn", place_names="Glumsø, Bavelse sogn, 4171"
        ),
        "tybjerg": LocalAreaPlanPageFactory(
            parent=site_root, title="Tybjerg og Omegn", place_names="Tybjerg sogn"
        ),
        "elsewhere": LocalAreaPlanPageFactory(
            parent=site_root, title="Et andet sted", place_names="Holme-Olstrup"
        ),
    }


def run(*args):
    out = StringIO()
    call_command("import_areas", str(PARISHES), *args, stdout=out)
    return out.getvalue()


def test_each_plan_gets_the_union_of_its_parishes_published(plans):
    report = run("--outline", "Næstved")
    glumsoe = LocalAreaPlanPage.objects.get(pk=plans["glumsoe"].pk)
    assert glumsoe.area["type"] == "Polygon"  # Glumsø and Bavelse joined, the border gone
    xs = [x for x, _y in glumsoe.area["coordinates"][0]]
    assert (min(xs), max(xs)) == (11.62, 11.78)
    assert LocalAreaPlanPage.objects.get(pk=plans["tybjerg"].pk).area["type"] == "Polygon"
    assert LocalAreaPlanPage.objects.get(pk=plans["elsewhere"].pk).area is None
    assert "Glumsø og Omegn: Bavelse, Glumsø" in report
    assert "Et andet sted: no feature matches" in report
    assert MapSettings.objects.get().outline["type"] == "Polygon"


def test_a_dry_run_changes_nothing(plans):
    run("--dry-run")
    assert not LocalAreaPlanPage.objects.exclude(area=None).exists()


def test_a_plan_with_a_draft_keeps_it_a_draft(plans):
    plan = plans["glumsoe"]
    plan.summary = "Et udkast"
    plan.save_revision()
    run()
    plan.refresh_from_db()
    assert plan.area is None  # the live page waits for the editors
    draft = plan.get_latest_revision_as_object()
    assert draft.area and draft.summary == "Et udkast"


def test_a_file_that_is_not_geojson_stops_with_a_message(plans, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(CommandError, match="not a GeoJSON FeatureCollection"):
        call_command("import_areas", str(bad), stdout=StringIO())
