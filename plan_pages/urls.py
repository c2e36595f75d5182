"""Under each language prefix (/da/…, /en/…): the feeds and each plan's calendar."""

from django.urls import path

from .calendar import annual_calendar, plan_calendar_view
from .feeds import FORMATS, AreaProjectFeed, GoalProjectFeed, ProjectFeed, feed_view
from .geodata import areas_geojson, projects_geojson

urlpatterns = [
    path("<slug:slug>/kalender.ics", plan_calendar_view, name="plan-calendar"),
    path("<slug:slug>/aarshjul.ics", annual_calendar, name="annual-calendar"),
    path("geo/areas.geojson", areas_geojson, name="geo-areas"),
    path("geo/projects.geojson", projects_geojson, name="geo-projects"),
]
for kind in FORMATS:
    urlpatterns += [
        path(f"feeds/projects.{kind}", feed_view(ProjectFeed, kind), name=f"project-feed-{kind}"),
        path(
            f"feeds/areas/<slug:slug>.{kind}",
            feed_view(AreaProjectFeed, kind),
            name=f"area-project-feed-{kind}",
        ),
        path(
            f"feeds/goals/<int:number>.{kind}",
            feed_view(GoalProjectFeed, kind),
            name=f"goal-project-feed-{kind}",
        ),
    ]
