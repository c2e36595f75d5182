from django import forms
from django.utils.translation import gettext_lazy as _

from participation.forms import ResidentForm

from .models import Follower, Frequency, Target
from .targets import exists


class FollowForm(ResidentForm):
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=Follower._meta.get_field("email").max_length
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.INSTANT,
        widget=forms.RadioSelect,
    )
    target = forms.ChoiceField(choices=Target.choices, widget=forms.HiddenInput)
    key = forms.CharField(required=False, max_length=36, widget=forms.HiddenInput)

    def clean_email(self):
        # Addresses differ only in case in practice never: one follower per address.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        target, key = cleaned.get("target"), cleaned.get("key", "")
        if target and not exists(target, key):
            raise forms.ValidationError(_("This page can no longer be followed."))
        return cleaned


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )
