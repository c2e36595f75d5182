from dataclasses import replace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock
from core.content_cache import Deferred, deferred_items
from core.localize import TranslatableWordsField, TranslatableWordsPanel
from core.metadata import image_url, without_empty
from core.models import BasePage, PagePicture, SitePageQuerySet, SummaryPage
from core.plugins import PluginPanels, PluginRoutesMixin, contributions
from places.fields import GeometryField, SiteField
from places.names import split_place_names
from sdg.fields import GoalNumbersField, TargetCodesField
from sdg.goals import goals, searchable_text
from sdg.models import AbstractGoalTag

from .councils import CouncilPermissions
from .forms import AnnualReportPageForm, LocalAreaPlanPageForm, ProjectPageForm

MUNICIPALITY = {"@type": "GovernmentOrganization", "name": "Næstved Kommune"}

# Help texts a council reads on more than one page type.
PICTURE_HELP = _(
    "A picture for the top of the page and its card in lists. Choose one from the library or "
    "upload your own; use only pictures you may publish."
)
BODY_HELP = _(
    "The text of the page. Write in paragraphs; the + button adds headings, pictures, quotes "
    "and more."
)
TARGETS_HELP = _(
    "Optional: the UN's more precise targets under the goals ticked above. Tick only those "
    "that really apply."
)
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
FIRST_YEAR, LAST_YEAR = 2000, 2100


def validate_plausible_date(value):
    """A date a plan can hold: a mistyped year (9999, 0202) gets a clear message, not a 500."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Choose a date between the years %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


def validate_months(value):
    if not value or any(month not in range(1, 13) for month in value):
        raise ValidationError(_("Choose one or more months."))


class MonthsField(models.JSONField):
    """Months of the year, 1 to 12, ticked in the admin."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("validators", [validate_months])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        from django import forms
        from django.utils.dates import MONTHS

        return forms.TypedMultipleChoiceField(
            choices=list(MONTHS.items()),
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
        )


class PlanKind(models.TextChoices):
    LUP = "lup", _("LUP: local development plan")
    BLUP = "blup", _("BLUP: sustainable local development plan")


class BlupPhase(models.IntegerChoices):
    MOBILISATION = 1, _("Mobilisation")
    MAPPING = 2, _("Mapping")
    FACILITATION = 3, _("Facilitation")
    ORGANISATION = 4, _("Organisation")


class PhaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class ProcessStepKind(models.TextChoices):
    CITIZENS_MEETING = "citizens_meeting", _("Citizens' meeting")
    SURVEY = "survey", _("Online survey")
    SECOND_MEETING = "second_meeting", _("Second citizens' meeting")
    WORKING_GROUPS = "working_groups", _("Working groups formed")


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    PAUSED = "paused", _("Paused")


# What a plan page's map_context gives its template.
MAP_CONTEXT_KEYS = ("map_places", "map_sites", "map_outline", "map_fit")


class JoinedNumbers(Func):
    """Numbers joined by commas, as a plain function in a subquery (no GROUP BY to make):
    SQLite's group_concat, PostgreSQL's string_agg."""

    function = "GROUP_CONCAT"
    output_field = models.CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "STRING_AGG(%(expressions)s::text, ',')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class LocalAreaPlanPage(CouncilPermissions, SummaryPage):
    route_select_related = ("image",)
    villages = models.CharField(
        _("villages and parishes"), max_length=255, help_text=_("For example: Glumsø, Bavelse.")
    )
    place_names = models.TextField(
        _("villages, parishes and postcodes"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Every name a resident may look for to find this area, separated by commas: the "
            "villages, the parishes and the postcodes. For example: Glumsø, Bavelse, Næsby, "
            "Skelby, Glumsø sogn, 4171."
        ),
    )
    area = GeometryField(
        _("the area on the map"),
        help_text=_(
            "The area's outline as GeoJSON (a Polygon or MultiPolygon in longitude and latitude, "
            "WGS 84): paste it, or upload a file from the municipality's map department."
        ),
    )
    plan_kind = models.CharField(
        _("kind of plan"), max_length=4, choices=PlanKind.choices, default=PlanKind.LUP
    )
    year_adopted = models.PositiveSmallIntegerField(
        _("year adopted"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    next_revision = models.PositiveSmallIntegerField(
        _("next revision"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    council_name = models.CharField(_("name of the local council"), max_length=120)
    council_website = models.URLField(_("the council's web site"), blank=True)
    council_email = models.EmailField(
        _("public e-mail of the council"), blank=True, help_text=_("Shown on the plan page.")
    )
    vision = RichTextField(_("vision"), features=settings.RICH_TEXT_INLINE_FEATURES + ["ul"])
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    concluded_on = models.DateField(
        _("concluded on"),
        null=True,
        blank=True,
        help_text=_("Set when the plan has ended; it stays online as an archive."),
    )
    concluded_note = models.TextField(_("note on the conclusion"), blank=True)

    content_panels = PluginPanels(
        Page.content_panels
        + [
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldPanel("villages"),
                    FieldPanel(
                        "plan_kind",
                        help_text=_(
                            "A BLUP (with the UN goals, phases and village goals) or an ordinary "
                            "LUP. Village goals are only used in a BLUP."
                        ),
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel(
                                "year_adopted",
                                help_text=_("The year the municipality adopted the plan."),
                            ),
                            FieldPanel(
                                "next_revision",
                                help_text=_(
                                    "The year the plan is to be revised. Your start page "
                                    "reminds you when it is near."
                                ),
                            ),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("concluded_on"),
                            FieldPanel(
                                "concluded_note",
                                help_text=_("Only when the plan has ended: a few words on why."),
                            ),
                        ]
                    ),
                ],
                heading=_("The plan"),
            ),
            MultiFieldPanel(
                [FieldPanel("place_names"), FieldPanel("area")],
                heading=_("Where the area is"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel(
                        "council_name",
                        help_text=_("As residents know it, for example Glumsø Lokalråd."),
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel(
                                "council_website",
                                help_text=_("Optional: the council's own web site, if it has one."),
                            ),
                            FieldPanel("council_email"),
                        ]
                    ),
                ],
                heading=_("Local council"),
            ),
            FieldPanel("image", help_text=PICTURE_HELP),
            FieldPanel("image_alt_text"),
            FieldPanel(
                "vision",
                help_text=_(
                    "The area as the plan wants it to be: a few sentences or a short list."
                ),
            ),
            FieldPanel("body", help_text=BODY_HELP),
            InlinePanel("phases", heading=_("BLUP phases"), label=_("phase"), max_num=4),
            InlinePanel("village_goals", heading=_("Village goals"), label=_("village goal")),
            InlinePanel("process_steps", heading=_("The plan's process"), label=_("step")),
            InlinePanel("activities", heading=_("The year (årshjul)"), label=_("activity")),
        ],
        hook_name="plan_page_panels",
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("villages", boost=2),
        # Suggestions while typing (search.suggestions): a village's name offers its plan.
        index.AutocompleteField("villages"),
        index.SearchField("place_names", boost=2),
        index.SearchField("vision"),
        index.SearchField("body"),
        index.FilterField("plan_kind"),
    ]

    # Texts and translatable inline rows (other apps' too) are translated, as wagtail-localize
    # does by default; facts are kept in step and cannot be changed in a translation.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "plan_kind",
            "year_adopted",
            "next_revision",
            "concluded_on",
            "phases",
            "place_names",
            "area",
        )
    ]

    base_form_class = LocalAreaPlanPageForm
    # Where plans go is the project's choice (PLAN_PARENT_PAGE_TYPES; anywhere by default);
    # other apps add their page types under a plan through the hook `plan_subpage_types`.
    parent_page_types = getattr(settings, "PLAN_PARENT_PAGE_TYPES", None)
    subpage_types = ["plan_pages.ProjectPage", "plan_pages.AnnualReportPage"]
    template = "pages/local_area_plan_page.html"
    page_description = _("The local development plan of one area, written by its local council.")

    class Meta:
        verbose_name = _("local development plan")

    @property
    def is_blup(self):
        return self.plan_kind == PlanKind.BLUP

    @property
    def place_name_list(self) -> list[str]:
        return split_place_names(self.place_names)

    def annual_wheel(self):
        """The months of the year with the plan's activities; empty when it has none."""
        from .wheel import annual_wheel

        activities = list(self.activities.all())
        return annual_wheel(activities) if activities else []

    def annual_reports(self):
        """The plan's published annual reports (in its language), the latest year first."""
        reports = self.live_subpages_of(AnnualReportPage)
        return sorted(reports, key=lambda report: report.year, reverse=True)

    def live_subpages_of(self, model) -> list:
        """The plan's live, public child pages of `model`, one of its types other than the
        project (an annual report, or a type of the hook `plan_subpage_types`), in no order:
        its sections and the plugins' sections each read their own type."""
        return self.live_subpages.get(model, [])

    @cached_property
    def live_subpages(self) -> dict:
        """{model: its live, public pages} for the plan's child page types other than the
        project, each page by its own type: one query for all the types, with a join to each
        type's table, where a queryset per type would cost a query each."""
        models = [model for model in self.clean_subpage_models() if model is not ProjectPage]
        types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
        # The reverse side of each type's link to its Page row, as select_related names it.
        joins = {
            model: model._meta.get_ancestor_link(Page).related_query_name() for model in models
        }
        pages = SitePageQuerySet(Page).child_of(self).live().public()
        pages = pages.filter(content_type__in=types.values()).select_related(*joins.values())
        by_type = {content_type.pk: model for model, content_type in types.items()}
        found = {model: [] for model in models}
        for page in pages:
            model = by_type[page.content_type_id]
            found[model].append(getattr(page, joins[model]))
        return found

    def clean(self):
        super().clean()
        if self.year_adopted and self.next_revision and self.next_revision < self.year_adopted:
            raise ValidationError({"next_revision": _("The revision comes after adoption.")})

    @classmethod
    def clean_subpage_models(cls):
        """Its own subpage types, then the models of the hook `plan_subpage_types`."""
        return [*super().clean_subpage_models(), *contributions("plan_subpage_types")]

    def get_context(self, request, *args, **kwargs):
        from .listing import ProjectSearch
        from .progress import plan_projects, plan_roll_up

        if self.is_blup:  # the template reads the phases twice
            prefetch_related_objects([self], "phases")
        context = super().get_context(request, *args, **kwargs)
        # Deferred: a body from the fragment cache reads none of them.
        context["outcome"] = Deferred(
            lambda: ProjectSearch.from_params(request.GET, self.locale, plan=self).run()
        )
        # The roll-up and the map show the same projects: read once for both.
        projects = Deferred(lambda: list(plan_projects(self)))
        context["roll_up"] = Deferred(lambda: plan_roll_up(self, projects=projects.value))
        context.update(
            deferred_items(lambda: self.map_context(request, projects.value), MAP_CONTEXT_KEYS)
        )
        return context

    @classmethod
    def routed_pages(cls, pages):
        from .maps import with_area_colours

        return with_area_colours(super().routed_pages(pages))  # the area's colour on the map

    def map_context(self, request, projects) -> dict:
        """MAP_CONTEXT_KEYS: the area with its placed projects (`projects` by title), numbered
        as in the list under the map."""
        from .maps import area_places, municipality_outline, project_places

        sites = project_places(projects, request)
        area = [replace(place, url="") for place in area_places([self], request)]
        return {
            "map_places": area + sites,
            "map_sites": sites,
            "map_outline": municipality_outline(request),
            # The area and every placed project, even one outside the area.
            "map_fit": [place.geometry for place in area + sites],
        }

    def structured_data(self, request):
        return without_empty(
            {
                "@context": "https://schema.org",
                "@type": "WebPage",
                "name": self.title,
                "description": self.summary,
                "url": self.get_full_url(request),
                "inLanguage": self.locale.language_code,
                "dateModified": self.last_published_at,
                "image": image_url(self.image, request),
                "about": {"@type": "Place", "name": self.villages},
                "author": without_empty(
                    {
                        "@type": "Organization",
                        "name": self.council_name,
                        "url": self.council_website,
                    }
                ),
                "publisher": MUNICIPALITY,
            }
        )

    def feeds(self):
        from .feeds import area_feeds
        from .geodata import geodata_links

        return area_feeds(self) + geodata_links(area=self.slug)


class VillageGoal(TranslatableMixin, Orderable):
    """A landsbymål: the area's own goal, set against one or more of the UN goals."""

    page = ParentalKey(LocalAreaPlanPage, on_delete=models.CASCADE, related_name="village_goals")
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Projects refer to the village goal by this number.")
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    goals = GoalNumbersField(_("UN goals"), blank=False)
    targets = TargetCodesField(_("UN targets"))

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel(
            "goals",
            help_text=_("Tick the UN goals this village goal contributes to: at least one."),
        ),
        FieldPanel("targets", help_text=TARGETS_HELP),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("goals", overridable=False),
        SynchronizedField("targets", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("village goal")

    def __str__(self):
        return f"{self.number}. {self.title}"


class AnnualActivity(TranslatableMixin, Orderable):
    """A recurring activity in the plan's year (årshjul): meetings, assemblies, local events."""

    page = ParentalKey(LocalAreaPlanPage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=400)
    months = MonthsField(_("months"))

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("months")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("months", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("activity in the year")

    def __str__(self):
        return self.title


class PlanPhase(Orderable):
    page = ParentalKey(LocalAreaPlanPage, on_delete=models.CASCADE, related_name="phases")
    phase = models.PositiveSmallIntegerField(_("phase"), choices=BlupPhase.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=PhaseStatus.choices, default=PhaseStatus.NOT_STARTED
    )
    date = models.DateField(_("date"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("phase"), FieldPanel("status"), FieldPanel("date")])]

    class Meta(Orderable.Meta):
        verbose_name = _("BLUP phase")


class ProcessStep(TranslatableMixin, Orderable):
    page = ParentalKey(LocalAreaPlanPage, on_delete=models.CASCADE, related_name="process_steps")
    step = models.CharField(_("step"), max_length=20, choices=ProcessStepKind.choices)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)

    panels = [FieldRowPanel([FieldPanel("step"), FieldPanel("date")]), FieldPanel("description")]

    translatable_fields = [
        TranslatableField("description"),
        SynchronizedField("step", overridable=False),
        SynchronizedField("date", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("process step")
        ordering = ["date", "sort_order"]


class ProjectTag(TaggedItemBase):
    content_object = ParentalKey(
        "plan_pages.ProjectPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class UnderPlanPage(CouncilPermissions, BasePage):
    """A page under a plan, with a `plan` field naming it, kept in step on every save (and on
    moves, by `signals.keep_plan_in_step`), so listings and area filters need no tree lookups."""

    plan = models.ForeignKey(
        "plan_pages.LocalAreaPlanPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The plan this page sits under, kept in step by save() and moves.",
    )
    route_select_related = ("plan",)

    class Meta:
        abstract = True

    @staticmethod
    def with_area_title(queryset):
        """Each page with its area's title (`area_title`) in its own row: all a list of them
        shows of the plan, without joining the plan's page as a whole."""
        return queryset.annotate(listed_area_title=F("plan__title"))

    @property
    def area_title(self) -> str:
        """The title of the page's area, as a card or a list shows it."""
        if "listed_area_title" in self.__dict__:  # read with the row (with_area_title)
            return self.listed_area_title or ""
        return self.plan.title if self.plan_id else ""

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.plan_id = parent.pk if parent.specific_class is LocalAreaPlanPage else None
        super().save(*args, **kwargs)


class ProjectPage(PluginRoutesMixin, RoutablePageMixin, UnderPlanPage, SummaryPage):
    route_select_related = ("image", "plan")
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    targets = TargetCodesField(
        _("UN targets"), help_text=_("Optional: targets under the goals chosen above.")
    )
    village_goals = models.JSONField(
        _("village goals"),
        default=list,
        blank=True,
        help_text=_("The plan's village goals this project works towards."),
    )
    tags = ClusterTaggableManager(through=ProjectTag, blank=True, verbose_name=_("tags"))
    # The tags' words, for translation: written from the tags on the Danish page, translated one
    # by one in wagtail-localize, and the English page's tags are made from them (`full_clean`).
    tag_names = TranslatableWordsField(_("tags"))
    progress_override = models.PositiveSmallIntegerField(
        _("progress set by hand (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Leave empty: the progress is then counted from the milestones (how many are done). "
            "Only where milestones do not fit, write a number from 0 to 100 and say why below."
        ),
    )
    progress_reason = models.CharField(
        _("why the progress is set by hand"),
        max_length=300,
        blank=True,
        help_text=_("Shown to residents beside the progress, for example: the money is raised."),
    )
    how_to_take_part = models.TextField(_("how to take part"), blank=True)
    site = SiteField(
        _("where on the map"),
        help_text=_(
            "Optional: click the map to place the project, or paste GeoJSON: a point, a line "
            "(a path) or a small area (a lake shore), in longitude and latitude (WGS 84)."
        ),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    content_panels = PluginPanels(
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel(
                "status",
                help_text=_(
                    "Where the project stands now. Residents can pick projects by their status."
                ),
            ),
            # The goals are a field of ProjectPageForm, stored as the rows of `goal_tags`.
            FieldPanel("goals"),
            FieldPanel("targets", help_text=TARGETS_HELP),
            FieldPanel("village_goals"),
            FieldPanel("image", help_text=PICTURE_HELP),
            FieldPanel("image_alt_text"),
            FieldPanel("body", help_text=BODY_HELP),
            MultiFieldPanel(
                [
                    FieldPanel(
                        "how_to_take_part",
                        help_text=_(
                            "How residents can join in or help: a meeting, a working group, "
                            "a person to contact."
                        ),
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel(
                                "start_date",
                                help_text=_(
                                    "When the project starts or started. Leave empty if not known."
                                ),
                            ),
                            FieldPanel(
                                "end_date",
                                help_text=_(
                                    "When it is expected to end. Leave empty if it goes on."
                                ),
                            ),
                        ]
                    ),
                ],
                heading=_("Taking part"),
            ),
            FieldPanel("site"),
            FieldPanel(
                "tags",
                help_text=_(
                    "A few words residents might search for, each followed by a comma, for "
                    "example: nature, playground, lake."
                ),
            ),
            TranslatableWordsPanel("tag_names"),
            InlinePanel(
                "milestones",
                heading=_("Milestones"),
                label=_("milestone"),
                help_text=_(
                    "The project's steps, with the date each is planned for. When a step is "
                    "done, fill in the date it was done: the project page shows what has "
                    "happened and what comes next, and the progress is counted from them."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel("progress_override"), FieldPanel("progress_reason")],
                heading=_("Progress"),
                classname="collapsed",
            ),
        ],
        hook_name="project_page_panels",
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("how_to_take_part"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.SearchField("goal_words"),
        index.FilterField("status"),
        index.FilterField("plan"),
    ]

    # Texts and translatable inline rows (other apps' too) are translated, as wagtail-localize
    # does by default; the facts are kept in step and cannot be changed in a translation.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "status",
            "goal_tags",
            "targets",
            "village_goals",
            "start_date",
            "end_date",
            "progress_override",
            "site",
        )
    ] + [TranslatableField("tag_names")]

    base_form_class = ProjectPageForm
    parent_page_types = ["plan_pages.LocalAreaPlanPage"]
    # Projects have no sub-projects: their only children are their updates.
    subpage_types = ["plan_pages.ProjectUpdatePage"]
    template = "pages/project_page.html"
    plugin_routes_hook = "project_page_routes"
    page_description = _("A project of a local plan, working on one or more of the UN goals.")

    class Meta:
        verbose_name = _("project")

    # All a project card, a feed item and a map of found projects read of a project's own
    # columns: not its texts (body, how to take part), nor the rest of its page row.
    LISTED_FIELDS = (
        *("title", "url_path", "summary", "status", "site"),
        *("first_published_at", "last_published_at"),
    )

    @classmethod
    def for_listing(cls, queryset):
        """What a project card needs, in one query however many projects: with each row its
        area's title (`area_title`) and its goal numbers (`goal_numbers`), not its plan's page
        and goal rows."""
        return cls.with_area_title(cls.with_goal_numbers(queryset.only(*cls.LISTED_FIELDS)))

    @classmethod
    def routed_pages(cls, pages):
        # The page's head and body both show its goals: read with the page, not after it.
        return cls.with_goal_numbers(super().routed_pages(pages))

    @staticmethod
    def with_goal_numbers(queryset):
        """Each project with its goal numbers (`goal_numbers`) in its own row."""
        goals = ProjectGoal.objects.filter(page=OuterRef("pk")).order_by()
        goals = goals.annotate(numbers=JoinedNumbers("goal")).values("numbers")
        return queryset.annotate(
            listed_goal_numbers=Subquery(goals, output_field=models.CharField())
        )

    def keep_tag_words_in_step(self):
        """The Danish page's tags give the words to translate; a translation's (translated) words
        give its tags. Tags stay django-taggit tags in each language, so search and listings
        read them as before. A page saved from the ordinary form takes its words from its tags."""
        # wagtail-localize copies the synchronised `tags` with setattr, and taggit's manager has
        # no __set__: the translation would then hold the source's manager in its __dict__, and
        # read and set the source's tags while its own rows (`tagged_items`, copied from the
        # source) were saved unchanged. Drop that copy so `self.tags` is this page's again.
        vars(self).pop("tags", None)
        is_source = self.locale_id is None or self.locale_id == Locale.get_default().pk
        if is_source or self.tag_names is None:
            self.tag_names = [tag.name for tag in self.tags.all()]
        elif [tag.name for tag in self.tags.all()] != self.tag_names:
            self.tags.set(self.tag_names)

    def full_clean(self, *args, **kwargs):
        # Before every save of a live page (wagtail-localize saves its translations so).
        self.keep_tag_words_in_step()
        super().full_clean(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        # The page editor saves its revision unvalidated (clean=False): its form validated the
        # page before the tags it posted were set.
        self.keep_tag_words_in_step()
        return super().save_revision(*args, **kwargs)

    @property
    def goal_numbers_in_row(self) -> bool:
        """Whether the page was read with its goal numbers (`with_goal_numbers`)."""
        return "listed_goal_numbers" in self.__dict__

    @property
    def goal_numbers(self) -> list[int]:
        """The project's goals, in number order."""
        if self.goal_numbers_in_row:
            joined = self.listed_goal_numbers
            return sorted(int(number) for number in joined.split(",")) if joined else []
        return sorted(tag.goal for tag in self.goal_tags.all())

    def goal_words(self) -> str:
        """Indexed with the project, so "klima" or "climate" finds the projects of goal 13."""
        return searchable_text(self.goal_numbers, self.targets, self.locale.language_code)

    def site_outside_plan(self) -> bool:
        """Is the project placed outside its plan's area? (Allowed, but worth a warning.)"""
        from places.geometry import within

        plan = self.plan
        return bool(self.site and plan and plan.area and not within(self.site, plan.area))

    def chosen_village_goals(self):
        if not self.plan_id:
            return []
        return self.plan.village_goals.filter(number__in=self.village_goals).order_by("number")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.progress_override is not None and not self.progress_reason.strip():
            raise ValidationError({"progress_reason": _("Say why the progress is set by hand.")})

    @property
    def progress(self) -> int | None:
        """Per cent done: set by hand (with a reason), 100 when completed, else the share of
        its milestones that are done; None when nothing says it."""
        from .progress import project_progress

        return project_progress(self)

    def timeline(self):
        """The milestones as done, next and later (`progress.Timeline`)."""
        from .progress import Timeline

        prefetch_related_objects([self], self.milestones_with_files())  # none if fetched
        return Timeline.of(self.milestones.all())

    @staticmethod
    def milestones_with_files():
        return Prefetch(
            "milestones", queryset=Milestone.objects.select_related("image", "document")
        )

    def status_history(self):
        from .progress import StatusStep

        return StatusStep.history_of(self)

    LATEST_UPDATES = 3

    def get_context(self, request, *args, **kwargs):
        # Its goals and milestones are read by the page's head (schema.org, the progress) and
        # its body (the tags, the progress bar, the timeline): fetched once. A routed page
        # brought its goal numbers in its own row (`routed_pages`); a preview has its own.
        goals = [] if self.goal_numbers_in_row else ["goal_tags"]
        prefetch_related_objects([self], *goals, self.milestones_with_files())
        context = super().get_context(request, *args, **kwargs)
        # Deferred: a body from the fragment cache reads none of them.
        context["timeline"] = Deferred(self.timeline)
        context["status_history"] = Deferred(self.status_history)
        context["latest_updates"] = Deferred(
            lambda: list(self.published_updates()[: self.LATEST_UPDATES])
        )
        return context

    def published_updates(self):
        """The project's published updates ("Nyt fra projektet"), newest first."""
        return (
            ProjectUpdatePage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .order_by("-date", "-pk")
        )

    @path("updates/", name="updates")
    def updates(self, request):
        """Every update of the project, newest first."""
        return self.render(
            request,
            context_overrides={"updates": self.published_updates()},
            template="pages/project_updates.html",
        )

    def structured_data(self, request):
        if self.start_date or self.end_date:
            start, end = self.start_date, self.end_date
            period = f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"
        else:
            period = None
        plan = self.plan
        return without_empty(
            {
                "@context": "https://schema.org",
                "@type": "CreativeWork",
                "additionalType": "https://schema.org/Project",
                "name": self.title,
                "description": self.summary,
                "url": self.get_full_url(request),
                "inLanguage": self.locale.language_code,
                "dateCreated": self.first_published_at,
                "dateModified": self.last_published_at,
                "temporalCoverage": period,
                "creativeWorkStatus": str(self.get_status_display()),
                "additionalProperty": self.progress_properties(),
                "keywords": [goals()[number].text("short_title") for number in self.goal_numbers],
                "image": image_url(self.image, request),
                "isPartOf": plan
                and {"@type": "WebPage", "name": plan.title, "url": plan.get_full_url(request)},
                "spatialCoverage": plan and {"@type": "Place", "name": plan.villages},
                "publisher": MUNICIPALITY,
            }
        )

    def progress_properties(self) -> list[dict]:
        """The project's status (its code, as the API gives it) and progress in per cent, as
        schema.org PropertyValues."""
        properties = [
            {
                "@type": "PropertyValue",
                "propertyID": "status",
                "name": str(_("status")),
                "value": self.status,
            }
        ]
        if (progress := self.progress) is not None:
            properties.append(
                {
                    "@type": "PropertyValue",
                    "propertyID": "progress",
                    "name": str(_("progress")),
                    "value": progress,
                    "unitText": "percent",
                    "minValue": 0,
                    "maxValue": 100,
                }
            )
        return properties


class ProjectGoal(Orderable, AbstractGoalTag):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="goal_tags")

    panels = [FieldPanel("goal")]

    class Meta(Orderable.Meta):
        # No unique constraint on (page, goal): an editor who removes a goal and adds it again
        # in one save would hit it before the old row is deleted. The page form checks instead.
        verbose_name = _("UN goal")
        # The projects of some goals, for the goal filter and its counts, read from the index
        # alone (not every tag of every project: 100,000 rows at 50,000 projects).
        indexes = [models.Index(fields=["goal", "page"], name="projectgoal_goal_page")]


class Milestone(TranslatableMixin, PagePicture, Orderable):
    """A step of a project: planned for a date, done on another (done early is fine)."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=120)
    planned_date = models.DateField(
        _("planned for"),
        validators=[validate_plausible_date],
        help_text=_("The date the step is planned for. Change it if the plan changes."),
    )
    done_date = models.DateField(
        _("done on"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("Fill in when the step is done. Leave empty until then."),
    )
    description = models.TextField(
        _("short text"),
        max_length=500,
        blank=True,
        help_text=_("Optional: a sentence or two on the step, at most 500 characters."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("planned_date"), FieldPanel("done_date")]),
        FieldPanel("description"),
        FieldPanel(
            "image", help_text=_("Optional: a picture of the step, for example from the day.")
        ),
        FieldPanel("image_alt_text"),
        FieldPanel(
            "document",
            help_text=_("Optional: a document for the step, for example a permit or minutes."),
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("image_alt_text"),
        SynchronizedField("planned_date", overridable=False),
        SynchronizedField("done_date", overridable=False),
        SynchronizedField("image"),
        SynchronizedField("document"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_date is not None

    @property
    def is_overdue(self) -> bool:
        """Planned for a day that has passed, and not done: late ("Forsinket")."""
        return not self.is_done and self.planned_date < timezone.localdate()

    def clean(self):
        super().clean()
        if self.done_date and self.done_date > timezone.localdate():
            raise ValidationError(
                {"done_date": _("A step cannot be done in the future: leave the date empty.")}
            )


class StatusChange(models.Model):
    """A project's status from the moment it was published, one row per change.

    Kept per project in every language at once (by its translation key): the languages share
    the status. Recorded on publish (`signals.record_status_change`) and, for changes made before
    the history was kept, read back from the published revisions (`progress.backfill_history`).
    """

    translation_key = models.UUIDField(db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("change of status")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} ({self.changed_at:%Y-%m-%d})"


class ProjectUpdatePage(CouncilPermissions, PagePicture, BasePage):
    """News from a project ("Nyt fra projektet"): a short dated post with text and a picture,
    written by the council and approved by the municipality like any change."""

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        validators=[validate_plausible_date],
        help_text=_("The day the news is from. Updates are shown newest first."),
    )
    text = models.TextField(
        _("text"),
        max_length=2000,
        help_text=_("A few sentences on what has happened, at most 2,000 characters."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("text"),
        FieldPanel("image", help_text=PICTURE_HELP),
        FieldPanel("image_alt_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("text")]
    override_translatable_fields = [SynchronizedField("date", overridable=False)]

    parent_page_types = ["plan_pages.ProjectPage"]
    subpage_types = []
    template = "pages/project_update_page.html"
    page_description = _("News from a project: a short dated post with text and a picture.")

    class Meta:
        verbose_name = _("update from the project")

    def share_description(self):
        return self.search_description or self.text

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["project"] = self.get_parent().specific
        return context


class LocalCouncil(models.Model):
    """The admin group and media collection of one area's local council.

    One per area, whatever the number of languages: it is keyed on the plan's translation key,
    so the Danish plan and its English translation share the council.
    """

    plan_key = models.UUIDField(unique=True, editable=False)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="local_council"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="local_council"
    )

    class Meta:
        verbose_name = _("local council")

    def __str__(self):
        return self.group.name


class AnnualReportPage(RoutablePageMixin, UnderPlanPage):
    """A plan's årsrapport for one year: the council's foreword, and figures from the plan.

    The figures are not stored: `plan_pages.annual_report.annual_figures` computes them from
    the plan's projects, village goals, working groups and surveys whenever the report is shown,
    on the page and in its PDF. The council writes the foreword and submits the page for the
    municipality's approval like any other page in its area.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=YEAR_VALIDATORS, help_text=_("The calendar year the report covers.")
    )
    foreword = RichTextField(
        _("foreword"),
        features=settings.RICH_TEXT_INLINE_FEATURES + ["ol", "ul"],
        help_text=_("The local council's words on the year. The figures are added by the site."),
    )

    content_panels = Page.content_panels + [FieldPanel("year"), FieldPanel("foreword")]
    search_fields = Page.search_fields + [
        index.SearchField("foreword"),
        index.FilterField("year"),
    ]
    override_translatable_fields = [SynchronizedField("year", overridable=False)]

    base_form_class = AnnualReportPageForm
    parent_page_types = ["plan_pages.LocalAreaPlanPage"]
    subpage_types = []
    template = "pages/annual_report_page.html"
    page_description = _(
        "The plan's annual report: the council's foreword, and the year's projects, village "
        "goals, working groups and surveys in figures. Printable and as PDF."
    )

    class Meta:
        verbose_name = _("annual report")

    def share_description(self):
        return self.search_description or self.foreword

    @cached_property
    def figures(self):
        """The year's figures, computed once per rendering of the page or its PDF."""
        from .annual_report import annual_figures

        return annual_figures(self.plan, self.year)

    @property
    def pdf_filename(self) -> str:
        prefix = pgettext("file name of the annual report", "annual-report")
        return f"{prefix}-{self.plan.slug}-{self.year}.pdf"

    @classmethod
    def year_error(cls, year, parent, exclude_pk=None):
        """Why `year` cannot have a report under `parent`, or None when it can."""
        if year is None:
            return None
        if year > timezone.localdate().year:
            return _("A report can only be written for a year that has begun.")
        if parent is None:
            return None
        if cls.objects.child_of(parent).filter(year=year).exclude(pk=exclude_pk).exists():
            return _("The plan already has an annual report for %(year)s.") % {"year": year}
        return None

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else None
        if error := self.year_error(self.year, parent, self.pk):
            raise ValidationError({"year": error})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Deferred: a body from the fragment cache reads none of the year's figures.
        context.update(plan=self.plan, figures=Deferred(lambda: self.figures))
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from .pdf import serve_pdf

        return serve_pdf(self, request)


class ReminderReason(models.TextChoices):
    OVERDUE = "overdue", _("The next milestone is overdue")
    STALE = "stale", _("No news for a long time")


class CouncilReminder(models.Model):
    """A reminder to one council member about one project, kept so it is sent once.

    `occasion` says what it is about: the overdue milestone (its translation key and planned
    date, so a step moved to a later date that is missed again gives a new reminder) or the
    day of the project's last published change (so news after it, then a new silence, gives
    another). A reminder is due only when no member has had one for the same project, reason
    and occasion (`reminders.due_reminders`); `sent_at` is written in the transaction that
    sends it, so a retried task sends nothing twice.
    """

    translation_key = models.UUIDField(db_index=True)
    reason = models.CharField(max_length=10, choices=ReminderReason.choices)
    occasion = models.CharField(max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_reminders"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder to a local council")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "reason", "occasion", "user"],
                name="one_reminder_per_occasion_and_member",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.occasion})"
