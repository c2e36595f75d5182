from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from plan_pages.blocks import BodyBlock
from plan_pages.models import BlupPhase, LocalAreaPlanPage, ProjectPage
from sdg.goals import goals
from sdg.tagging import goal_counts

from .forms import HomePageForm


class HomePage(Page):
    """The municipal overview: what LUP and BLUP are, and every area's plan."""

    intro = models.TextField(_("introduction"), max_length=500)
    about_lup = RichTextField(_("about LUP"), features=settings.RICH_TEXT_FEATURES)
    about_blup = RichTextField(_("about BLUP"), features=settings.RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("about_lup"),
        FieldPanel("about_blup"),
        InlinePanel(
            "featured_projects", heading=_("Featured projects"), label=_("project"), max_num=6
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    translatable_fields = [
        *[TranslatableField(name) for name in ("title", "slug", "seo_title", "search_description")],
        *[TranslatableField(name) for name in ("intro", "about_lup", "about_blup")],
        SynchronizedField("featured_projects", overridable=False),
    ]

    base_form_class = HomePageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["plan_pages.LocalAreaPlanPage", "sdg.SDGIndexPage", "home.InformationPage"]
    max_count = 1
    template = "pages/home_page.html"
    page_description = _("The municipal overview of all local development plans. Only one.")

    class Meta:
        verbose_name = _("municipal overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = (
            LocalAreaPlanPage.objects.child_of(self).live().public().order_by("title")
        )
        context["featured_projects"] = self.featured_in_own_language()
        context["blup_phases"] = BlupPhase.choices
        counts = goal_counts(self.locale_id)
        context["goal_counts"] = [(goal, counts.get(n, 0)) for n, goal in goals().items()]
        context["max_goal_count"] = max(counts.values(), default=0) or 1
        return context

    def featured_in_own_language(self):
        """Featured projects point at the source pages; show their versions in this language."""
        chosen = ProjectPage.objects.filter(pk__in=self.featured_projects.values("project_id"))
        return ProjectPage.for_listing(
            ProjectPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=chosen.values("translation_key"))
            .order_by("title")
        )


class InformationPage(Page):
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


class FeaturedProject(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_projects")
    project = models.ForeignKey(
        "plan_pages.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("project")]


class ContactDetails(TranslatableMixin, models.Model):
    """The site's name and the municipality's contact block, in each language."""

    site_name = models.CharField(_("site name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    opening_hours = models.CharField(_("phone hours"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    digital_post_url = models.URLField(
        _("digital post link"), blank=True, help_text=_("Where residents send Digital Post.")
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("unit"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
        FieldPanel("email"),
        FieldPanel("digital_post_url"),
    ]
    translatable_fields = [
        TranslatableField("site_name"),
        TranslatableField("unit"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("digital_post_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self):
        return f"{self.unit} ({self.locale})"


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Which contact details the site shows in the footer of every page."""

    contact = models.ForeignKey(
        ContactDetails,
        verbose_name=_("contact details"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the language of the page when translated."),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement in the WAS tool"),
        blank=True,
        help_text=_("If set, /was leads here instead of to the page above."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy and cookies page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("contact"),
        FieldPanel("accessibility_statement"),
        FieldPanel("accessibility_statement_url"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site and contact")
