"""How participation plugs into the plans and projects of `plan_pages` (see core.plugins)."""

from django.db.models import Q
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import InlinePanel
from wagtail.models import Page

from core.models import SitePageQuerySet
from plan_pages.councils import areas_of

from .meetings import (
    meeting_event,
    meeting_feed_items,
    meeting_links,
    plan_meetings,
    published_meetings,
)
from .models import CommentStatus, IdeaAnswer, MeetingPage, SurveyPage, SurveyResponse
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
    return [
        ("participation", "view_ideaanswer"),
        ("participation", "change_ideaanswer"),
        ("participation", "view_registration"),
    ]


@hooks.register("plan_page_panels")
def ideas_panel():
    return [IdeasPanel("ideas", heading=_("Ideas from the citizens' meeting"), label=_("idea"))]


@hooks.register("project_page_panels")
def working_groups_panel():
    return [InlinePanel("working_groups", heading=_("Working groups"), label=_("working group"))]


@hooks.register("council_home_sections")
def comments_to_moderate(plan, request):
    """On a council's start page: its surveys' comments that wait for moderation."""
    waiting = IdeaAnswer.objects.filter(
        response__survey__in=SurveyPage.objects.descendant_of(plan),
        comment_status=CommentStatus.PENDING,
    ).exclude(comment="")
    context = {"count": waiting.count(), "answers_url": reverse("survey_answers:index")}
    template = "participation/admin/comments_to_moderate.html"
    return render_to_string(template, context, request=request)


@hooks.register("plan_subpage_types")
def survey_under_plan():
    return [SurveyPage, MeetingPage]


@hooks.register("project_page_routes")
def join_route():
    return [path(_("join/<int:group_id>/"), serve_join, name="join")]


@hooks.register("plan_page_sections")
def plan_meetings_section(plan, request):
    coming, past = plan_meetings(plan)
    context = {"page": plan, "coming": coming, "past": past}
    return render_to_string("components/plan_meetings.html", context, request=request)


@hooks.register("plan_calendar_events")
def plan_calendar_meetings(plan, request):
    """The plan's meetings in its calendar (plan_pages.calendar), in Danish time."""
    return [meeting_event(meeting, request) for meeting in published_meetings(plan)]


@hooks.register("plan_feed_items")
def plan_feed_meetings(plan, request):
    """The plan's meetings announced in its RSS and Atom feeds (plan_pages.feeds)."""
    return meeting_feed_items(plan, request)


@hooks.register("plan_page_sections")
def plan_ideas_and_surveys(plan, request):
    surveys = plan.live_subpages_of(SurveyPage)
    surveys = sorted(surveys, key=lambda survey: survey.opens_at, reverse=True)
    context = {"page": plan, "ideas": ideas_with_projects(plan), "surveys": surveys}
    return render_to_string("components/plan_participation.html", context, request=request)


@hooks.register("project_page_sections")
def project_working_groups(project, request):
    groups = list(project.working_groups.all())
    meetings = meeting_links([group.formed_at_id for group in groups], project.locale)
    for group in groups:
        group.formed_at_page = meetings.get(group.formed_at_id)
    context = {"page": project, "groups": groups}
    return render_to_string("components/project_working_groups.html", context, request=request)


@hooks.register("annual_report_sections")
def annual_report_participation(report, request):
    context = {"report": report, "participation": participation_figures(report.figures)}
    return render_to_string("components/annual_report_participation.html", context, request=request)


def ideas_with_projects(plan):
    """The plan's ideas, each with `.became`: the live, public project of the plan it became,
    and `.meeting_page`: the live, public meeting it was collected at, both in the plan's
    language (a translated idea keeps the source idea's links). Two queries, however many
    ideas: the ideas (in a preview, the draft's), then the pages they point at in the plan's
    language, as plain page rows (a title and an address is all a link needs)."""
    ideas = list(plan.ideas.all())
    # A project must be this plan's: a link to another area's project is ignored.
    pages = SitePageQuerySet(Page).live().public()
    pages = pages.filter(Q(projectpage__isnull=True) | Q(projectpage__plan=plan))
    pointed_at = [pk for idea in ideas for pk in (idea.meeting_id, idea.project_id)]
    linked = pages.translations_of(pointed_at, plan.locale_id)
    for idea in ideas:
        idea.meeting_page = linked.get(idea.meeting_id)
        idea.became = linked.get(idea.project_id)
    return ideas


# The field of the delete confirmation where an editor confirms how many answers go.
CONFIRM_ANSWERS = "delete_answers"


def residents_data_in(pages):
    """The survey responses and the answers that deleting `pages` (with their descendants)
    would delete: those of their surveys, and those about their plans' ideas."""
    surveys = Q(pk__in=[])
    ideas = Q(pk__in=[])
    for page in pages:
        surveys |= Q(survey__path__startswith=page.path)
        ideas |= Q(idea__page__path__startswith=page.path)
    answers = IdeaAnswer.objects.filter(
        Q(response__in=SurveyResponse.objects.filter(surveys)) | ideas
    )
    responses = SurveyResponse.objects.filter(Q(pk__in=answers.values("response")) | surveys)
    return responses.count(), answers.count()


@hooks.register("before_delete_page")
def answers_go_only_by_an_editors_decision(request, page):
    """Residents' answers survive any deletion but a municipal editor's, who confirms how many
    answers go with the page (a council never deletes them; plan_pages lets it delete only
    pages never published, which hold none)."""
    responses, answers = residents_data_in([page])
    if not answers and not responses:
        return None
    if areas_of(request.user) is not None:
        messages.error(
            request,
            _(
                "Residents have answered a survey of “%(title)s”, so only a municipal editor "
                "can delete it."
            )
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "POST" and request.POST.get(CONFIRM_ANSWERS) == str(answers):
        return None
    return TemplateResponse(
        request,
        "participation/admin/confirm_delete_with_answers.html",
        {
            "page": page,
            "descendant_count": page.get_descendant_count(),
            "responses_text": ngettext(
                "%(count)s resident's response", "%(count)s residents' responses", responses
            )
            % {"count": responses},
            "answers": answers,
            "confirm_field": CONFIRM_ANSWERS,
            "refused": request.method == "POST",
            "next": request.GET.get("next") or request.POST.get("next", ""),
        },
    )


@hooks.register("before_bulk_action")
def no_bulk_delete_of_residents_answers(request, action_type, objects, action):
    """The bulk delete cannot say how many answers go: pages holding answers are deleted one
    at a time, through the page's own delete, which asks the editor to confirm the number."""
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    responses, answers = residents_data_in(objects)
    if not answers and not responses:
        return None
    messages.error(
        request,
        _(
            "Nothing was deleted: residents have answered surveys in these pages. Delete "
            "such a page on its own; its delete confirmation says how many answers go with it."
        ),
    )
    return redirect(action.next_url)
