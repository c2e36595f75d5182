from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import urls as wagtaildocs_urls

from participation.api import MeetingsAPIViewSet
from plan_pages.admin_views import browse_page_chooser
from plan_pages.api import PlansAPIViewSet, ProjectsAPIViewSet
from sdg.api import GoalsAPIViewSet
from search import views as search_views

from .api import validated
from .views import healthz

# The read-only open-data API (docs/api.md). The generic pages endpoint comes last, so links
# between objects point at the endpoint of their own type.
# Every endpoint checks its parameters first (cms/api.py).
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("plans", validated(PlansAPIViewSet))
api_router.register_endpoint("projects", validated(ProjectsAPIViewSet))
api_router.register_endpoint("meetings", validated(MeetingsAPIViewSet))
api_router.register_endpoint("goals", validated(GoalsAPIViewSet))
api_router.register_endpoint("pages", validated(PagesAPIViewSet))

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v2/", api_router.urls),
    path("", include("core.urls")),
    # Before Wagtail's own: the chooser opened at a page checks that the user may see it.
    path("admin/choose-page/<int:parent_page_id>/", browse_page_chooser),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # The browser tests' live server runs with DEBUG off; in production nginx serves /media/.
    from django.views.static import serve

    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Public pages carry their language: /da/… and /en/….
urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    path(_("search/suggestions/"), search_views.search_suggestions, name="search_suggestions"),
    path("", include("following.urls")),
    path("", include("plan_pages.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
