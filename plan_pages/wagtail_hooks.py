from django.template.loader import render_to_string

from wagtail import hooks

from sdg.models import SDGGoalPage

from .feeds import goal_feeds
from .listing import ProjectSearch


@hooks.register("sdg_goal_page_listing")
def projects_working_on_goal(goal_page, request):
    """On a goal page: its projects, filtered by area and status, with the search's code."""
    search = ProjectSearch.from_params(request.GET, goal_page.locale, goal=goal_page.number)
    outcome = search.run()
    return render_to_string(
        "components/goal_projects.html",
        {"outcome": outcome, "form_id": "goal-projects", "feeds": goal_feeds(goal_page.number)},
        request=request,
    )


@hooks.register("page_feeds")
def goal_page_feeds(page):
    """A goal page offers the feeds of the projects working on the goal."""
    return goal_feeds(page.number) if isinstance(page, SDGGoalPage) else []
