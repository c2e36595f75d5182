"""The StreamField blocks of plans and projects, in one place."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/streamfield/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/streamfield/quote_block.html"
        preview_value = {
            "quote": "Vi vil have en landsby, hvor både unge og gamle har lyst til at blive.",
            "attribution": "Beboer i Glumsø",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Leave empty to use the title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "components/streamfield/document_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    link_text = blocks.CharBlock(label=_("link text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "components/streamfield/call_to_action_block.html"
        preview_value = {
            "heading": "Vær med i arbejdsgruppen",
            "text": "Vi mødes første tirsdag i måneden på biblioteket.",
            "link_text": "Skriv til lokalrådet",
            "url": "https://lokalraad.example.dk/kontakt",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page or an external address.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=settings.RICH_TEXT_FEATURES,
        template="components/streamfield/text_block.html",
        preview_value="<p>Lokalrådet samler idéer fra borgermødet og spørgeskemaet.</p>",
    )
    image = FigureBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
