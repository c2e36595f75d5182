"""The annual report as PDF: the page's own content, laid out by WeasyPrint for A4.

WeasyPrint reads the stylesheet and the fonts from the static files on disk, through Django's
static file finders; it fetches nothing else, so writing a PDF never makes a network request
(a resource the report's HTML might point at elsewhere is left out, with a warning in the log).
"""

import mimetypes
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The stylesheet is given this address, which can never resolve (.invalid is reserved), so
# that the fonts it names relatively are looked up among the static files too.
STATIC_ORIGIN = "https://static.invalid/"
STYLESHEET = "css/annual_report_pdf.css"


class StaticFilesFetcher(URLFetcher):
    """Serves STATIC_ORIGIN/<path> from the static files; refuses every other address."""

    def fetch(self, url, headers=None):
        if url.startswith(STATIC_ORIGIN):
            path = unquote(url.removeprefix(STATIC_ORIGIN).split("?")[0].split("#")[0])
            if ".." not in path.split("/") and (body := read_static(path)) is not None:
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
        raise ValueError(f"The annual report's PDF loads static files only, not {url}")


def read_static(path: str) -> bytes | None:
    """A static file from the apps' and project's static folders, or else from the collected
    files (a server may keep only those)."""
    if found := finders.find(path):
        with open(found, "rb") as file:
            return file.read()
    if staticfiles_storage.exists(path):
        with staticfiles_storage.open(path) as file:
            return file.read()
    return None


def render_pdf(report, request) -> bytes:
    context = report.get_context(request)
    context["now"] = timezone.localtime()
    html = render_to_string("pages/annual_report_pdf.html", context, request=request)
    fetcher = StaticFilesFetcher()
    fonts = FontConfiguration()  # the stylesheet's @font-face rules need it, here and below
    stylesheet = CSS(url=STATIC_ORIGIN + STYLESHEET, url_fetcher=fetcher, font_config=fonts)
    # The page's own address as base, so the links in the PDF lead back to the site.
    base_url = request.build_absolute_uri(report.get_url(request))
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)


def serve_pdf(report, request):
    response = HttpResponse(render_pdf(report, request), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=report.pdf_filename
    )
    return response
