"""RSS and Atom feeds of new and updated projects: the whole site, one area or one goal.

The feeds live under the language prefix (/da/…, /en/…) and list that language's projects,
newest change first. An area's feed also tells what happened in it: its projects' updates, the
milestones they reached, and what other apps add through the hook
`plan_feed_items(plan, request)` (participation announces the plan's meetings); each is a
`FeedItem`, and only live pages that anyone may see are in any feed. `feeds_for(...)` names the
feeds a page offers, for its <head> and the visible subscribe links.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.models import Locale

from core.metadata import absolute_url
from core.plugins import contributions
from core.sites import current_site
from sdg.goals import goals
from sdg.models import SDGGoalPage

from .listing import projects_with_goals
from .models import LocalAreaPlanPage, Milestone, ProjectPage, ProjectUpdatePage

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


@dataclass
class FeedItem:
    """One entry of a feed: a project, an update, a milestone reached, a meeting."""

    title: str
    link: str
    description: str
    published: datetime
    updated: datetime
    author: str = ""
    categories: list = field(default_factory=list)
    guid: str = ""


def day_moment(day) -> datetime:
    """A day as a moment for a feed: its start in Danish time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def project_item(project, request) -> FeedItem:
    labels = [goals()[number].text("short_title") for number in sorted(project.goal_numbers)]
    return FeedItem(
        title=project.title,
        link=project.get_full_url(request),
        description=project.summary,
        published=project.first_published_at,
        updated=project.last_published_at,
        author=project.council_name or MUNICIPALITY,
        categories=[str(project.get_status_display()), *labels],
    )


def update_items(plan, locale, request) -> list[FeedItem]:
    """The published updates of the plan's published projects, the newest FEED_LENGTH."""
    projects = ProjectPage.objects.live().public().child_of(plan).filter(locale=locale)
    updates = (
        ProjectUpdatePage.objects.live()
        .public()
        .filter(locale=locale)
        .descendant_of(plan)
        .order_by("-date", "-pk")
    )
    parents = {project.path: project for project in projects}
    items = []
    for update in updates[:FEED_LENGTH]:
        project = parents.get(update.path[: -update.steplen])
        if project is None:  # under a project that is not public
            continue
        items.append(
            FeedItem(
                title=f"{project.title}: {update.title}",
                link=update.get_full_url(request),
                description=update.text,
                published=update.first_published_at or day_moment(update.date),
                updated=update.last_published_at or day_moment(update.date),
                author=plan.council_name or MUNICIPALITY,
                categories=[str(_("Update from the project"))],
            )
        )
    return items


def milestone_items(plan, locale, request) -> list[FeedItem]:
    """The milestones the plan's published projects have reached, the latest FEED_LENGTH."""
    reached = (
        Milestone.objects.filter(
            page__in=ProjectPage.objects.live().public().child_of(plan).filter(locale=locale),
            done_date__isnull=False,
        )
        .select_related("page")
        .order_by("-done_date", "-pk")[:FEED_LENGTH]
    )
    items = []
    for milestone in reached:
        project = milestone.page
        url = project.get_full_url(request)
        items.append(
            FeedItem(
                title=_("%(project)s: %(milestone)s is done")
                % {"project": project.title, "milestone": milestone.title},
                link=url,
                description=milestone.description,
                published=day_moment(milestone.done_date),
                updated=day_moment(milestone.done_date),
                author=plan.council_name or MUNICIPALITY,
                categories=[str(_("Milestone reached"))],
                guid=f"{url}#milestone-{milestone.translation_key}",
            )
        )
    return items


def latest(item: FeedItem) -> datetime:
    return item.updated or item.published or datetime.min.replace(tzinfo=UTC)


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
        projects = ProjectPage.for_listing(projects).annotate(council_name=F("plan__council_name"))
        return [project_item(project, self.request) for project in projects]

    def title(self, obj):
        return _("New and updated projects in the local development plans of Næstved Kommune")

    def description(self, obj):
        return _("Projects of the local development plans in Næstved Kommune.")

    def link(self, obj):
        home = current_site(self.request).root_page.localized
        return home.get_full_url(self.request)

    def feed_url(self, obj):
        return absolute_url(self.request.path, self.request)

    def item_title(self, item):
        return item.title

    def author_name(self, obj):
        return MUNICIPALITY

    def item_author_name(self, item):
        return item.author or MUNICIPALITY

    def item_description(self, item):
        # RSS readers read a description as HTML: the plain summary is escaped to stay text.
        return escape(item.description) if self.kind == "rss" else item.description

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid or item.link

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return item.categories

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

    def items(self, plan):
        """Its projects, their updates and milestones reached, and what other apps add (its
        meetings), the latest first."""
        items = [
            *super().items(plan),
            *update_items(plan, self.locale, self.request),
            *milestone_items(plan, self.locale, self.request),
            *contributions("plan_feed_items", plan, self.request),
        ]
        items.sort(key=latest, reverse=True)
        return items[:FEED_LENGTH]

    def title(self, plan):
        return _("News from %(area)s") % {"area": plan.title}

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
        _("News from %(area)s") % {"area": plan.title},
        slug=plan.slug,
    )


def goal_feeds(number):
    return feed_links(
        "goal-project-feed",
        _("New and updated projects for goal %(number)s") % {"number": number},
        number=number,
    )
