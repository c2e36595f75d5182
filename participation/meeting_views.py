"""The meeting page's views: the page with its registration form, and the cancel link.

As with the survey: CSRF by Django's middleware, a honeypot, a rate limit per client, and one
clear error with everything the resident wrote kept. A registration is saved before its
e-mail is sent, so a mail server that is down costs the resident their e-mail, not their place.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.content_cache import deferred_items
from plan_pages.models import ProjectPage

from .forms import RATE_LIMITED_MESSAGE, is_rate_limited, private
from .models import Idea, RegistrationStatus, WorkingGroup
from .registrations import (
    InvalidLink,
    RegistrationForm,
    cancel,
    places_left,
    register,
    registration_from_token,
    send_confirmation,
    source_meeting,
    waiting_position,
)

REGISTRATION_ANCHOR = "#registration"


def meeting_outcomes(meeting) -> dict:
    """Ideas collected and working groups formed at the meeting, in the page's language (the
    links are kept on the source rows, so they are found by the meeting's translation key)."""
    key, locale = meeting.translation_key, meeting.locale_id
    ideas = Idea.objects.filter(meeting__translation_key=key, locale_id=locale).select_related(
        "page"
    )
    groups = (
        WorkingGroup.objects.filter(formed_at__translation_key=key, locale_id=locale)
        .filter(page__in=ProjectPage.objects.live().public())
        .select_related("page")
    )
    return {"collected_ideas": list(ideas.order_by("number")), "formed_groups": list(groups)}


def thank_you(registration, sent: bool) -> str:
    if registration.status == RegistrationStatus.WAITING:
        text = gettext(
            "The meeting is full, so you are on the waiting list as number %(position)s. You "
            "move up by yourself when someone cancels, and we tell you by e-mail."
        ) % {"position": waiting_position(registration)}
    else:
        text = gettext("Thank you, you are registered.")
    if sent:
        return (
            text
            + " "
            + gettext("We have sent an e-mail to %(email)s with the details and a link to cancel.")
            % {"email": registration.email}
        )
    return (
        text
        + " "
        + gettext(
            "But the confirmation e-mail could not be sent just now. Your registration is saved; "
            "put the meeting in your calendar with the link on this page. To cancel, write to the "
            "local council."
        )
    )


def serve_meeting(meeting, request):
    form, status = None, 200
    if meeting.registration_open:
        form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            status = 403  # no registration, or closed: the page says which
        elif is_rate_limited(request, group="meeting"):
            form.is_valid()
            form.add_error(None, RATE_LIMITED_MESSAGE)
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            registration = register(
                meeting,
                name=data["name"],
                email=data["email"],
                people=data["people"],
                needs=data["needs"],
                language=meeting.locale.language_code,
            )
            sent = send_confirmation(registration)
            (messages.success if sent else messages.warning)(
                request, thank_you(registration, sent), extra_tags="meeting-registration"
            )
            return private(redirect(meeting.url + REGISTRATION_ANCHOR))
        else:
            status = 400
    context = meeting.get_context(request)
    context.update(
        form=form,
        places_left=places_left(meeting) if meeting.registration else None,
        waiting=source_meeting(meeting)
        .registrations.filter(status=RegistrationStatus.WAITING)
        .exists(),
        # Deferred: the part of the page they are in may come from the fragment cache.
        **deferred_items(lambda: meeting_outcomes(meeting), ("collected_ideas", "formed_groups")),
    )
    response = TemplateResponse(request, meeting.get_template(request), context, status=status)
    return private(response) if meeting.registration else response


INVALID_LINK = _(
    "This link cannot be used. It may have been changed on the way, or it is too old. If you "
    "want to cancel, write to the local council."
)


def serve_cancel(meeting, request):
    """The e-mail's link: ?token=… (Wagtail's page addresses take no ":" in a path)."""
    token = request.GET.get("token", "")
    context = {**meeting.get_context(request), "token": token}
    try:
        registration = registration_from_token(token, meeting)
    except InvalidLink:
        context["problem"] = INVALID_LINK
        return private(TemplateResponse(request, "pages/meeting_cancel.html", context, status=400))
    context["registration"] = registration
    if meeting.is_past:
        context["problem"] = gettext("The meeting is over, so there is nothing to cancel.")
        return private(TemplateResponse(request, "pages/meeting_cancel.html", context, status=410))
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        cancel(registration)
        return private(redirect(request.get_full_path()))
    return private(TemplateResponse(request, "pages/meeting_cancel.html", context))
