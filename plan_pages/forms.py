from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import duplicates, live_forms
from sdg.goals import targets


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
