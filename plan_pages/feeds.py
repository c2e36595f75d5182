"""RSS and Atom feeds of new and updated projects: the whole site, one area or one goal.

The feeds live under the language prefix (/da/…, /en/…) and list that language's projects,
newest change first. `feeds_for(...)` names the feeds a page offers, for its <head> and the
visible subscribe links.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.models import Locale, Site

from core.metadata import absolute_url
from sdg.goals import goals
from sdg.models import SDGGoalPage

from .listing import projects_with_goals
from .models import LocalAreaPlanPage, ProjectPage

FEED_LENGTH = 30
# Who writes the site's feeds; an area's feed and each project are its local council's.
MUNICIPALITY = "Næstved Kommune"


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose summaries say what they are: plain text (RFC 4287 `type="text"`), so a feed
    reader shows a council's words as written and never reads them as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


FORMATS = {"rss": Rss201rev2Feed, "atom": PlainTextAtom1Feed}
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


class ProjectFeed(Feed):
    """New and updated projects in the active language; `kind` is "rss" or "atom"."""

    kind = "rss"

    def __init__(self, kind="rss"):
        super().__init__()
        self.kind = kind
        self.feed_type = FORMATS[kind]

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.locale = Locale.get_active()
        return super().__call__(request, *args, **kwargs)

    def projects(self, obj):
        return ProjectPage.objects.live().public().filter(locale=self.locale)

    def items(self, obj):
        projects = self.projects(obj).order_by("-last_published_at", "-pk")[:FEED_LENGTH]
        return ProjectPage.for_listing(projects)

    def title(self, obj):
        return _("New and updated projects in the local development plans of Næstved Kommune")

    def description(self, obj):
        return _("Projects of the local development plans in Næstved Kommune.")

    def link(self, obj):
        home = Site.find_for_request(self.request).root_page.localized
        return home.get_full_url(self.request)

    def feed_url(self, obj):
        return absolute_url(self.request.path, self.request)

    def item_title(self, item):
        return item.title

    def author_name(self, obj):
        return MUNICIPALITY

    def item_author_name(self, item):
        return (item.plan.council_name if item.plan else "") or MUNICIPALITY

    def item_description(self, item):
        # RSS readers read a description as HTML: the plain summary is escaped to stay text.
        return escape(item.summary) if self.kind == "rss" else item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        labels = [goals()[number].text("short_title") for number in sorted(item.goal_numbers)]
        return [item.get_status_display(), *labels]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = self.locale.language_code
        return feed


class AreaProjectFeed(ProjectFeed):
    def get_object(self, request, slug):
        return get_object_or_404(
            LocalAreaPlanPage.objects.live().public().filter(locale=Locale.get_active()),
            slug=slug,
        )

    def projects(self, plan):
        return super().projects(plan).filter(plan=plan)

    def title(self, plan):
        return _("New and updated projects in %(area)s") % {"area": plan.title}

    def description(self, plan):
        return plan.summary

    def link(self, plan):
        return plan.get_full_url(self.request)

    def author_name(self, plan):
        return plan.council_name or MUNICIPALITY


class GoalProjectFeed(ProjectFeed):
    def get_object(self, request, number):
        if number not in goals():
            raise Http404("There are 17 goals.")
        return goals()[number]

    def projects(self, goal):
        projects = super().projects(goal)
        return projects.filter(pk__in=projects_with_goals([goal.number]))

    def title(self, goal):
        return _("New and updated projects for goal %(number)s: %(title)s") % {
            "number": goal.number,
            "title": goal.text("short_title"),
        }

    def description(self, goal):
        return goal.text("description")

    def link(self, goal):
        page = SDGGoalPage.objects.live().filter(locale=self.locale, number=goal.number).first()
        return page.get_full_url(self.request) if page else super().link(goal)


def feed_view(feed_class, kind):
    """A view that builds a new feed for each request, so no request is kept between them."""

    def view(request, **kwargs):
        return feed_class(kind)(request, **kwargs)

    return view


def feed_links(name, title, **kwargs):
    """The RSS and Atom versions of one feed, for <link rel="alternate"> and visible links."""
    return [
        {
            "kind": kind,
            "type": MIME_TYPES[kind],
            "title": f"{title} ({kind.upper() if kind == 'rss' else 'Atom'})",
            "url": reverse(f"{name}-{kind}", kwargs=kwargs),
        }
        for kind in FORMATS
    ]


def site_feeds():
    return feed_links("project-feed", _("New and updated projects"))


def area_feeds(plan):
    return feed_links(
        "area-project-feed",
        _("New and updated projects in %(area)s") % {"area": plan.title},
        slug=plan.slug,
    )


def goal_feeds(number):
    return feed_links(
        "goal-project-feed",
        _("New and updated projects for goal %(number)s") % {"number": number},
        number=number,
    )
