"""Images and documents as an editor uploads them: real files in the site's root collection."""

from wagtail.models import Collection

import factory
import wagtail_factories


def root_collection():
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    """An image of the project's image model (WAGTAILIMAGES_IMAGE_MODEL) with a real small PNG."""

    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Billede {n}")
    # The library's alt text, which a page's own alt text (core.models.PagePicture) overrides.
    description = factory.Sequence(lambda n: f"Et grønt billede nummer {n}")
    file = factory.django.ImageField(
        filename="billede.png",
        format="PNG",
        width=640,
        height=480,
        color="green",
    )


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A small PDF in the document library."""

    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.django.FileField(
        filename="referat.pdf",
        data=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
    )
