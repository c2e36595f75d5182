"""The open-data API's page addresses on the host the site is served on.

Wagtail's `html_url` is `page.full_url`, built without the request, so it names the Site
record's address (`http://localhost` in the demo) wherever the site is served. These fields
build it with the request, which follows the one rule for absolute addresses
(`core.metadata.served_root_url`, applied by `core.middleware.ServedSiteMiddleware`).
"""

from django.urls import NoReverseMatch

from wagtail.api.v2.serializers import (
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)


class ServedHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        try:
            return page.get_full_url(self.context["request"])
        except NoReverseMatch:
            return None


class ServedParentField(PageParentField):
    """The parent page as Wagtail links it, its `html_url` on the served host too."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=ServedPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class ServedPageSerializer(PageSerializer):
    html_url = ServedHtmlUrlField(read_only=True)
    parent = ServedParentField(read_only=True)
