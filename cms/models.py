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

    # Wagtail 8.0.1 writes every rendition it found in the renditions cache back to it: each
    # picture of each page view rewrote its six to eight sizes in Redis (wagtail/wagtail#14541,
    # fixed after 8.0.1). Renditions read from the cache are marked as such, as Wagtail marks
    # prefetched ones, and a single rendition takes the same path as several.

    def find_existing_renditions(self, *filters):
        if self._get_prefetched_renditions() is not None:
            return super().find_existing_renditions(*filters)
        Rendition = self.get_rendition_model()
        wanted = {
            Rendition.construct_cache_key(self, each.get_cache_key(self), each.spec): each
            for each in filters
        }
        found = {}
        for key, rendition in Rendition.cache_backend.get_many(list(wanted)).items():
            rendition.image, rendition._from_cache = self, True
            found[wanted[key]] = rendition
        missing = [each for each in filters if each not in found]
        return found | (super().find_existing_renditions(*missing) if missing else {})

    def get_rendition(self, filter):
        return next(iter(self.get_renditions(filter).values()))


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
