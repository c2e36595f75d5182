"""Model fields that store goals by number and targets by code.

Choices are given to the form fields only, never to the model fields, so that migrations
do not depend on the language the labels are read in.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .goals import goal_choices, goals, target_choices, targets
from .widgets import GoalGridWidget, TargetGroupsWidget


def validate_goal_number(value):
    if value not in goals():
        raise ValidationError(_("%(value)s is not one of the 17 goals."), params={"value": value})


def validate_target_codes(value):
    unknown = [code for code in value if code not in targets()]
    if unknown:
        raise ValidationError(
            _("Unknown UN target: %(codes)s."), params={"codes": ", ".join(map(str, unknown))}
        )


def validate_goal_numbers(value):
    for number in value:
        validate_goal_number(number)


class GoalNumberField(models.PositiveSmallIntegerField):
    """One goal, by its number 1–17."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_goal_number])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedChoiceField(
            choices=[("", "---------"), *goal_choices()],
            coerce=int,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class GoalNumbersField(models.JSONField):
    """Several goals, as a list of numbers, ticked in the admin."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_goal_numbers])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=goal_choices,
            coerce=int,
            required=not self.blank,
            widget=GoalGridWidget,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class TargetCodesField(models.JSONField):
    """Several UN targets, as a list of codes such as "7.2" and "11.a"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_target_codes])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=target_choices,
            required=not self.blank,
            widget=TargetGroupsWidget,
            label=self.verbose_name,
            help_text=self.help_text,
        )
