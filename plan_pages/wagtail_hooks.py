from django.template.loader import render_to_string

from wagtail import hooks

from .listing import ProjectQuery, ProjectSearch, area_choices


@hooks.register("sdg_goal_page_listing")
def projects_working_on_goal(goal_page, request):
    """On a goal page: its projects, filtered by area and status, with the search's code."""
    area_slugs = set(area_choices(goal_page.locale).values_list("slug", flat=True))
    query = ProjectQuery.from_params(request.GET, area_slugs)
    outcome = ProjectSearch(query, goal_page.locale, goal=goal_page.number).run()
    return render_to_string(
        "components/project_listing.html",
        {"outcome": outcome, "form_id": "goal-projects"},
        request=request,
    )
