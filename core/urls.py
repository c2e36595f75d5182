"""The site-wide addresses outside the language prefixes: sitemap, robots.txt, the favicon
and /was."""

from django.urls import path, re_path

from wagtail.contrib.sitemaps.views import sitemap

from .sitemaps import TranslatedSitemap
from .views import favicon, robots_txt, was

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    # With or without the slash: both are typed and linked, and /was/ must not fall through to
    # the language prefixes' 404.
    re_path(r"^was/?$", was, name="was"),
    path("favicon.ico", favicon, name="favicon"),
]
