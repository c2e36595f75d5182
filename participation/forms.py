"""What every public form of residents shares: a honeypot, plain-text input and a rate limit.

CSRF is Django's middleware; pages with these forms are never put in the page cache (their
responses carry Cache-Control: private), so a token is never served to another visitor.
"""

from django import forms
from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import is_ratelimited

RATE_LIMITED_MESSAGE = _(
    "Many answers have come from your connection in a short time, so this one was not saved. "
    "Your answers are still in the form: wait a little and send it again."
)


def subject_line(value) -> str:
    """An e-mail subject is one header line: any line break (or other white space) in what
    it was made of, say a working group's name, becomes one space."""
    return " ".join(str(value).split())


def plain_text(value: str) -> str:
    """Residents write text, not markup: tags are removed and line ends made uniform."""
    return strip_tags(value or "").replace("\r\n", "\n").strip()


class PlainTextField(forms.CharField):
    def to_python(self, value):
        return plain_text(super().to_python(value))


class ResidentForm(forms.Form):
    """A public form with a honeypot: a field people never see and bots fill in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave the field “Leave this field empty” empty."))
        return ""


def is_rate_limited(request, group: str) -> bool:
    """Count this POST against the client's allowance; True when it is used up."""
    return is_ratelimited(
        request,
        group=group,
        key="ip",
        rate=settings.PARTICIPATION_RATE_LIMIT,
        method="POST",
        increment=True,
    )


def private(response):
    """A page with a resident's form or answers is for this visitor only."""
    patch_cache_control(response, private=True, no_cache=True)
    return response
