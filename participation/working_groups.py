"""Joining a project's working group: the resident writes, the coordinator gets an e-mail.

The coordinator's address never reaches the page; the resident's goes into Reply-To, so the
coordinator answers them directly. Nothing of the message is stored: when the e-mail cannot be
sent, the form is shown again with everything the resident wrote. The thank-you is a one-time
message (Django's messages framework) for the resident who sent it, never part of the address.
"""

import logging

from django import forms
from django.contrib import messages
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import (
    RATE_LIMITED_MESSAGE,
    PlainTextField,
    ResidentForm,
    is_rate_limited,
    private,
    subject_line,
)

logger = logging.getLogger(__name__)

NOT_SENT_MESSAGE = _(
    "Your message could not be sent just now, so it has not reached the coordinator. "
    "What you wrote is still in the form: try again in a little while."
)


class JoinForm(ResidentForm):
    name = PlainTextField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("The coordinator replies here."))
    message = PlainTextField(
        label=_("Message to the coordinator"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def send(self, project, group, request):
        context = {**self.cleaned_data, "project": project, "group": group}
        context["project_url"] = project.get_full_url(request)
        subject = subject_line(render_to_string("emails/join_working_group_subject.txt", context))
        body = render_to_string("emails/join_working_group.txt", context)
        EmailMessage(
            subject, body, to=[group.coordinator_email], reply_to=[self.cleaned_data["email"]]
        ).send()


def serve_join(project, request, group_id: int):
    group = project.working_groups.filter(pk=group_id).first()
    if group is None:
        raise Http404
    form = JoinForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if is_rate_limited(request, group="join"):
            form.is_valid()
            form.add_error(None, RATE_LIMITED_MESSAGE)
            status = 429
        elif form.is_valid():
            try:
                form.send(project, group, request)
            except OSError:  # the mail server refused or was not reached (SMTPException too)
                logger.exception("The request to join working group %s was not sent", group.pk)
                form.add_error(None, NOT_SENT_MESSAGE)
                status = 503
            else:
                messages.success(
                    request,
                    gettext(
                        "Thank you. Your message has been sent to the coordinator, who will "
                        "answer you by e-mail."
                    ),
                    extra_tags=f"working-group-{group.pk}",
                )
                return private(redirect(f"{project.url}#working-group-{group.pk}"))
    context = {**project.get_context(request), "group": group, "form": form}
    return private(
        TemplateResponse(request, "pages/join_working_group.html", context, status=status)
    )
