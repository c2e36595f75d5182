from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """The site's image model: every image has a credit, which Danish media law expects."""

    credit = models.CharField("Fotograf/kilde", max_length=255, blank=True)
    # Wagtail's own field, relabelled: it is the image's alt text, read aloud to people who
    # cannot see the image, and volunteers are not expected to know the term.
    description = models.CharField(
        _("description (alt text)"),
        max_length=255,
        blank=True,
        default="",
        help_text=_(
            "Say in one sentence what the picture shows, for people who cannot see it, e.g. "
            '"Children build a shelter by the lake". Screen readers read it aloud.'
        ),
    )

    admin_form_fields = Image.admin_form_fields + ("credit",)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
