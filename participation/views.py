"""The admin's view of residents' survey answers: read, moderate comments, export.

Municipal editors see every area; a council sees its own area only (`councils.areas_of`). The
restriction sits in the querysets, so another area's answer is a 404 in every view of the
viewset (edit, delete, history, usage, inspect), and the CSV and XLSX exports (Wagtail's own)
contain only what the list shows.
"""

import logging
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

import django_filters

from plan_pages.councils import areas_of

from .forms import subject_line
from .models import Idea, IdeaAnswer, MeetingPage, Registration, SurveyPage, WorkingGroup
from .survey import survey_results

logger = logging.getLogger(__name__)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Municipal editors and councils have it (plan_pages migration 0007; councils get it from
# the hook `council_permissions` in wagtail_hooks.py).
READ_ANSWERS = "participation.view_ideaanswer"


def require_answer_reader(user):
    if not user.has_perm(READ_ANSWERS):
        raise PermissionDenied


def answers_for(user):
    answers = IdeaAnswer.objects.select_related("idea", "response__survey__plan")
    areas = areas_of(user)
    if areas is None:
        return answers
    return answers.filter(response__survey__plan__translation_key__in=areas)


def surveys_for_user(user):
    """The surveys (in the default language, where answers are kept) of the user's areas."""
    surveys = SurveyPage.objects.filter(locale=Locale.get_default()).order_by("-opens_at")
    areas = areas_of(user)
    return surveys if areas is None else surveys.filter(plan__translation_key__in=areas)


def surveys_for(request):
    return surveys_for_user(request.user) if request else SurveyPage.objects.none()


def neutralise_formula(value):
    """A resident's text must not run as a spreadsheet formula when the CSV is opened."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class AnswerFilterSet(WagtailFilterSet):
    survey = django_filters.ModelChoiceFilter(
        label=_("Survey"), field_name="response__survey", queryset=surveys_for
    )
    has_comment = django_filters.BooleanFilter(
        label=_("With a comment"), method="filter_has_comment"
    )

    def filter_has_comment(self, queryset, name, value):
        return queryset.exclude(comment="") if value else queryset.filter(comment="")

    class Meta:
        model = IdeaAnswer
        fields = ["comment_status", "wants_to_help"]


class AreaScoped:
    """Rows are looked up among those of the user's areas, `scoped(user)` (the viewset passes
    it to each view), so another area's row is a 404 in every view of the viewset."""

    scoped = None  # a function: user -> queryset
    base_ordering = ()


class AreaQuerysetMixin(AreaScoped):
    def get_queryset(self):
        return self.scoped(self.request.user)


class AreaIndexView(AreaScoped, generic.IndexView):
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        str: {"csv": neutralise_formula},
    }

    def get_base_queryset(self):
        return self.scoped(self.request.user).order_by(*self.base_ordering)


class AreaEditView(AreaQuerysetMixin, generic.EditView):
    pass


class AreaDeleteView(AreaQuerysetMixin, generic.DeleteView):
    pass


class AreaObjectMixin(AreaScoped):
    """For the views that list something about one row (its history, its usage): the row is
    looked up among those of the user's areas; their own queryset is the listing's."""

    def get_base_object_queryset(self):
        return self.scoped(self.request.user)


class AreaHistoryView(AreaObjectMixin, history.HistoryView):
    pass


class AreaUsageView(AreaObjectMixin, usage.UsageView):
    pass


class AreaInspectView(AreaScoped, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped(self.request.user), pk=self.pk)


class AreaViewSet(ModelViewSet):
    """A model whose rows belong to areas: each council sees its own, editors every area."""

    scoped = None  # a function: user -> queryset
    base_ordering = ()
    copy_view_enabled = False
    index_view_class = AreaIndexView
    edit_view_class = AreaEditView
    delete_view_class = AreaDeleteView
    history_view_class = AreaHistoryView
    usage_view_class = AreaUsageView
    inspect_view_class = AreaInspectView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            scoped=self.scoped, base_ordering=self.base_ordering, **kwargs
        )


class AnswerViewSet(AreaViewSet):
    model = IdeaAnswer
    icon = "list-ul"
    menu_label = _("Survey answers")
    scoped = staticmethod(answers_for)
    base_ordering = ("-response__submitted_at", "idea__number")
    filterset_class = AnswerFilterSet
    list_display = [
        Column("idea", label=_("Idea")),
        Column("survey_title", label=_("Survey")),
        Column("priority", label=_("Priority")),
        Column("comment", label=_("Comment")),
        Column("moderation", label=_("Moderation")),
        BooleanColumn("wants_to_help", label=_("Wants to help")),
        Column("submitted_at", label=_("Submitted")),
    ]
    list_export = [
        "survey_title",
        "idea",
        "priority",
        "comment",
        "moderation",
        "wants_to_help",
        "volunteer_name",
        "volunteer_email",
        "language",
        "submitted_at",
    ]
    export_headings = {
        "survey_title": _("Survey"),
        "moderation": _("Moderation"),
        "volunteer_name": _("Name"),
        "volunteer_email": _("E-mail"),
        "language": _("Language"),
        "submitted_at": _("Submitted"),
    }
    export_filename = "besvarelser"
    panels = IdeaAnswer.panels


def registrations_for(user):
    """Registrations of the meetings in the user's areas (kept against the default language)."""
    registrations = Registration.objects.select_related("meeting")
    areas = areas_of(user)
    if areas is None:
        return registrations
    return registrations.filter(meeting__plan__translation_key__in=areas)


def meetings_for(request):
    meetings = MeetingPage.objects.filter(locale=Locale.get_default()).order_by("-starts_at")
    areas = areas_of(request.user) if request else set()
    return meetings if areas is None else meetings.filter(plan__translation_key__in=areas)


class RegistrationFilterSet(WagtailFilterSet):
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=meetings_for)

    class Meta:
        model = Registration
        fields = ["status"]


class RegistrationViewSet(AreaViewSet):
    """The door list: who comes to a meeting, with their needs; CSV or XLSX (Wagtail's export)."""

    model = Registration
    icon = "user"
    menu_label = _("Meeting registrations")
    scoped = staticmethod(registrations_for)
    base_ordering = ("-meeting__starts_at", "registered_at", "pk")
    filterset_class = RegistrationFilterSet
    list_display = [
        Column("name", label=_("Name")),
        Column("email", label=_("E-mail")),
        Column("people", label=_("People")),
        Column("needs", label=_("Needs")),
        Column("get_status_display", label=_("Status")),
        Column("meeting_title", label=_("Meeting")),
        Column("registered_at", label=_("Registered")),
    ]
    list_export = [
        "meeting_title",
        "meeting_starts_at",
        "name",
        "email",
        "people",
        "needs",
        "get_status_display",
        "language",
        "registered_at",
    ]
    export_headings = {
        "meeting_title": _("Meeting"),
        "meeting_starts_at": _("Starts"),
        "get_status_display": _("Status"),
        "language": _("Language"),
        "registered_at": _("Registered"),
    }
    export_filename = "tilmeldinger"
    panels = [FieldPanel(name, read_only=True) for name in ("name", "email", "people", "needs")]


@dataclass
class IdeaVolunteers:
    idea: Idea
    people: list = field(default_factory=list)  # SurveyResponse, with name and e-mail
    groups: list = field(default_factory=list)  # working groups of the project it became


def volunteers_by_idea(user) -> list[IdeaVolunteers]:
    """Per idea in the user's areas: residents who offered to help and may still be contacted
    (they consented, and their data is not yet deleted), and the working groups they can be
    sent to. Ideas with no volunteers and no working group are left out. Three queries."""
    ideas = Idea.objects.filter(locale=Locale.get_default()).select_related("page", "project")
    areas = areas_of(user)
    if areas is not None:
        ideas = ideas.filter(page__translation_key__in=areas)
    rows = {idea.pk: IdeaVolunteers(idea) for idea in ideas.order_by("page__title", "number")}
    helpers = (
        IdeaAnswer.objects.filter(idea__in=list(rows), wants_to_help=True)
        .filter(response__anonymised_at__isnull=True)
        .exclude(response__email="")
        .select_related("response")
        .order_by("response__submitted_at")
    )
    for answer in helpers:
        rows[answer.idea_id].people.append(answer.response)
    # Only a project of the idea's own plan: a link to another area's project (made before the
    # plan's form refused it) must not show that area's coordinator.
    projects = {
        row.idea.project_id: row
        for row in rows.values()
        if row.idea.project_id and row.idea.project.plan_id == row.idea.page_id
    }
    for group in WorkingGroup.objects.filter(page__in=list(projects)):
        projects[group.page_id].groups.append(group)
    return [row for row in rows.values() if row.people or row.groups]


def volunteers(request):
    """List volunteers per idea; on POST, e-mail an idea's volunteers to a group's coordinator."""
    require_answer_reader(request.user)
    listing = volunteers_by_idea(request.user)
    if request.method == "POST":
        row = next((row for row in listing if str(row.idea.pk) == request.POST.get("idea")), None)
        group = row and next(
            (group for group in row.groups if str(group.pk) == request.POST.get("group")), None
        )
        if group is None or not row.people:
            raise Http404
        try:
            send_volunteers(group, row.people, request)
        except OSError:  # the mail server refused or was not reached (SMTPException too)
            logger.exception("The volunteers were not sent to working group %s", group.pk)
            messages.error(
                request,
                _(
                    "The e-mail could not be sent just now. Nothing is lost: the volunteers "
                    "are still listed here. Try again in a little while."
                ),
            )
            return redirect("volunteers:index")
        messages.success(
            request,
            _("The %(count)s volunteers were sent to %(coordinator)s.")
            % {"count": len(row.people), "coordinator": group.coordinator_name},
        )
        return redirect("volunteers:index")
    return TemplateResponse(request, "participation/admin/volunteers.html", {"listing": listing})


def surveys_with_results(user):
    """Every survey in the user's areas with its results, public or not."""
    surveys = surveys_for_user(user).select_related("plan")
    return [(survey, survey_results(survey)) for survey in surveys]


def results(request):
    require_answer_reader(request.user)
    return TemplateResponse(
        request,
        "participation/admin/survey_results.html",
        {"surveys": surveys_with_results(request.user)},
    )


def send_volunteers(group, people, request):
    context = {"group": group, "people": people, "project": group.page}
    body = render_to_string("emails/volunteers_for_group.txt", context, request=request)
    subject = subject_line(_("Volunteers for %(group)s") % {"group": group.name})
    EmailMessage(subject, body, to=[group.coordinator_email]).send()


class PermittedMenuItem(MenuItem):
    """Shown to whoever may read the answers: municipal editors and councils."""

    def is_shown(self, request):
        return request.user.has_perm(READ_ANSWERS)


class ParticipationViewSet(ViewSet):
    """A page of the participation menu, for those who may read the answers."""

    view = None
    menu_item_class = PermittedMenuItem

    def get_urlpatterns(self):
        return [path("", self.view, name="index")]


class ParticipationGroup(ViewSetGroup):
    menu_label = _("Participation")
    menu_icon = "group"
    menu_order = 250
    items = (
        AnswerViewSet("survey_answers"),
        RegistrationViewSet("meeting_registrations"),
        ParticipationViewSet(
            "survey_results", view=results, menu_label=_("Survey results"), icon="table"
        ),
        ParticipationViewSet(
            "volunteers",
            view=require_http_methods(["GET", "POST"])(volunteers),
            menu_label=_("Volunteers"),
            icon="group",
        ),
    )
