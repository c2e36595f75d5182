"""The plan's ideas in its editor, checked as one list: numbers once, answered ideas kept, and
each idea linked only to a project of its own plan."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel

from core.forms import duplicates, live_forms
from plan_pages.models import ProjectPage


class IdeaFormSet(BaseChildFormSet):
    def add_fields(self, form, index):
        """An idea becomes one of the plan's own projects: another area's project (which the
        page chooser may show, as it is public) is refused as "not one of the choices"."""
        super().add_fields(form, index)
        if "project" in form.fields:
            plan = self.instance
            form.fields["project"].queryset = (
                ProjectPage.objects.filter(plan=plan) if plan.pk else ProjectPage.objects.none()
            )

    def clean(self):
        super().clean()
        errors = []
        if duplicates([form.cleaned_data["number"] for form in live_forms(self)]):
            errors.append(_("Two ideas have the same number."))
        for idea in self.answered_ideas_to_delete():
            errors.append(
                _(
                    "Residents have answered the survey about the idea “%(idea)s”, so it cannot "
                    "be removed. Keep it; you can note in its description that it was dropped."
                )
                % {"idea": idea.title}
            )
        if errors:
            raise ValidationError(errors)

    def answered_ideas_to_delete(self):
        """Ideas marked for deletion that residents have answered: their answers must stay."""
        marked = [
            form.instance.pk
            for form in self.forms
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("DELETE")
        ]
        return self.model.objects.filter(
            pk__in=[pk for pk in marked if pk], answers__isnull=False
        ).distinct()


class IdeasPanel(InlinePanel):
    """The plan's ideas, validated together by `IdeaFormSet`."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = IdeaFormSet
        return options
