from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .fields import GoalNumberField
from .goals import goals


class AbstractGoalTag(models.Model):
    """Tags a page with one goal, by number, so a translated copy keeps the same goal.

    Subclass it with a `page = ParentalKey(YourPage, related_name=...)` and show it with an
    InlinePanel; `sdg.tagging` counts your pages per goal, and your app lists them on the goal
    pages through the hook `sdg_goal_page_listing`.
    """

    goal = GoalNumberField(_("goal"))

    class Meta:
        abstract = True

    def __str__(self):
        return str(goals()[self.goal].text("short_title"))


class SDGIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    # Anywhere the parent's own subpage types allow it, once per parent.
    subpage_types = ["sdg.SDGGoalPage"]
    max_count_per_parent = 1
    template = "pages/sdg_index_page.html"
    page_description = _("The overview of the 17 UN Sustainable Development Goals.")

    class Meta:
        verbose_name = _("goal overview")

    def share_description(self):
        """For the page's head (the site's `page_meta` reads it from any page that has it)."""
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        from .tagging import goal_counts

        context = super().get_context(request, *args, **kwargs)
        counts = goal_counts(self.locale_id)
        goal_pages = SDGGoalPage.objects.child_of(self).live().order_by("number")
        context["goal_pages"] = [(goal, counts.get(goal.number, 0)) for goal in goal_pages]
        return context


class SDGGoalPage(Page):
    number = GoalNumberField(_("number"), help_text=_("The goal's UN number, 1 to 17."))
    colour = models.CharField(
        _("official colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-F]{6}$", _("Use a colour like #E5243B."))],
    )
    short_title = models.CharField(_("short title"), max_length=100)
    description = models.TextField(_("description"))
    local_text = RichTextField(
        _("local text"),
        blank=True,
        help_text=_("What this goal means for the local areas of the municipality."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("number", read_only=True),
        FieldPanel("colour", read_only=True),
        FieldPanel("short_title"),
        FieldPanel("description"),
        FieldPanel("local_text"),
        InlinePanel("targets", heading=_("UN targets"), label=_("target")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("short_title", boost=2),
        index.AutocompleteField("short_title"),
        index.SearchField("description"),
        index.SearchField("local_text"),
        index.FilterField("number"),
        index.RelatedFields("targets", [index.SearchField("title")]),
    ]
    # Texts are translated; the number and colour are the same in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("short_title"),
        TranslatableField("description"),
        TranslatableField("local_text"),
        TranslatableField("targets"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("colour", overridable=False),
    ]

    parent_page_types = ["sdg.SDGIndexPage"]
    subpage_types = []
    template = "pages/sdg_goal_page.html"
    page_description = _("One of the 17 UN Sustainable Development Goals, with its targets.")

    class Meta:
        verbose_name = _("goal")

    def share_description(self):
        return self.search_description or self.description

    @property
    def text_colour(self):
        return goals()[self.number].text_colour

    def clean(self):
        super().clean()
        siblings = SDGGoalPage.objects.filter(locale_id=self.locale_id, number=self.number)
        if siblings.exclude(pk=self.pk).exists():
            raise ValidationError({"number": _("This language already has a page for this goal.")})

    def get_context(self, request, *args, **kwargs):
        """Apps that tag pages with goals list them here through the hook
        `sdg_goal_page_listing(goal_page, request)`, which returns HTML."""
        context = super().get_context(request, *args, **kwargs)
        context["listings"] = [
            hook(self, request) for hook in hooks.get_hooks("sdg_goal_page_listing")
        ]
        return context


class SDGTarget(TranslatableMixin, Orderable):
    page = ParentalKey(SDGGoalPage, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=5)
    title = models.TextField(_("text"))

    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("code", overridable=False),
    ]

    panels = [FieldPanel("code"), FieldPanel("title")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("UN target")

    def __str__(self):
        return f"{self.code} {self.title}"
