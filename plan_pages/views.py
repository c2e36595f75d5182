"""The admin's view of residents' survey answers: read, moderate comments, export.

Municipal editors see every area; a council sees its own area only (`councils.areas_of`). The
restriction sits in the querysets, so another area's answer is a 404 in every view, and the
CSV and XLSX exports (Wagtail's own) contain only what the list shows.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

import django_filters

from .councils import areas_of
from .models import IdeaAnswer, SurveyPage

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
