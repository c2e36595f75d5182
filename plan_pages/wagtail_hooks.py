from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import include, path, reverse

from wagtail import hooks
from wagtail_localize.views import report, snippets_api

from sdg.models import SDGGoalPage

from .councils import areas_of
from .feeds import goal_feeds
from .listing import ProjectSearch
from .models import LocalAreaPlanPage

# Translation is the municipal editors' job (docs/permissions.md): wagtail-localize's own
# permission for starting and syncing translations, which councils do not have.
TRANSLATE = "wagtail_localize.submit_translation"


@hooks.register("sdg_goal_page_listing")
def projects_working_on_goal(goal_page, request):
    """On a goal page: its projects, filtered by area and status, with the search's code."""
    search = ProjectSearch.from_params(request.GET, goal_page.locale, goal=goal_page.number)
    outcome = search.run()
    return render_to_string(
        "components/goal_projects.html",
        {"outcome": outcome, "form_id": "goal-projects", "feeds": goal_feeds(goal_page.number)},
        request=request,
    )


@hooks.register("page_feeds")
def goal_page_feeds(page):
    """A goal page offers the feeds of the projects working on the goal."""
    return goal_feeds(page.number) if isinstance(page, SDGGoalPage) else []


def area_q(areas):
    """The pages of the plans whose translation keys are `areas`, in every language."""
    paths = LocalAreaPlanPage.objects.filter(translation_key__in=areas).values_list("path")
    q = Q(pk__in=[])
    for (plan_path,) in paths:
        q |= Q(path__startswith=plan_path)
    return q


@hooks.register("construct_page_chooser_queryset")
def councils_choose_public_pages_and_their_own_drafts(pages, request):
    """In the page chooser (browsing and searching), a council sees what residents see (live,
    public pages) and its own area's pages, drafts included; never another area's drafts."""
    areas = areas_of(request.user)
    if areas is None:
        return pages
    return pages.filter((Q(live=True) & ~pages.private_q()) | area_q(areas))


def translators_only(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(TRANSLATE):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@hooks.register("register_admin_urls", order=-1)
def translation_tools_for_translators():
    """wagtail-localize's translations report and its snippet API ask no permission (any admin
    user would see every area's titles there). These routes, registered before
    wagtail-localize's own (order -1), answer the same URLs for those who may translate only.
    Every other wagtail-localize view checks `can_edit()` on the page or `TRANSLATE` itself."""
    urls = [
        path("reports/translations/", translators_only(report.TranslationsReportView.as_view())),
        path(
            "reports/translations/results/",
            translators_only(report.TranslationsReportView.as_view(results_only=True)),
        ),
        path(
            "api/snippets/<slug:app_label>/<slug:model_name>/",
            translators_only(snippets_api.SnippetViewSet.as_view({"get": "list"})),
        ),
        path(
            "api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            translators_only(snippets_api.SnippetViewSet.as_view({"get": "retrieve"})),
        ),
    ]
    return [path("localize/", include((urls, "translators_only")))]


@hooks.register("construct_reports_menu")
def translations_report_for_translators(request, menu_items):
    if not request.user.has_perm(TRANSLATE):
        report_url = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report_url]
