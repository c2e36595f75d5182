"""How participation plugs into the plans and projects of `plan_pages` (see core.plugins)."""

from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import InlinePanel

from plan_pages.models import ProjectPage

from .models import SurveyPage
from .panels import IdeasPanel
from .reports import participation_figures
from .working_groups import serve_join


@hooks.register("register_admin_viewset")
def register_participation():
    """Survey answers, results and volunteers, each council seeing its own area only."""
    from .views import ParticipationGroup

    return ParticipationGroup()


@hooks.register("council_permissions")
def council_reads_answers():
    """A council reads its own area's survey answers and moderates their comments."""
    return [("participation", "view_ideaanswer"), ("participation", "change_ideaanswer")]


@hooks.register("plan_page_panels")
def ideas_panel():
    return [IdeasPanel("ideas", heading=_("Ideas from the citizens' meeting"), label=_("idea"))]


@hooks.register("project_page_panels")
def working_groups_panel():
    return [InlinePanel("working_groups", heading=_("Working groups"), label=_("working group"))]


@hooks.register("plan_subpage_types")
def survey_under_plan():
    return [SurveyPage]


@hooks.register("project_page_routes")
def join_route():
    return [path(_("join/<int:group_id>/"), serve_join, name="join")]


@hooks.register("plan_page_sections")
def plan_ideas_and_surveys(plan, request):
    surveys = SurveyPage.objects.child_of(plan).live().public().order_by("-opens_at")
    context = {"page": plan, "ideas": ideas_with_projects(plan), "surveys": surveys}
    return render_to_string("components/plan_participation.html", context, request=request)


@hooks.register("project_page_sections")
def project_working_groups(project, request):
    return render_to_string(
        "components/project_working_groups.html", {"page": project}, request=request
    )


@hooks.register("annual_report_sections")
def annual_report_participation(report, request):
    context = {"report": report, "participation": participation_figures(report.figures)}
    return render_to_string("components/annual_report_participation.html", context, request=request)


def ideas_with_projects(plan):
    """The plan's ideas, each with `.became`: the live, public project of the plan it became,
    in the plan's language (the link is kept on the source idea). Two queries, however many
    ideas."""
    ideas = list(plan.ideas.select_related("project"))
    keys = [idea.project.translation_key for idea in ideas if idea.project]
    # Live and public (no private projects on a public page), and the plan's own: a link to
    # another area's project is ignored.
    projects = ProjectPage.objects.live().public().filter(translation_key__in=keys, plan=plan)
    by_key = {project.translation_key: project for project in projects}
    for idea in ideas:
        idea.became = by_key.get(idea.project.translation_key) if idea.project else None
    return ideas
