"""The admin's view of residents' survey answers: read, moderate comments, export.

Municipal editors see every area; a council sees its own area only (`councils.areas_of`). The
restriction sits in the querysets, so another area's answer is a 404 in every view, and the
CSV and XLSX exports (Wagtail's own) contain only what the list shows.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

import django_filters

from .councils import areas_of
from .models import IdeaAnswer, SurveyPage, WorkingGroup

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def answers_for(user):
    answers = IdeaAnswer.objects.select_related("idea", "response__survey__plan")
    areas = areas_of(user)
    if areas is None:
        return answers
    return answers.filter(response__survey__plan__translation_key__in=areas)


def surveys_for(request):
    surveys = SurveyPage.objects.filter(locale=Locale.get_default()).order_by("title")
    areas = areas_of(request.user) if request else set()
    return surveys if areas is None else surveys.filter(plan__translation_key__in=areas)


def neutralise_formula(value):
    """A resident's text must not run as a spreadsheet formula when the CSV is opened."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class AnswerFilterSet(WagtailFilterSet):
    survey = django_filters.ModelChoiceFilter(
        label=_("Survey"), field_name="response__survey", queryset=surveys_for
    )

    class Meta:
        model = IdeaAnswer
        fields = ["comment_status", "wants_to_help"]


class AnswerIndexView(generic.IndexView):
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        str: {"csv": neutralise_formula},
    }

    def get_base_queryset(self):
        return answers_for(self.request.user).order_by("-response__submitted_at", "idea__number")


class AreaAnswerMixin:
    """One answer, looked up among those of the user's areas."""

    def get_queryset(self):
        return answers_for(self.request.user)


class AnswerEditView(AreaAnswerMixin, generic.EditView):
    pass


class AnswerDeleteView(AreaAnswerMixin, generic.DeleteView):
    pass


class AnswerViewSet(ModelViewSet):
    model = IdeaAnswer
    icon = "list-ul"
    menu_label = _("Survey answers")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = AnswerIndexView
    edit_view_class = AnswerEditView
    delete_view_class = AnswerDeleteView
    filterset_class = AnswerFilterSet
    list_display = [
        Column("idea", label=_("Idea")),
        Column("survey_title", label=_("Survey")),
        Column("priority", label=_("Priority")),
        Column("comment", label=_("Comment")),
        Column("comment_status", label=_("Moderation"), accessor="get_comment_status_display"),
        BooleanColumn("wants_to_help", label=_("Wants to help")),
        Column("submitted_at", label=_("Submitted")),
    ]
    list_export = [
        "survey_title",
        "idea",
        "priority",
        "comment",
        "comment_status",
        "wants_to_help",
        "volunteer_name",
        "volunteer_email",
        "language",
        "submitted_at",
    ]
    export_headings = {
        "survey_title": _("Survey"),
        "volunteer_name": _("Name"),
        "volunteer_email": _("E-mail"),
        "language": _("Language"),
        "submitted_at": _("Submitted"),
    }
    export_filename = "besvarelser"
    panels = IdeaAnswer.panels


answer_viewset = AnswerViewSet("survey_answers")


def volunteers_by_group(user):
    """For each working group in the user's areas: the residents who offered to help with the
    idea that became its project, and who may still be contacted (consented, not anonymised)."""
    groups = WorkingGroup.objects.filter(page__locale=Locale.get_default()).select_related("page")
    areas = areas_of(user)
    if areas is not None:
        groups = groups.filter(page__plan__translation_key__in=areas)
    helpers = (
        IdeaAnswer.objects.filter(wants_to_help=True, response__anonymised_at__isnull=True)
        .exclude(response__email="")
        .filter(idea__project__in=[group.page_id for group in groups])
        .select_related("response", "idea")
        .order_by("response__submitted_at")
    )
    by_project = {}
    for answer in helpers:
        by_project.setdefault(answer.idea.project_id, []).append(answer.response)
    return [(group, by_project.get(group.page_id, [])) for group in groups]


@require_http_methods(["GET", "POST"])
def volunteers(request):
    """List each working group's volunteers; on POST, e-mail them to the group's coordinator."""
    if not request.user.has_perm("plan_pages.view_ideaanswer"):
        raise PermissionDenied
    listing = volunteers_by_group(request.user)
    if request.method == "POST":
        chosen = next((row for row in listing if str(row[0].pk) == request.POST.get("group")), None)
        if chosen is None or not chosen[1]:
            raise Http404
        group, people = chosen
        send_volunteers(group, people, request)
        messages.success(
            request,
            _("The %(count)s volunteers were sent to %(coordinator)s.")
            % {"count": len(people), "coordinator": group.coordinator_name},
        )
        return redirect("plan_pages_volunteers")
    return TemplateResponse(
        request, "plan_pages/admin/volunteers.html", {"listing": listing, "header_icon": "group"}
    )


def send_volunteers(group, people, request):
    context = {"group": group, "people": people, "project": group.page}
    body = render_to_string("emails/volunteers_for_group.txt", context, request=request)
    subject = _("Volunteers for %(group)s") % {"group": group.name}
    EmailMessage(str(subject), body, to=[group.coordinator_email]).send()
