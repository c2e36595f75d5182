"""Plans and projects on the map: an editor uploads or pastes an area, places a project, and
residents see both on the plan page."""

import json

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from places.geometry import MAX_BYTES
from plan_pages.models import LocalAreaPlanPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory, edit_data

AREA = {
    "type": "Polygon",
    "coordinates": [[[11.6, 55.3], [11.8, 55.3], [11.8, 55.4], [11.6, 55.4], [11.6, 55.3]]],
}
INSIDE = {"type": "Point", "coordinates": [11.7, 55.35]}
OUTSIDE = {"type": "Point", "coordinates": [11.99, 55.16]}


@pytest.fixture
def plan(site_root):
    return LocalAreaPlanPageFactory(
        parent=site_root, title="Glumsø og Omegn", area=AREA, place_names="Glumsø, 4171"
    )


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("redaktoer", "r@e.dk", "pw"))
    return client


def plan_data(plan, **changes):
    form_class = LocalAreaPlanPage.get_edit_handler().get_form_class()
    values = {
        "title": plan.title,
        "slug": plan.slug,
        "summary": plan.summary,
        "villages": plan.villages,
        "place_names": plan.place_names,
        "area": json.dumps(plan.area) if plan.area else "",
        "plan_kind": plan.plan_kind,
        "council_name": plan.council_name,
        "vision": rich_text(RichText(plan.vision).source),
        "body": streamfield([]),
        **changes,
    }
    for name in form_class.formsets:
        values.setdefault(name, inline_formset([]))
    return nested_form_data(values)


def edit(client, page, data, files=None):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, **(files or {})}
    )


def geojson_file(content, name="omraade.geojson"):
    return SimpleUploadedFile(name, content, content_type="application/geo+json")


def test_an_uploaded_geojson_file_becomes_the_plans_area(editor_client, plan):
    square = json.loads(json.dumps(AREA).replace("11.8", "11.75"))
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": square, "properties": {"navn": "Glumsø"}}],
    }
    response = edit(
        editor_client,
        plan,
        plan_data(plan, area=""),
        {"area-file": geojson_file(json.dumps(collection).encode())},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    saved = plan.get_latest_revision_as_object().area
    assert saved["type"] == "Polygon"
    assert max(x for x, _y in saved["coordinates"][0]) == 11.75


@pytest.mark.parametrize(
    "content, words",
    [
        (
            b'{"type": "Polygon", "coordinates": [[[11.6, 55.3], [11.8, 55.3], [11.8, 55.4]]]}',
            "mindst tre hjørner",
        ),
        (b"\xff\xfe not text", "ikke GeoJSON"),
        (b"[" * 200_000, "ikke GeoJSON"),
        (b" " * (MAX_BYTES + 10), "for store"),
        (b'{"type": "Point", "coordinates": [11.7, 55.3]}', "Dette er et punkt"),
    ],
)
def test_a_bad_upload_is_refused_with_a_danish_message_and_nothing_saved(
    editor_client, plan, content, words
):
    editor_client.cookies["django_language"] = "da"
    response = edit(editor_client, plan, plan_data(plan), {"area-file": geojson_file(content)})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("area", []))
    assert words in errors
    plan.refresh_from_db()
    assert plan.get_latest_revision() is None


def test_pasted_geojson_with_an_unclosed_ring_is_refused(editor_client, plan):
    unclosed = {"type": "Polygon", "coordinates": [AREA["coordinates"][0][:-1]]}
    response = edit(editor_client, plan, plan_data(plan, area=json.dumps(unclosed)))
    assert response.status_code == 200
    assert "area" in response.context["form"].errors


def test_the_model_refuses_an_invalid_area_on_save(plan):
    plan.area = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    with pytest.raises(ValidationError) as caught:
        plan.save()
    assert "area" in caught.value.message_dict


def test_a_project_placed_by_clicking_is_saved_and_inside_needs_no_warning(editor_client, plan):
    project = ProjectPageFactory(parent=plan)
    response = edit(editor_client, project, edit_data(project, site=json.dumps(INSIDE)), {})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().site == INSIDE
    page = editor_client.get(response.url)
    assert "uden for planens område" not in page.content.decode()


def test_a_project_placed_outside_its_area_is_saved_with_a_clear_warning(editor_client, plan):
    project = ProjectPageFactory(parent=plan)
    editor_client.cookies["django_language"] = "da"
    response = edit(editor_client, project, edit_data(project, site=json.dumps(OUTSIDE)))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().site == OUTSIDE
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("uden for planens område" in m for m in messages)


def test_the_project_editor_shows_the_plans_area_on_its_map(editor_client, plan):
    project = ProjectPageFactory(parent=plan)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    assert "data-map-widget=" in html
    assert "leaflet/leaflet.js" in html and "places/admin/map-widget.js" in html
    assert "11.6, 55.3" in html  # the plan's area, to place the project in


def test_the_plan_page_shows_its_area_and_numbered_projects_on_the_map_and_in_a_list(client, plan):
    placed = ProjectPageFactory(parent=plan, title="Badebro", site=INSIDE)
    ProjectPageFactory(parent=plan, title="Nyhedsbrev")  # not on the map
    html = client.get(plan.url).content.decode()
    assert f'<a href="{placed.url}" class="map-site-link" aria-label="1. Badebro">' in html
    assert 'aria-label="1. Nyhedsbrev"' not in html
    assert (
        '<span class="map-site-number" aria-hidden="true">1</span> <a href="' + placed.url in html
    )


def test_the_plan_page_counts_the_same_queries_for_three_or_thirty_placed_projects(
    client, plan, django_assert_max_num_queries
):
    for number in range(3):
        ProjectPageFactory(parent=plan, title=f"Projekt {number}", site=INSIDE)
    client.get(plan.url)  # warm up the caches of the site and settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(plan.url)
    for number in range(3, 30):
        ProjectPageFactory(parent=plan, title=f"Projekt {number}", site=INSIDE)
    with django_assert_max_num_queries(len(few)):
        html = client.get(plan.url).content.decode()
    assert 'aria-label="30. ' in html or html.count('class="map-site-link"') == 30


def widget_settings(html):
    settings = html.split('data-map-widget="')[1].split('"')[0]
    return json.loads(settings.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&"))


def test_the_plan_editor_draws_the_area_with_geoman_and_a_project_is_placed_by_click(
    editor_client, plan
):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[plan.pk])).content.decode()
    assert "/static/leaflet/geoman/leaflet-geoman.js" in html
    assert "/static/leaflet/geoman/leaflet-geoman.css" in html
    settings = widget_settings(html)
    assert settings["drawAreas"] and not settings["clickToPlace"]
    assert settings["language"] == "da"
    assert 'class="geojson-help help" hidden' in html  # shown by the script, with the tools
    project = ProjectPageFactory(parent=plan)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    settings = widget_settings(html)
    assert settings["clickToPlace"] and not settings["drawAreas"]


def test_an_area_as_the_drawing_tools_write_it_is_saved(editor_client, plan):
    """The script writes the drawn parts as one MultiPolygon, six decimals, no properties."""
    drawn = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[11.6, 55.3], [11.7, 55.3], [11.7, 55.35], [11.6, 55.3]]],
            [[[11.75, 55.35], [11.8, 55.35], [11.8, 55.4], [11.75, 55.35]]],
        ],
    }
    response = edit(editor_client, plan, plan_data(plan, area=json.dumps(drawn)))
    assert response.status_code == 302
    plan.refresh_from_db()
    saved = plan.get_latest_revision_as_object().area
    assert saved["type"] == "MultiPolygon" and len(saved["coordinates"]) == 2
