"""sitemap.xml: every live, public page in every language, with its translations as hreflang
alternates (and x-default for the Danish version), for search engines."""

from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap covers the site's root page only, which is the Danish tree; this one
    adds the root's translations (the English tree) and links the versions of each page."""

    def items(self):
        site = self.get_wagtail_site()
        roots = [site.root_page, *site.root_page.get_translations()]
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = self.versions({page.translation_key for page in pages})
        urls = []
        for item in pages:
            languages = versions.get(item.translation_key, {})
            alternates = []
            if len(languages) > 1:
                alternates = [
                    {"lang_code": code, "location": location}
                    for code, location in sorted(languages.items())
                ]
                if DEFAULT_LANGUAGE in languages:
                    alternates.append(
                        {"lang_code": "x-default", "location": languages[DEFAULT_LANGUAGE]}
                    )
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": self.lastmod(item),
                    "alternates": alternates,
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def versions(self, translation_keys):
        """{translation key: {language code: address}} of the live, public versions."""
        versions = {}
        translations = (
            self.items().filter(translation_key__in=translation_keys).select_related("locale")
        )
        for page in translations:
            versions.setdefault(page.translation_key, {})[page.locale.language_code] = (
                page.get_full_url(self.request)
            )
        return versions
