from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
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
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from sdg.fields import GoalNumbersField, TargetCodesField
from sdg.models import AbstractGoalTag

from .blocks import BodyBlock
from .forms import AnnualReportPageForm, LocalAreaPlanPageForm, ProjectPageForm

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


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


class LocalAreaPlanPage(Page):
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for lists and search.")
    )
    villages = models.CharField(
        _("villages and parishes"), max_length=255, help_text=_("For example: Glumsø, Bavelse.")
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
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    concluded_on = models.DateField(
        _("concluded on"),
        null=True,
        blank=True,
        help_text=_("Set when the plan has ended; it stays online as an archive."),
    )
    concluded_note = models.TextField(_("note on the conclusion"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("villages"),
                FieldPanel("plan_kind"),
                FieldRowPanel([FieldPanel("year_adopted"), FieldPanel("next_revision")]),
                FieldRowPanel([FieldPanel("concluded_on"), FieldPanel("concluded_note")]),
            ],
            heading=_("The plan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("council_name"),
                FieldRowPanel([FieldPanel("council_website"), FieldPanel("council_email")]),
            ],
            heading=_("Local council"),
        ),
        FieldPanel("image"),
        FieldPanel("vision"),
        FieldPanel("body"),
        InlinePanel("phases", heading=_("BLUP phases"), label=_("phase"), max_num=4),
        InlinePanel("village_goals", heading=_("Village goals"), label=_("village goal")),
        InlinePanel("process_steps", heading=_("The plan's process"), label=_("step")),
        InlinePanel("activities", heading=_("The year (årshjul)"), label=_("activity")),
        InlinePanel("ideas", heading=_("Ideas from the citizens' meeting"), label=_("idea")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("villages", boost=2),
        index.SearchField("vision"),
        index.SearchField("body"),
        index.FilterField("plan_kind"),
    ]

    # Texts are translated; facts, contact addresses and the structure are kept in step.
    translatable_fields = [
        *[TranslatableField(name) for name in ("title", "slug", "seo_title", "search_description")],
        *[TranslatableField(name) for name in ("summary", "villages", "council_name", "vision")],
        *[TranslatableField(name) for name in ("body", "concluded_note")],
        TranslatableField("village_goals"),
        TranslatableField("process_steps"),
        TranslatableField("activities"),
        TranslatableField("ideas"),
        *[
            SynchronizedField(name, overridable=False)
            for name in ("plan_kind", "year_adopted", "next_revision", "concluded_on", "phases")
        ],
        SynchronizedField("council_website"),
        SynchronizedField("council_email"),
        SynchronizedField("image"),
    ]

    base_form_class = LocalAreaPlanPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "plan_pages.ProjectPage",
        "plan_pages.SurveyPage",
        "plan_pages.AnnualReportPage",
    ]
    template = "pages/local_area_plan_page.html"
    page_description = _("The local development plan of one area, written by its local council.")

    class Meta:
        verbose_name = _("local development plan")

    @property
    def is_blup(self):
        return self.plan_kind == PlanKind.BLUP

    def annual_wheel(self):
        from .wheel import annual_wheel

        return annual_wheel(self.activities.all())

    def annual_reports(self):
        """The plan's published annual reports (in its language), the latest year first."""
        return AnnualReportPage.objects.live().public().child_of(self).order_by("-year")

    def clean(self):
        super().clean()
        if self.year_adopted and self.next_revision and self.next_revision < self.year_adopted:
            raise ValidationError({"next_revision": _("The revision comes after adoption.")})

    def get_context(self, request, *args, **kwargs):
        from .listing import ProjectSearch

        context = super().get_context(request, *args, **kwargs)
        context["outcome"] = ProjectSearch.from_params(request.GET, self.locale, plan=self).run()
        context["ideas"] = self.ideas_with_projects()
        context["surveys"] = SurveyPage.objects.child_of(self).live().public().order_by("-opens_at")
        return context

    def ideas_with_projects(self):
        """The plan's ideas, each with `.became`: the live project it became, in this plan's
        language (the link is kept on the source idea). Two queries, however many ideas."""
        ideas = list(self.ideas.select_related("project"))
        keys = [idea.project.translation_key for idea in ideas if idea.project]
        projects = ProjectPage.objects.live().filter(translation_key__in=keys, locale=self.locale)
        by_key = {project.translation_key: project for project in projects}
        for idea in ideas:
            idea.became = by_key.get(idea.project.translation_key) if idea.project else None
        return ideas


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
        FieldPanel("goals"),
        FieldPanel("targets"),
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


class UnderPlanMixin:
    """A page with a `plan` field naming the plan it sits under, kept in step on every save
    (and on moves, by `signals.keep_plan_in_step`), so listings and area filters need no tree
    lookups."""

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.plan_id = parent.pk if parent.specific_class is LocalAreaPlanPage else None
        super().save(*args, **kwargs)


class ProjectPage(UnderPlanMixin, RoutablePageMixin, Page):
    plan = models.ForeignKey(
        LocalAreaPlanPage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The plan this project sits under, kept in step by save() and moves.",
    )
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for lists and search.")
    )
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
    how_to_take_part = models.TextField(_("how to take part"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("status"),
        InlinePanel("goal_tags", heading=_("UN goals"), label=_("goal")),
        FieldPanel("targets"),
        FieldPanel("village_goals"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("how_to_take_part"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Taking part"),
        ),
        InlinePanel("working_groups", heading=_("Working groups"), label=_("working group")),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("how_to_take_part"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("status"),
        index.FilterField("plan"),
    ]

    # Texts are translated; goals, status, dates and contact are kept in step with the source.
    translatable_fields = [
        *[TranslatableField(name) for name in ("title", "slug", "seo_title", "search_description")],
        *[TranslatableField(name) for name in ("summary", "body", "how_to_take_part")],
        *[
            SynchronizedField(name, overridable=False)
            for name in (
                "status",
                "goal_tags",
                "targets",
                "village_goals",
                "start_date",
                "end_date",
            )
        ],
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("tagged_items"),
        TranslatableField("working_groups"),
        SynchronizedField("image"),
    ]

    base_form_class = ProjectPageForm
    parent_page_types = ["plan_pages.LocalAreaPlanPage"]
    subpage_types = []
    template = "pages/project_page.html"
    page_description = _("A project of a local plan, working on one or more of the UN goals.")

    class Meta:
        verbose_name = _("project")

    @classmethod
    def for_listing(cls, queryset):
        """What a project card needs, in a fixed number of queries however many projects."""
        return queryset.select_related("plan", "image").prefetch_related("goal_tags")

    for_goal_listing = for_listing

    @property
    def goal_numbers(self):
        return [tag.goal for tag in self.goal_tags.all()]

    def chosen_village_goals(self):
        if not self.plan_id:
            return []
        return self.plan.village_goals.filter(number__in=self.village_goals).order_by("number")

    @path(_("join/<int:group_id>/"), name="join")
    def join_working_group(self, request, group_id):
        from .working_groups import serve_join

        return serve_join(self, request, group_id)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class ProjectGoal(Orderable, AbstractGoalTag):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="goal_tags")

    panels = [FieldPanel("goal")]

    class Meta(Orderable.Meta):
        # No unique constraint on (page, goal): an editor who removes a goal and adds it again
        # in one save would hit it before the old row is deleted. The page form checks instead.
        verbose_name = _("UN goal")


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


def has_line_break(value) -> bool:
    return "".join(str(value or "").splitlines()) != str(value or "")


class WorkingGroup(TranslatableMixin, Orderable):
    """Residents working together on a project; the coordinator's e-mail is never shown."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("name"), max_length=120)
    purpose = models.TextField(_("purpose"), max_length=600)
    coordinator_name = models.CharField(_("coordinator"), max_length=120)
    coordinator_email = models.EmailField(
        _("coordinator's e-mail"),
        help_text=_("Never shown on the site: residents who want to join are sent here."),
    )
    meeting_rhythm = models.CharField(
        _("meeting rhythm"),
        max_length=120,
        blank=True,
        help_text=_("For example: the first Tuesday of the month at 19."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("purpose"),
        FieldRowPanel([FieldPanel("coordinator_name"), FieldPanel("coordinator_email")]),
        FieldPanel("meeting_rhythm"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("purpose"),
        TranslatableField("meeting_rhythm"),
        SynchronizedField("coordinator_name", overridable=False),
        SynchronizedField("coordinator_email", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("working group")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # Shown as headings and facts, and the name goes into e-mail subjects: one line each.
        errors = {
            name: _("Write this on one line.")
            for name in ("name", "coordinator_name", "meeting_rhythm")
            if has_line_break(getattr(self, name))
        }
        if errors:
            raise ValidationError(errors)


class Idea(TranslatableMixin, Orderable):
    """An idea from the citizens' meeting. The plan's survey asks residents about each one."""

    page = ParentalKey(LocalAreaPlanPage, on_delete=models.CASCADE, related_name="ideas")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=600, blank=True)
    project = models.ForeignKey(
        ProjectPage,
        verbose_name=_("became the project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When the idea has become one of the plan's projects."),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("project"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("project", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("idea")

    def __str__(self):
        return f"{self.number}. {self.title}"


class SurveyPage(UnderPlanMixin, Page):
    """The plan's online survey: residents prioritise its ideas, comment and offer to help.

    Answers are stored against the survey and ideas in the default language, so the Danish and
    English versions of a survey count together.
    """

    plan = models.ForeignKey(
        LocalAreaPlanPage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The plan this survey sits under, kept in step by save().",
    )
    intro = RichTextField(_("introduction"), features=settings.RICH_TEXT_INLINE_FEATURES)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    results_public = models.BooleanField(
        _("show the results on the site"),
        default=False,
        help_text=_("Numbers per idea, and comments once they are approved."),
    )
    thank_you = models.TextField(_("thank-you text"), blank=True, max_length=600)

    content_panels = Page.content_panels + [
        HelpPanel(
            _(
                "The survey asks about each of the plan's ideas. Add or change the ideas on the "
                "plan, under “Ideas from the citizens' meeting”."
            )
        ),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("thank_you"),
        FieldPanel("results_public"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = [
        *[TranslatableField(name) for name in ("title", "slug", "seo_title", "search_description")],
        TranslatableField("intro"),
        TranslatableField("thank_you"),
        *[
            SynchronizedField(name, overridable=False)
            for name in ("opens_at", "closes_at", "results_public")
        ],
    ]

    parent_page_types = ["plan_pages.LocalAreaPlanPage"]
    subpage_types = []
    template = "pages/survey_page.html"
    page_description = _("An online survey of the plan's ideas: priorities, comments, helpers.")

    class Meta:
        verbose_name = _("survey")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})

    @property
    def state(self) -> str:
        """ "not_open", "open" or "closed", as of now."""
        now = timezone.now()
        if now < self.opens_at:
            return "not_open"
        return "open" if now < self.closes_at else "closed"

    def serve(self, request, *args, **kwargs):
        from .survey import serve_survey

        return serve_survey(self, request)


class SurveyResponse(models.Model):
    """One resident's answer to a survey. Anonymous, unless they offered to help."""

    survey = models.ForeignKey(
        SurveyPage, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    language = models.CharField(_("language"), max_length=8)
    submitted_at = models.DateTimeField(
        _("submitted"), default=timezone.now, editable=False, db_index=True
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


PRIORITIES = [
    (1, _("1 – not important")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 – very important")),
]


class IdeaAnswer(models.Model):
    """What one response said about one idea (of the survey's default-language plan)."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    # RESTRICT: an idea residents have answered cannot disappear on its own (the plan's form
    # tells the editor so before it gets here), but it goes with its survey when a whole plan
    # is deleted, answers and all.
    idea = models.ForeignKey(
        Idea, on_delete=models.RESTRICT, related_name="answers", verbose_name=_("idea")
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), null=True, blank=True, choices=PRIORITIES
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    comment_status = models.CharField(
        _("moderation"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    wants_to_help = models.BooleanField(_("wants to help"), default=False)

    panels = [
        FieldPanel("idea", read_only=True),
        FieldPanel("comment", read_only=True),
        FieldPanel("comment_status"),
    ]

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("survey answers")

    def __str__(self):
        return f"{self.idea} – {self.response}"

    # What the admin's list and its CSV/XLSX export show of the response.
    @property
    def survey_title(self):
        return self.response.survey.title

    @property
    def submitted_at(self):
        return self.response.submitted_at

    @property
    def language(self):
        return self.response.language

    @property
    def moderation(self):
        """Moderation matters only where there is a comment."""
        return self.get_comment_status_display() if self.comment else ""

    @property
    def volunteer_name(self):
        return self.response.name if self.wants_to_help else ""

    @property
    def volunteer_email(self):
        return self.response.email if self.wants_to_help else ""


class AnnualReportPage(RoutablePageMixin, Page):
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
    translatable_fields = [
        *[TranslatableField(name) for name in ("title", "slug", "seo_title", "search_description")],
        TranslatableField("foreword"),
        SynchronizedField("year", overridable=False),
    ]

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

    @cached_property
    def plan(self):
        return LocalAreaPlanPage.objects.parent_of(self).first()

    def figures(self):
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
        context.update(plan=self.plan, figures=self.figures())
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from .pdf import serve_pdf

        return serve_pdf(self, request)
