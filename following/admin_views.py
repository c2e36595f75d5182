"""The editors' page on following: followers per area and the send log.

A municipal editor sees every area and the site-wide figures; a council only its own areas'
figures and log rows. No page of the admin shows a follower's address.
"""

from collections import defaultdict
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.models import Locale

from plan_pages.councils import areas_of
from plan_pages.models import LocalAreaPlanPage, ProjectPage

from .models import SendLogEntry, SendStatus, Subscription, Target

LOG_ROWS = 50


def followers_per_area(plans):
    """{plan key: number of confirmed followers of the area or of one of its projects}."""
    keys = {str(plan.translation_key) for plan in plans}
    projects = ProjectPage.objects.filter(
        locale=Locale.get_default(), plan__translation_key__in=keys
    ).values_list("translation_key", "plan__translation_key")
    area_of = {str(project): str(plan) for project, plan in projects}
    rows = Subscription.objects.filter(confirmed_at__isnull=False).filter(
        Q(target=Target.AREA, key__in=keys) | Q(target=Target.PROJECT, key__in=area_of)
    )
    followers = defaultdict(set)
    for target, key, follower in rows.values_list("target", "key", "follower_id"):
        followers[key if target == Target.AREA else area_of[key]].add(follower)
    return {key: len(followers[key]) for key in keys}


def followers(request):
    areas = areas_of(request.user)
    if areas == set():
        raise PermissionDenied
    plans = LocalAreaPlanPage.objects.filter(locale=Locale.get_default()).order_by("title")
    log = SendLogEntry.objects.all()
    if areas is not None:
        plans = plans.filter(translation_key__in=areas)
        log = log.filter(area_key__in=[str(key) for key in areas])
    counts = followers_per_area(plans)
    month = log.filter(at__gte=timezone.now() - timedelta(days=30)).aggregate(
        sent=Count("pk", filter=Q(status=SendStatus.SENT)),
        failed=Count("pk", filter=Q(status=SendStatus.FAILED)),
    )
    context = {
        "areas": [(plan, counts[str(plan.translation_key)]) for plan in plans],
        "everyone": areas is None and site_wide_followers(),
        "month": month,
        "log": log[:LOG_ROWS],
    }
    return TemplateResponse(request, "following/admin/followers.html", context)


def site_wide_followers():
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
    return {
        "all": confirmed.values("follower").distinct().count(),
        "everything": confirmed.filter(target=Target.EVERYTHING).count(),
        "goals": confirmed.filter(target=Target.GOAL).values("follower").distinct().count(),
    }
