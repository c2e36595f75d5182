from django.template.loader import render_to_string

from wagtail import hooks

from .listing import ProjectSearch


@hooks.register("sdg_goal_page_listing")
def projects_working_on_goal(goal_page, request):
    """On a goal page: its projects, filtered by area and status, with the search's code."""
    search = ProjectSearch.from_params(request.GET, goal_page.locale, goal=goal_page.number)
    outcome = search.run()
    return render_to_string(
        "components/project_listing.html",
        {"outcome": outcome, "form_id": "goal-projects"},
        request=request,
    )


@hooks.register("register_admin_viewset")
def register_answer_viewset():
    from .views import answer_viewset

    return answer_viewset


@hooks.register("register_admin_urls")
def register_volunteers_url():
    from django.urls import path

    from .views import volunteers

    return [path("volunteers/", volunteers, name="plan_pages_volunteers")]


@hooks.register("register_admin_menu_item")
def register_volunteers_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from wagtail.admin.menu import MenuItem

    class VolunteersMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("plan_pages.view_ideaanswer")

    return VolunteersMenuItem(
        _("Volunteers"), reverse("plan_pages_volunteers"), icon_name="group", order=251
    )
