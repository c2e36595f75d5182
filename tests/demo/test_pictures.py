"""The demo's pictures as residents and share previews see them, on every page type, in both
languages: alt text in the page's language, responsive renditions with their size set, the
page's own picture fetched first and the others when scrolled to; and what every page says
about itself to search engines and share previews."""

import re
from html import unescape
from html.parser import HTMLParser

from wagtail.images import get_image_model

import pytest

from core.models import ContactSettings
from home.models import HomePage
from plan_pages.models import LocalAreaPlanPage, ProjectPage
from tests.page_types import page_type_id, page_types

pytestmark = pytest.mark.django_db


class Pictures(HTMLParser):
    """The <img> and <source> elements in a page's <main>, with their attributes."""

    def __init__(self, html):
        super().__init__()
        self.images, self.sources, self.in_main = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        elif self.in_main and tag == "img":
            self.images.append(attrs)
        elif self.in_main and tag == "source":
            self.sources.append(attrs)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def meta(html, name):
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return [unescape(value) for value in found]


def demo_page(model, language):
    """The demo's first live page of the type in the language, one with a picture if the type
    can have one; the test fails without one."""
    pages = model.objects.live().filter(locale__language_code=language).order_by("path")
    if any(field.name == "image" for field in model._meta.fields):
        pages = pages.filter(image__isnull=False)
    page = pages.first()
    assert page is not None, f"the demo has no live {model.__name__} in {language!r}"
    return page


def test_the_demo_has_pictures_on_the_overview_every_plan_and_most_projects(demo_site):
    for language in ("da", "en"):
        in_language = {"locale__language_code": language}
        assert HomePage.objects.get(**in_language).image is not None
        plans = LocalAreaPlanPage.objects.filter(**in_language)
        assert plans.count() == 6 and not plans.filter(image=None).exists()
        projects = ProjectPage.objects.filter(**in_language)
        with_picture = projects.exclude(image=None).count()
        assert with_picture >= 0.75 * projects.count(), (with_picture, projects.count())
        assert with_picture < projects.count(), "some projects show the page without a picture"
    for image in get_image_model().objects.all():
        assert image.credit, f"{image.title} has no credit"
        assert image.description, f"{image.title} has no description (the library's alt text)"
        assert (image.width, image.height) == (1600, 900)
        assert image.has_focal_point()


def test_a_pictures_alt_text_is_translated_with_its_page(demo_site):
    for danish in LocalAreaPlanPage.objects.filter(locale__language_code="da"):
        english = danish.get_translation(danish.locale.__class__.objects.get(language_code="en"))
        assert english.image_id == danish.image_id
        assert danish.image_alt.startswith("Tegning af et landskab")
        assert english.image_alt.startswith("Drawing of a landscape")


@pytest.mark.parametrize("model", page_types(), ids=page_type_id)
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_type_shows_its_pictures_with_alt_text_and_renditions(
    demo_site, client, model, language
):
    page = demo_page(model, language)
    html = client.get(page.url).content.decode()
    pictures = Pictures(html)
    for image in pictures.images:
        assert image.get("alt"), f"{page.url}: an image without alt text: {image}"
        assert image.get("width") and image.get("height"), f"{page.url}: no size: {image}"
        assert image.get("srcset") and image.get("sizes"), f"{page.url}: not responsive: {image}"
        danish_words = {"Tegning", "landskab", "marker"}
        english_words = {"Drawing", "landscape", "fields"}
        words = set(image["alt"].replace(",", " ").split())
        assert words & (danish_words if language == "da" else english_words), image["alt"]
        assert not words & (english_words if language == "da" else danish_words), image["alt"]
    for source in pictures.sources:
        assert source["type"] == "image/webp" and source.get("srcset") and source.get("sizes")
    if getattr(page, "image", None) is not None:
        hero, *others = pictures.images
        assert hero["alt"] == page.image_alt
        assert hero["fetchpriority"] == "high" and hero["loading"] == "eager"
        assert all(other["loading"] == "lazy" for other in others), others
        assert page.image.credit in html
        assert len(pictures.sources) == len(pictures.images)


@pytest.mark.parametrize("model", page_types(), ids=page_type_id)
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_type_describes_itself_to_search_engines_and_share_previews(
    demo_site, client, model, language
):
    page = demo_page(model, language)
    html = client.get(page.url).content.decode()
    contact = ContactSettings.objects.get().contact.get_translation(page.locale)

    [description] = meta(html, "description")
    assert description and "<" not in description and "&" not in description
    assert len(description) <= 200 and ".." not in description.replace("...", "")
    assert meta(html, "og:description") == [description]
    assert meta(html, "og:site_name") == [contact.site_name]
    [image] = meta(html, "og:image")
    assert image.startswith("http://testserver/media/images/") and "fill-1200x630" in image
    [alt] = meta(html, "og:image:alt")
    expected_alt = page.image_alt if getattr(page, "image", None) else contact.share_image_alt
    assert alt == expected_alt and alt
    assert meta(html, "twitter:card") == ["summary_large_image"]
