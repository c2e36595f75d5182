"""What pages say about themselves in <head>: canonical address, Open Graph and JSON-LD."""

import json
import re

from django.core.exceptions import ValidationError

import pytest

from core.models import ContactDetails, ContactSettings
from core.tests.factories import ImageFactory
from plan_pages.models import ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

HOSTILE = "Skov </script><script>alert(1)</script> & <!-- træer"


def meta(html, prop):
    return re.findall(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)


def json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1, scripts
    return json.loads(scripts[0])


@pytest.fixture
def plan(home_page, locale_en):
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø", slug="glumsoe")
    plan.save_revision().publish()
    english = plan.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Glumsø and around"  # its address becomes /en/glumsoe-and-around/
    english.save_revision().publish()
    return plan


def test_a_plan_has_open_graph_json_ld_and_a_canonical_address(client, plan):
    html = client.get("/da/glumsoe/?status=idea&page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/da/glumsoe/">' in html
    assert meta(html, "og:title") == ["Glumsø"]
    assert meta(html, "og:description") == ["Lokalrådets plan for området."]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:url") == ["http://testserver/da/glumsoe/"]
    assert meta(html, "og:locale") == ["da_DK"]
    assert meta(html, "og:locale:alternate") == ["en_GB"]
    assert meta(html, "og:image") == []
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebPage"
    assert data["name"] == "Glumsø"
    assert data["url"] == "http://testserver/da/glumsoe/"
    assert data["inLanguage"] == "da"
    assert data["about"] == {"@type": "Place", "name": "Glumsø, Bavelse"}

    english = client.get("/en/glumsoe-and-around/").content.decode()
    assert meta(english, "og:locale") == ["en_GB"]
    assert meta(english, "og:locale:alternate") == ["da_DK"]
    assert '<link rel="canonical" href="http://testserver/en/glumsoe-and-around/">' in english


def test_a_project_has_json_ld_with_its_dates_and_an_image(client, plan):
    image = ImageFactory(title="IMG_0042", description="Skoven i maj")
    project = ProjectPageFactory(parent=plan, title="Folkeskoven", goals=[15], image=image)
    project.start_date = project.end_date = None
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    [image_url] = meta(html, "og:image")
    assert image_url.startswith("http://testserver/") and "fill-1200x630" in image_url
    # The image's description (the library's alt text), never its title.
    assert meta(html, "og:image:alt") == ["Skoven i maj"]
    data = json_ld(html)
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "Folkeskoven"
    assert data["creativeWorkStatus"] == "I gang"
    assert data["isPartOf"]["url"] == "http://testserver/da/glumsoe/"
    assert data["dateCreated"] and data["dateModified"]
    assert data["image"] == image_url


def test_hostile_text_cannot_break_out_of_the_json_ld(client, plan):
    project = ProjectPageFactory(parent=plan, title=HOSTILE, slug="skov")
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "<!-- træer" not in html
    assert json_ld(html)["name"] == HOSTILE


def test_the_home_page_is_a_website_and_other_pages_have_a_canonical_address(client, home_page):
    html = client.get("/da/").content.decode()
    assert meta(html, "og:type") == ["website"]
    assert "application/ld+json" not in html
    search = client.get("/da/soeg/?q=skov").content.decode()
    assert '<link rel="canonical" href="http://testserver/da/soeg/">' in search


def test_the_overview_links_the_feed_of_every_project_in_the_head_and_visibly(client, home_page):
    html = client.get("/da/").content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert 'href="/da/feeds/projects.rss"' in head
    assert '<a href="/da/feeds/projects.rss" type="application/rss+xml">Abonnér via RSS</a>' in html
    assert '<a href="/da/feeds/projects.atom" type="application/atom+xml">' in html


def test_the_overview_links_the_areas_and_projects_as_geojson_in_the_head_and_visibly(
    client, home_page
):
    html = client.get("/da/").content.decode()
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/geo+json" '
        'title="Områderne som kortdata (GeoJSON)" href="/da/geo/areas.geojson">'
    ) in head
    assert 'type="application/geo+json" title="Projekterne som kortdata (GeoJSON)"' in head
    assert (
        '<a href="/da/geo/areas.geojson" type="application/geo+json">'
        "Områderne som kortdata (GeoJSON)</a>"
    ) in html


def test_a_pages_own_alt_text_is_its_pictures_alt_text_in_each_language(client, plan, locale_en):
    """The alt text belongs to the page (translated with it), the description is its default."""
    image = ImageFactory(description="Skoven i maj", credit="Foto: Jens Krogh")
    project = ProjectPageFactory(
        parent=plan, title="Folkeskoven", image=image, image_alt_text="Bøgeskov ved søen"
    )
    project.save_revision().publish()
    english = project.copy_for_translation(locale_en)
    english.image_alt_text = "Beech wood by the lake"
    english.save_revision().publish()

    danish = client.get(project.url).content.decode()
    assert meta(danish, "og:image:alt") == ["Bøgeskov ved søen"]
    assert 'alt="Bøgeskov ved søen"' in danish
    assert '<figcaption class="credit">Foto: Jens Krogh</figcaption>' in danish
    html = client.get(english.url).content.decode()
    assert meta(html, "og:image:alt") == ["Beech wood by the lake"]
    assert 'alt="Beech wood by the lake"' in html
    assert 'fetchpriority="high"' in html and 'loading="eager"' in html


def test_a_picture_needs_alt_text_on_the_page_or_in_the_library(plan):
    image = ImageFactory(description="")
    project = ProjectPage(title="Folkeskoven", slug="folkeskoven", summary="Skov.", image=image)
    with pytest.raises(ValidationError) as error:
        plan.add_child(instance=project)
    assert "image_alt_text" in error.value.message_dict


def test_share_defaults_description_site_name_and_image(client, plan, home_page, locale_en):
    """A page the editor gave no search description, no picture: its summary describes it,
    the site's default share image and name (in the page's language) stand in."""
    contact = ContactDetails.objects.create(
        site_name="Lokale udviklingsplaner",
        unit="Plan og Udvikling",
        phone="55 88 55 88",
        email="plan@naestved.example.dk",
        share_image=ImageFactory(description="Kirken i Glumsø"),
        share_image_alt_text="Tegning af Glumsø Kirke",
    )
    ContactSettings.objects.update_or_create(
        site=home_page.get_site(), defaults={"contact": contact}
    )
    english = contact.copy_for_translation(locale_en)
    english.site_name = "Local development plans"
    english.share_image_alt_text = "Drawing of Glumsø church"
    english.save()

    html = client.get("/da/glumsoe/").content.decode()
    assert meta(html, "description") == ["Lokalrådets plan for området."]
    assert meta(html, "og:site_name") == ["Lokale udviklingsplaner"]
    [image] = meta(html, "og:image")
    assert "fill-1200x630" in image
    assert meta(html, "og:image:alt") == ["Tegning af Glumsø Kirke"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    english_html = client.get("/en/glumsoe-and-around/").content.decode()
    assert meta(english_html, "og:site_name") == ["Local development plans"]
    assert meta(english_html, "og:image:alt") == ["Drawing of Glumsø church"]


def test_a_rich_text_description_is_plain_and_short(client, plan):
    plan.search_description = ""
    plan.summary = "Et <b>kort</b> resumé. " + "Ord " * 100
    plan.save_revision().publish()
    [description] = meta(client.get("/da/glumsoe/").content.decode(), "description")
    assert description.startswith("Et kort resumé. Ord") and len(description) <= 200
