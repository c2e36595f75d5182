"""Every block of the body StreamField renders what the editor entered, through its template.

The blocks come from `BodyBlock().child_blocks`, so a new block fails here until it has an
example below; a block whose template is missing fails too."""

from django.template.loader import get_template
from django.test import RequestFactory
from django.utils.html import escape

import pytest

from core.blocks import BodyBlock
from core.tests.factories import DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db


def text(objects):
    return (
        "<p>Lokalrådet samler <b>idéer</b> fra borgermødet.</p>",
        ["<p>Lokalrådet samler <b>idéer</b> fra borgermødet.</p>"],
    )


def image(objects):
    picture = objects["image"]
    return (
        {
            "image": {
                "image": picture.pk,
                "alt_text": "Fugleskjulet ved Glumsø Sø set fra sydsiden",
                "decorative": False,
            },
            "caption": "Skjulet blev indviet i maj 2025.",
        },
        [
            'alt="Fugleskjulet ved Glumsø Sø set fra sydsiden"',
            "<figcaption>Skjulet blev indviet i maj 2025. "
            '<small class="credit">Foto: Næstved Kommune</small></figcaption>',
            f"/media/images/{picture.file.name.rsplit('/', 1)[-1].rsplit('.', 1)[0]}.",
            'loading="lazy"',
            'width="480"',
            'height="360"',
            'type="image/webp"',
            "srcset=",
        ],
    )


def image_without_caption(objects):
    """The photographer's credit shows whether or not the editor wrote a caption."""
    return (
        {
            "image": {
                "image": objects["image"].pk,
                "alt_text": "Søen om morgenen",
                "decorative": False,
            },
            "caption": "",
        },
        [
            'alt="Søen om morgenen"',
            '<figcaption><small class="credit">Foto: Næstved Kommune</small></figcaption>',
        ],
    )


def decorative_image(objects):
    return (
        {
            "image": {"image": objects["image"].pk, "alt_text": "", "decorative": True},
            "caption": "",
        },
        ['alt=""'],
    )


def quote(objects):
    return (
        {"quote": "Vi vil have en landsby for unge & gamle.", "attribution": "Beboer i Glumsø"},
        [
            f"<blockquote><p>{escape('Vi vil have en landsby for unge & gamle.')}</p></blockquote>",
            "<figcaption>Beboer i Glumsø</figcaption>",
        ],
    )


def document(objects):
    pdf = objects["document"]
    return (
        {"document": pdf.pk, "title": "Referat af borgermødet"},
        [f'<a href="{pdf.url}">Referat af borgermødet</a>', "(PDF"],
    )


def document_without_link_text(objects):
    pdf = objects["document"]
    return ({"document": pdf.pk, "title": ""}, [f'<a href="{pdf.url}">{pdf.title}</a>'])


def call_to_action_to_a_page(objects):
    page = objects["page"]
    return (
        {
            "heading": "Vær med i arbejdsgruppen",
            "text": "Vi mødes første tirsdag i måneden.",
            "link_text": "Læs om gruppen",
            "page": page.pk,
            "url": "",
        },
        [
            "<h2>Vær med i arbejdsgruppen</h2>",
            "<p>Vi mødes første tirsdag i måneden.</p>",
            f'<a class="button button-secondary" href="{page.url}">Læs om gruppen</a>',
        ],
    )


def call_to_action_to_an_address(objects):
    return (
        {
            "heading": "Skriv til lokalrådet",
            "text": "",
            "link_text": "Kontakt",
            "page": None,
            "url": "https://lokalraad.example.dk/kontakt",
        },
        [
            '<a class="button button-secondary" href="https://lokalraad.example.dk/kontakt">Kontakt</a>'
        ],
    )


# Each block of BodyBlock, by name: how an editor fills it in (as stored), and what the page
# must then show.
EXAMPLES = {
    "text": [text],
    "image": [image, image_without_caption, decorative_image],
    "quote": [quote],
    "document": [document, document_without_link_text],
    "call_to_action": [call_to_action_to_a_page, call_to_action_to_an_address],
}
BLOCKS = list(BodyBlock().child_blocks)


@pytest.fixture
def objects(site_root):
    page = site_root.add_child(
        instance=site_root.specific_class(title="Arbejdsgrupper", slug="arbejdsgrupper")
    )
    return {
        "image": ImageFactory(credit="Foto: Næstved Kommune"),
        "document": DocumentFactory(title="Referat 2025"),
        "page": page,
    }


def render(name, raw, page):
    stream = BodyBlock().to_python([{"type": name, "value": raw}])
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    return stream[0].render(context={"request": request, "page": page})


@pytest.mark.parametrize("name", BLOCKS)
def test_every_block_has_an_example_and_a_template(name):
    block = BodyBlock().child_blocks[name]
    assert EXAMPLES.get(name), f"add an example of the {name!r} block to EXAMPLES"
    assert block.meta.template, f"the {name!r} block has no template of its own"
    get_template(block.meta.template)


@pytest.mark.parametrize(
    ("name", "example"),
    [(name, example) for name in BLOCKS for example in EXAMPLES.get(name, [])],
    ids=lambda item: getattr(item, "__name__", item),
)
def test_every_block_renders_what_the_editor_entered(objects, name, example):
    raw, expected = example(objects)
    html = render(name, raw, objects["page"])
    for fragment in expected:
        assert fragment in html, f"{fragment!r} not in:\n{html}"
