"""Residents take part: the ideas of a plan, its surveys and their answers, and the working
groups of its projects. Ideas and working groups are inline rows on the plan and the project
pages of `plan_pages`, which show them through the hooks in `wagtail_hooks.py`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from plan_pages.models import LocalAreaPlanPage, ProjectPage, UnderPlanPage


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


class Idea(index.Indexed, TranslatableMixin, Orderable):
    """An idea from the citizens' meeting. The plan's survey asks residents about each one.

    Indexed for search on its own (it is not a page), in its own language like the pages."""

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
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("idea")

    def __str__(self):
        return f"{self.number}. {self.title}"


class SurveyPage(UnderPlanPage):
    """The plan's online survey: residents prioritise its ideas, comment and offer to help.

    Answers are stored against the survey and ideas in the default language, so the Danish and
    English versions of a survey count together.
    """

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
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("opens_at", "closes_at", "results_public")
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

    def share_description(self):
        return self.search_description or self.intro

    @property
    def state(self) -> str:
        """ "not_open", "open" or "closed", as of now."""
        now = timezone.now()
        if now < self.opens_at:
            return "not_open"
        return "open" if now < self.closes_at else "closed"

    def serve(self, request, *args, **kwargs):
        from .survey import serve_survey  # the survey's views need the models defined here

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
