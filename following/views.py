"""The public pages of following: ask to follow, confirm, manage, unsubscribe.

Every answer is for one visitor only (Cache-Control: private). The follow form on the plans',
projects', goals' and the overview's pages is in the cached page, which has no CSRF token. A
browser says which site a form was sent from (`Sec-Fetch-Site`, else `Origin`), and a page on
another site cannot make it lie: a POST from our own page is acted on at once. One that cannot
show where it came from (or was forged elsewhere) is never acted on but shown again, filled in,
on this uncached page with a token, to be sent once more. One-click unsubscribe is the one view
without CSRF (RFC 8058: mail programs POST to it without cookies); its signed link is the
proof.
"""

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from participation.forms import RATE_LIMITED_MESSAGE, is_rate_limited, private

from .forms import FollowForm, FrequencyForm
from .models import Follower, Subscription, Target
from .sending import describe_target
from .subscribing import ask_to_follow, confirm
from .targets import target_page
from .tokens import MANAGE, UNSUBSCRIBE, follower_token, read_confirmation, read_follower_token


def csrf_failed(request) -> bool:
    check = CsrfViewMiddleware(lambda request: None)
    return check.process_view(request, None, (), {}) is not None


def sent_from_this_site(request) -> bool:
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        return fetched_from == "same-origin"
    return request.headers.get("Origin") == f"{request.scheme}://{request.get_host()}"


def render(request, template, context=None, status=200):
    return private(TemplateResponse(request, template, context or {}, status=status))


def followed_title(target, key):
    if target == Target.EVERYTHING:
        return gettext("Everything in Næstved Kommune")
    page = target_page(target, key, get_language())
    return page.title if page else ""


@csrf_exempt  # checked below, to show a form from a cached page again instead of a 403
@require_http_methods(["GET", "POST"])
def follow(request):
    if request.method == "GET":
        form = FollowForm(initial={k: request.GET.get(k, "") for k in ("target", "key")})
        return render(request, "following/follow.html", follow_context(form))
    form = FollowForm(request.POST)
    if csrf_failed(request) and not sent_from_this_site(request):
        form = FollowForm(initial=request.POST.dict())
        return render(request, "following/follow.html", follow_context(form, again=True))
    if is_rate_limited(request, group="follow"):
        form.is_valid()
        form.add_error(None, RATE_LIMITED_MESSAGE)
        return render(request, "following/follow.html", follow_context(form), status=429)
    if not form.is_valid():
        return render(request, "following/follow.html", follow_context(form))
    data = form.cleaned_data
    ask_to_follow(data["email"], data["target"], data["key"], data["frequency"], get_language())
    return redirect("following:asked")


def follow_context(form, again=False):
    target, key = form["target"].value() or "", form["key"].value() or ""
    days = settings.FOLLOWING_CONFIRMATION_DAYS
    return {"form": form, "again": again, "followed": followed_title(target, key), "days": days}


def notice(request, heading, lead, text="", status=200):
    context = {"heading": heading, "lead": lead, "text": text}
    return render(request, "following/notice.html", context, status=status)


def asked(request):
    return notice(
        request,
        gettext("Check your e-mail"),
        gettext(
            "If the address can receive news, an e-mail with a link to confirm is on its way. "
            "Open the link to start following."
        ),
        gettext(
            "Nothing is sent to you before you confirm. If no e-mail arrives within an hour, "
            "look in your spam folder, or ask again."
        ),
    )


def bad_link(request):
    return notice(
        request,
        gettext("The link does not work"),
        gettext(
            "The link is out of date, incomplete, or the address it belongs to has been deleted."
        ),
        gettext(
            "A link to confirm works for a few days. You can ask for news again with the form "
            "“Follow by e-mail” on the page of an area, a project or a goal."
        ),
        status=400,
    )


@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    data = read_confirmation(token)
    if data is None:
        return bad_link(request)
    if request.method == "GET":
        # Confirmed by a button, not by opening the link: mail scanners open links.
        asked_for = Subscription.objects.filter(follower_id=data["f"], pk__in=data["s"])
        language = get_language()
        followed = [describe_target(s, language) for s in asked_for.order_by("pk")]
        return render(request, "following/confirm.html", {"followed": followed})
    follower = confirm(data)
    if follower is None:
        return bad_link(request)
    return redirect("following:manage", token=follower_token(follower))


def follower_from(token, salt=MANAGE):
    pk = read_follower_token(token, salt)
    return Follower.objects.filter(pk=pk).first() if pk is not None else None


@require_http_methods(["GET", "POST"])
def manage(request, token):
    follower = follower_from(token)
    if follower is None:
        return bad_link(request)
    form = FrequencyForm(initial={"frequency": follower.frequency})
    if request.method == "POST":
        if "delete_everything" in request.POST:
            follower.delete()
            return redirect("following:gone")
        if "remove" in request.POST:
            remove = request.POST["remove"]
            if remove.isdigit() and len(remove) < 19:
                follower.subscriptions.filter(pk=int(remove)).delete()
            return redirect(request.path)
        form = FrequencyForm(request.POST)
        if form.is_valid():
            follower.frequency = form.cleaned_data["frequency"]
            follower.save(update_fields=["frequency"])
            return redirect(request.path)
    subscriptions = follower.subscriptions.filter(confirmed_at__isnull=False).order_by("pk")
    language = get_language()
    followed = [(s, describe_target(s, language)) for s in subscriptions]
    context = {"follower": follower, "followed": followed, "form": form}
    return render(request, "following/manage.html", context)


@csrf_exempt  # RFC 8058: the mail program POSTs without cookies; the signed link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    follower = follower_from(token, salt=UNSUBSCRIBE)
    if follower is None:  # tampered with, or already gone (a second click)
        return bad_link(request)
    if request.method == "GET":
        return render(request, "following/unsubscribe.html")
    follower.delete()
    return redirect("following:gone")


def gone(request):
    return notice(
        request,
        gettext("Your address has been deleted"),
        gettext(
            "You will get no more e-mails from us, and we no longer store your address or what "
            "you followed."
        ),
    )
