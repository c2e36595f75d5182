from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.admin.forms import WagtailAdminPageForm

from sdg.goals import targets


def live_forms(formset):
    """The inline forms that will be saved: filled in and not marked for deletion."""
    formset.is_valid()
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


def duplicates(values):
    seen, repeated = set(), []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def answered_ideas_to_delete(formset):
    """Ideas marked for deletion that residents have answered: their answers must stay."""
    marked = [
        form.instance.pk
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and form.cleaned_data.get("DELETE")
    ]
    model = formset.model
    return model.objects.filter(
        pk__in=[pk for pk in marked if pk], answers__isnull=False
    ).distinct()


class LocalAreaPlanPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        numbers = [
            form.cleaned_data["number"] for form in live_forms(self.formsets["village_goals"])
        ]
        phases = [form.cleaned_data["phase"] for form in live_forms(self.formsets["phases"])]
        if duplicates(numbers):
            self.add_error(None, _("Two village goals have the same number."))
        if duplicates(phases):
            self.add_error(None, _("Each BLUP phase can be listed only once."))
        ideas = self.formsets["ideas"]
        if duplicates([form.cleaned_data["number"] for form in live_forms(ideas)]):
            self.add_error(None, _("Two ideas have the same number."))
        for idea in answered_ideas_to_delete(ideas):
            self.add_error(
                None,
                _(
                    "Residents have answered the survey about the idea “%(idea)s”, so it cannot "
                    "be removed. Keep it; you can note in its description that it was dropped."
                )
                % {"idea": idea.title},
            )
        return cleaned_data


class ProjectPageForm(WagtailAdminPageForm):
    """Every project works on at least one UN goal; its targets belong to those goals."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        plan = parent_page.specific if parent_page is not None else None
        village_goals = plan.village_goals.all() if hasattr(plan, "village_goals") else []
        self.fields["village_goals"] = forms.TypedMultipleChoiceField(
            choices=[(goal.number, str(goal)) for goal in village_goals],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.fields["village_goals"].label,
            help_text=self.fields["village_goals"].help_text,
        )

    def clean(self):
        cleaned_data = super().clean()
        chosen = [form.cleaned_data.get("goal") for form in live_forms(self.formsets["goal_tags"])]
        chosen = [goal for goal in chosen if goal]
        for goal in duplicates(chosen):
            self.add_error(None, _("Goal %(goal)s is chosen twice.") % {"goal": goal})
        if not chosen:
            self.add_error(
                None,
                _(
                    "A project must work on at least one UN goal: add a goal under "
                    "“UN goals” before you save."
                ),
            )
        stray = [
            code for code in cleaned_data.get("targets") or [] if targets()[code].goal not in chosen
        ]
        if chosen and stray:
            self.add_error(
                "targets",
                ngettext(
                    "Target %(codes)s does not belong to any of the project's goals.",
                    "Targets %(codes)s do not belong to any of the project's goals.",
                    len(stray),
                )
                % {"codes": ", ".join(stray)},
            )
        return cleaned_data


class AnnualReportPageForm(WagtailAdminPageForm):
    """One report per plan and year. A new page has no place in the tree yet when the model
    validates itself, so the form checks against the plan it is being added to."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None and self.parent_page is not None:
            year = cleaned_data.get("year")
            if error := self.instance.year_error(year, self.parent_page):
                self.add_error("year", error)
        return cleaned_data
