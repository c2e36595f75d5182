"""How following plugs into the site (core.plugins, core.changes): a follow form on the plans',
projects' and goals' pages, what their publishes mean, and the editors' send log."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plan_pages.councils import areas_of

from . import admin_views, detectors
from .models import ChangeKind
from .sections import follow_form_html

for hook_name in ("plan_page_sections", "project_page_sections", "sdg_goal_page_listing"):
    hooks.register(hook_name, follow_form_html)


# What a publish of each page type means (core.changes).
for detector in (
    detectors.project_changes,
    detectors.survey_changes,
    detectors.annual_report_changes,
    detectors.project_update_changes,
    detectors.meeting_changes,
):
    hooks.register("page_changes", detector)


@hooks.register("scheduled_page_changes")
def surveys_by_the_clock(now):
    return detectors.surveys_by_the_clock(now)


@hooks.register("page_change_kinds")
def change_kinds():
    return list(ChangeKind.choices)


@hooks.register("register_admin_urls")
def following_admin_urls():
    return [path("followers/", admin_views.followers, name="following_followers")]


class FollowersMenuItem(MenuItem):
    def is_shown(self, request):
        # Editors see every area, a council its own; anyone else has no area to see.
        return areas_of(request.user) != set()


@hooks.register("register_reports_menu_item")
def followers_menu_item():
    return FollowersMenuItem(
        _("Followers by e-mail"), reverse("following_followers"), icon_name="mail", order=900
    )
