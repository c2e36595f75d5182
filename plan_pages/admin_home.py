"""The admin's start page for each role (Wagtail's home-page panels).

A council member sees their plan: buttons to create what goes under it, their drafts, what waits
for the editors, what was sent back with the editor's comment, and what other apps add through
the hook `council_home_sections` (the hook takes the plan and the request and returns HTML).
An editor sees every submission with its area and the person who sent it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from core.plugins import rendered_sections

from .councils import areas_of
from .models import LocalAreaPlanPage


def council_plans(user):
    """The Danish (source) plans of the councils `user` sits on: never another area's."""
    areas = areas_of(user) or set()
    return LocalAreaPlanPage.objects.filter(
        translation_key__in=areas, locale=Locale.get_default()
    ).order_by("title")


def workflow_states(pages, *statuses):
    """The pages' workflow states with one of `statuses`, newest first, with who asked."""
    page_ids = pages.annotate(key=Cast("pk", CharField())).values("key")
    return (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_ids,
            status__in=statuses,
        )
        .select_related("requested_by", "current_task_state")
        .order_by("-created_at")
    )


def with_pages(states):
    """Each state with `.listed_page`, the pages read in one query."""
    states = list(states)
    pages = Page.objects.in_bulk([int(state.object_id) for state in states])
    for state in states:
        state.listed_page = pages[int(state.object_id)]
    return states


class StartPageMedia:
    class Media:
        css = {"all": ["plan_pages/admin/start-page.css"]}


class CouncilPlanPanel(StartPageMedia, Component):
    """A council's own plan, first on its start page."""

    name = "council_plan"
    order = 10
    template_name = "plan_pages/admin/council_plan_panel.html"

    def __init__(self, plan, request):
        self.plan = plan
        self.request = request

    def get_context_data(self, parent_context=None):
        plan = self.plan
        pages = Page.objects.descendant_of(plan, inclusive=True)
        in_workflow = with_pages(
            workflow_states(
                pages, WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES
            )
        )
        waiting = {state.listed_page.pk for state in in_workflow}
        return {
            "plan": plan,
            "create": [
                (model._meta.verbose_name, self.add_url(model))
                for model in plan.specific_class.allowed_subpage_models()
            ],
            "drafts": pages.filter(has_unpublished_changes=True)
            .exclude(pk__in=waiting)
            .order_by("-latest_revision_created_at"),
            "submitted": [s for s in in_workflow if s.status == WorkflowState.STATUS_IN_PROGRESS],
            "sent_back": [s for s in in_workflow if s.status == WorkflowState.STATUS_NEEDS_CHANGES],
            "sections": rendered_sections("council_home_sections", plan, self.request),
            "revision": plan.next_revision and revision_status(plan.next_revision),
        }

    def add_url(self, model):
        meta = model._meta
        return reverse(
            "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, self.plan.pk]
        )


class SubmissionsPanel(StartPageMedia, Component):
    """Everything waiting for the editors, each with its area and who sent it."""

    name = "submissions"
    order = 10
    template_name = "plan_pages/admin/submissions_panel.html"

    def get_context_data(self, parent_context=None):
        states = with_pages(workflow_states(Page.objects.all(), WorkflowState.STATUS_IN_PROGRESS))
        plans = list(LocalAreaPlanPage.objects.only("title", "path", "depth"))
        for state in states:
            state.area = next(
                (plan for plan in plans if state.listed_page.path.startswith(plan.path)), None
            )
        return {"submissions": states, "per_area": waiting_per_area(states)}


def waiting_per_area(states):
    """[(area title, number of submissions)], the areas with most waiting first."""
    counts = {}
    for state in states:
        title = state.area.title if state.area else "–"
        counts[title] = counts.get(title, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def revision_status(year, today=None):
    """ "future", "this_year" or "overdue" for a plan to be revised in `year`."""
    current = (today or timezone.localdate()).year
    if year > current:
        return "future"
    return "this_year" if year == current else "overdue"
