from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock
from core.content_cache import Deferred, deferred_items
from core.models import BasePage, PagePicture
from participation.meetings import next_meetings
from plan_pages.finder import MAX_QUERY, all_place_names, plans_named
from plan_pages.maps import area_places, municipality_outline, with_area_colours
from plan_pages.models import BlupPhase, LocalAreaPlanPage, ProjectPage
from sdg.goals import goals
from sdg.tagging import goal_counts

from .forms import HomePageForm

# What the overview's map_context gives its template.
MAP_CONTEXT_KEYS = ("map_places", "map_outline", "map_fit", "place_names")


class HomePage(RoutablePageMixin, PagePicture, BasePage):
    """The municipal overview: what LUP and BLUP are, and every area's plan."""

    intro = models.TextField(_("introduction"), max_length=500)
    about_lup = RichTextField(_("about LUP"), features=settings.RICH_TEXT_FEATURES)
    about_blup = RichTextField(_("about BLUP"), features=settings.RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        FieldPanel("about_lup"),
        FieldPanel("about_blup"),
        InlinePanel(
            "featured_projects", heading=_("Featured projects"), label=_("project"), max_num=6
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    override_translatable_fields = [SynchronizedField("featured_projects", overridable=False)]

    base_form_class = HomePageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["plan_pages.LocalAreaPlanPage", "sdg.SDGIndexPage", "home.InformationPage"]
    max_count = 1
    template = "pages/home_page.html"
    page_description = _("The municipal overview of all local development plans. Only one.")

    class Meta:
        verbose_name = _("municipal overview")

    # What the overview (its cards, its map, "find my area") reads of a plan: not its texts.
    PLAN_FIELDS = (
        *("title", "url_path", "summary", "plan_kind", "year_adopted", "concluded_on"),
        *("area", "place_names", "villages"),
    )

    def plans(self):
        plans = LocalAreaPlanPage.objects.child_of(self).live().public()
        return plans.only(*self.PLAN_FIELDS).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Deferred: a body from the fragment cache reads none of them.
        context["plans"] = plans = Deferred(lambda: list(with_area_colours(self.plans())))
        context.update(
            deferred_items(lambda: self.map_context(plans.value, request), MAP_CONTEXT_KEYS)
        )
        context["featured_projects"] = Deferred(self.featured_in_own_language)
        context["next_meetings"] = Deferred(lambda: next_meetings(self.locale_id))
        context["blup_phases"] = BlupPhase.choices
        counts = Deferred(lambda: goal_counts(self.locale_id))
        context["goal_counts"] = Deferred(
            lambda: [(goal, counts.value.get(n, 0)) for n, goal in goals().items()]
        )
        context["max_goal_count"] = Deferred(lambda: max(counts.value.values(), default=0) or 1)
        return context

    def map_context(self, plans, request) -> dict:
        """MAP_CONTEXT_KEYS: the areas on the map, and every place name for "find my area"'s
        suggestions."""
        outline = municipality_outline(request)
        places = area_places(plans, request)
        return {
            "map_places": places,
            "map_outline": outline,
            # The whole municipality, or the areas where it has no outline.
            "map_fit": None if outline or not places else [p.geometry for p in places],
            "place_names": all_place_names(plans),
        }

    @path("find/", name="find_area")
    def find_area(self, request):
        """The plan of the village, parish or postcode typed (a GET form, no script needed);
        a list when several areas have the name, and every area when none has it."""
        query = request.GET.get("place", "")[:MAX_QUERY].strip()
        plans = list(self.plans())
        found = plans_named(query, plans)
        if len(found) == 1:
            return redirect(found[0].get_url(request))
        context = self.get_context(request)
        context.update(query=query, found=found, plans=plans)
        return TemplateResponse(request, "pages/find_area.html", context)

    def share_description(self):
        return self.search_description or self.intro

    def feeds(self):
        from plan_pages.feeds import site_feeds
        from plan_pages.geodata import geodata_links

        return site_feeds() + geodata_links()

    def featured_in_own_language(self):
        """Featured projects point at the source pages; show their versions in this language."""
        chosen = ProjectPage.objects.filter(pk__in=self.featured_projects.values("project_id"))
        return ProjectPage.for_listing(
            ProjectPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=chosen.values("translation_key"))
            .order_by("title")
        )


class InformationPage(BasePage):
    """A page about the site itself: the accessibility statement, privacy and cookies."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("The accessibility statement must be reviewed at least once a year."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "pages/information_page.html"
    page_description = _("About the site: accessibility statement, privacy and cookies.")

    class Meta:
        verbose_name = _("information page")

    def share_description(self):
        return self.search_description or self.intro


class FeaturedProject(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_projects")
    project = models.ForeignKey(
        "plan_pages.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("project")]
