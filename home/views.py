from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.models import Site


@require_GET
def robots_txt(request):
    """Everything may be crawled but the admin; the sitemap lists every page in both languages."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {root}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
