from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import duplicates, live_forms
from sdg.goals import goal_choices, targets
from sdg.widgets import GoalGridWidget

from .widgets import VillageGoalTilesWidget


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
    """Every project works on at least one UN goal; its targets belong to those goals.

    The goals are ticked in a grid (the field `goals`) and stored as the page's `goal_tags`
    rows, one per goal, so translations and listings keep reading them as before."""

    goals = forms.TypedMultipleChoiceField(
        choices=goal_choices,
        coerce=int,
        required=False,
        widget=GoalGridWidget,
        label=gettext_lazy("UN goals"),
        help_text=gettext_lazy(
            "Tick the UN goals the project works on: at least one. Its targets are chosen below."
        ),
    )

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.initial.setdefault("goals", [tag.goal for tag in self.instance.goal_tags.all()])
        plan = parent_page.specific if parent_page is not None else None
        if "site" in self.fields:  # the plan's area under the project, on the admin's map
            self.fields["site"].widget.context_geometry = getattr(plan, "area", None)
        village_goals = list(plan.village_goals.all()) if getattr(plan, "is_blup", False) else []
        if not village_goals:
            # Village goals belong to BLUP plans; a plan without them shows no empty field.
            del self.fields["village_goals"]
            return
        self.fields["village_goals"] = forms.TypedMultipleChoiceField(
            choices=[(goal.number, str(goal)) for goal in village_goals],
            coerce=int,
            required=False,
            widget=VillageGoalTilesWidget(village_goals),
            label=self.fields["village_goals"].label,
            help_text=self.fields["village_goals"].help_text,
        )

    def clean(self):
        cleaned_data = super().clean()
        chosen = cleaned_data.get("goals") or []
        if not chosen and "goals" not in self.errors:
            self.add_error(
                "goals",
                _("A project must work on at least one UN goal: tick one or more goals."),
            )
        stray = [
            code for code in cleaned_data.get("targets") or [] if targets()[code].goal not in chosen
        ]
        if chosen and stray:
            self.add_error(
                "targets",
                ngettext(
                    "Target %(codes)s does not belong to any of the project's goals: tick its "
                    "goal above, or untick the target.",
                    "Targets %(codes)s do not belong to any of the project's goals: tick their "
                    "goals above, or untick the targets.",
                    len(stray),
                )
                % {"codes": ", ".join(stray)},
            )
        return cleaned_data

    def save(self, commit=True):
        """The ticked goals become the page's goal rows; rows of goals still ticked are kept."""
        kept = {tag.goal: tag for tag in self.instance.goal_tags.all()}
        rows = [
            kept.get(number) or self.instance.goal_tags.model(goal=number)
            for number in sorted(set(self.cleaned_data["goals"]))
        ]
        for position, row in enumerate(rows):  # kept in number order on every database
            row.sort_order = position
        self.instance.goal_tags = rows
        return super().save(commit=commit)


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
