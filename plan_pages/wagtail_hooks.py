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
def register_participation():
    """Survey answers, results and volunteers, each council seeing its own area only."""
    from .views import ParticipationGroup

    return ParticipationGroup()
