from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import (
    DismissibleMenuItem,
    DismissibleSubmenuMenuItem,
    MenuItem,
    SubmenuMenuItem,
)
from wagtail.admin.ui.sidebar import PageExplorerMenuItem as PageExplorerMenuItemComponent
from wagtail.admin.wagtail_hooks import ExplorerMenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.views import report, snippets_api

from core.content_cache import Deferred, deferred_items
from core.locales import with_cached_locale
from core.translation_buttons import TRANSLATE
from sdg.models import SDGGoalPage

from .admin_home import CouncilPlanPanel, SubmissionsPanel, council_plans
from .councils import areas_of, is_council_member
from .feeds import goal_feeds
from .geodata import geodata_links
from .guides import GUIDES, as_html, guide_text, guides_for
from .listing import ProjectSearch
from .maps import RESULTS_MAP_KEYS, results_map
from .models import LocalAreaPlanPage, ProjectPage
from .progress import goal_counts_per_area


@hooks.register("sdg_goal_page_listing")
def projects_working_on_goal(goal_page, request):
    """On a goal page: its projects, filtered by area and status, with the search's code.

    Deferred: a listing from the fragment cache (goal_projects.html) reads none of them."""
    locale = with_cached_locale(goal_page).locale
    outcome = Deferred(
        lambda: ProjectSearch.from_params(request.GET, locale, goal=goal_page.number).run()
    )

    return render_to_string(
        "components/goal_projects.html",
        {
            "goal_page": goal_page,
            "outcome": outcome,
            "form_id": "goal-projects",
            "feeds": goal_feeds(goal_page.number) + geodata_links(False, goal=goal_page.number),
            "area_counts": Deferred(
                lambda: goal_counts_per_area(goal_page.number, goal_page.locale)
            ),
            **deferred_items(
                lambda: results_map(outcome.page.object_list, request), RESULTS_MAP_KEYS
            ),
        },
        request=request,
    )


@hooks.register("page_feeds")
def goal_page_feeds(page):
    """A goal page offers the feeds of the projects working on the goal."""
    if not isinstance(page, SDGGoalPage):
        return []
    return goal_feeds(page.number) + geodata_links(False, goal=page.number)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_of_a_project_outside_its_area(request, page):
    """A project may lie outside its plan's area (a trip, a shared route), but mostly it is a
    slip of the mouse: the editor is told, and the page is saved all the same."""
    if isinstance(page, ProjectPage) and page.site_outside_plan():
        messages.warning(
            request,
            _(
                "The project's place on the map lies outside the area of its plan. If that is "
                "not intended, move the point into the area and save again."
            ),
        )


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


# Wagtail lists "Workflows" and "Workflow tasks" twice: as settings (changing the workflows, for
# administrators) and as reports. Editors get one entry, in the settings: the pages in the
# workflow. Councils see what they sent on their start page, and have no reports menu at all:
# Wagtail's reports are the municipality's overview, not an area's.
WORKFLOW_REPORTS = {"workflows", "workflow-tasks"}


@hooks.register("construct_reports_menu")
def workflows_listed_once(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in WORKFLOW_REPORTS]


class PagesInWorkflowMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "publish")


@hooks.register("register_settings_menu_item")
def pages_in_workflow_menu_item():
    return PagesInWorkflowMenuItem(
        _("Pages in the workflow"),
        reverse("wagtailadmin_reports:workflow"),
        name="pages-in-workflow",
        icon_name="tasks",
        order=50,
    )


@hooks.register("construct_main_menu")
def no_reports_for_councils(request, menu_items):
    if is_council_member(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "reports"]


@hooks.register("construct_homepage_panels")
def start_page_per_role(request, panels):
    """A council starts at its own plan; an editor at what the councils have sent."""
    if is_council_member(request.user):
        # The plan panel lists what the council has sent; Wagtail's own list would repeat it.
        panels[:] = [
            panel for panel in panels if panel.name != "user_objects_in_workflow_moderation"
        ]
        panels[:0] = [CouncilPlanPanel(plan, request) for plan in council_plans(request.user)]
    elif areas_of(request.user) is None:
        panels.insert(0, SubmissionsPanel())


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail adds its own
def no_site_counts_for_councils(request, summary_items):
    """The site's counts ("130 pages") are every area's: a council's plan panel says what is its."""
    if is_council_member(request.user):
        summary_items.clear()


class CouncilExplorerMenuItem(ExplorerMenuItem):
    """ "Sider" opens a council's own plan. Wagtail starts the explorer at the pages the user may
    edit in common, which for a council is the root above both languages' trees."""

    def render_component(self, request):
        plans = council_plans(request.user)[:2]
        if len(plans) != 1:
            return super().render_component(request)
        return PageExplorerMenuItemComponent(
            self.name, self.label, self.url, plans[0].pk, icon_name=self.icon_name
        )


@hooks.register("construct_main_menu")
def council_explorer_starts_at_its_plan(request, menu_items):
    if not is_council_member(request.user):
        return
    menu_items[:] = [
        CouncilExplorerMenuItem(
            item.label, item.url, name=item.name, icon_name=item.icon_name, order=item.order
        )
        if isinstance(item, ExplorerMenuItem)
        else item
        for item in menu_items
    ]


def guide(request, role):
    if role not in GUIDES:
        raise Http404
    context = {"title": GUIDES[role][1], "guide": as_html(guide_text(role))}
    return TemplateResponse(request, "plan_pages/admin/guide.html", context)


@hooks.register("register_admin_urls")
def guide_urls():
    return [path("vejledning/<slug:role>/", guide, name="admin_guide")]


@hooks.register("construct_help_menu")
def our_guides_in_the_help_menu(request, menu_items):
    """The Help menu has our Danish guides in place of Wagtail's English guide and release notes,
    (whose "new" badge never goes away for a volunteer who opens the admin twice a year)."""
    guides = [
        MenuItem(title, url, icon_name="help", order=number)
        for number, (title, url) in enumerate(guides_for(request.user))
    ]
    kept = [item for item in menu_items if not isinstance(item, DismissibleMenuItem)]
    menu_items[:] = guides + kept


@hooks.register("construct_main_menu")
def help_menu_without_a_badge(request, menu_items):
    """Wagtail's Help menu carries a "new" badge until it is opened once per release: to a
    volunteer it looks like a message they never get rid of. The same menu, without the badge."""
    menu_items[:] = [
        SubmenuMenuItem(
            item.label, item.menu, name=item.name, icon_name=item.icon_name, order=item.order
        )
        if isinstance(item, DismissibleSubmenuMenuItem)
        else item
        for item in menu_items
    ]


class StatusImportMenuItem(MenuItem):
    def is_shown(self, request):
        from .import_views import may_import

        return may_import(request.user)


@hooks.register("register_admin_urls")
def status_import_urls():
    from .import_views import status_export, status_import

    return [
        path("statusark/", status_import, name="plan_pages_status_import"),
        path("statusark/hent/", status_export, name="plan_pages_status_export"),
    ]


@hooks.register("register_admin_menu_item")
def status_import_menu_item():
    return StatusImportMenuItem(
        _("Status sheet"),
        reverse("plan_pages_status_import"),
        name="status-sheet",
        icon_name="table",
        order=450,  # after Images (300) and Documents (400)
    )
