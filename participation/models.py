"""Residents take part: the ideas of a plan, its surveys and their answers, and the working
groups of its projects. Ideas and working groups are inline rows on the plan and the project
pages of `plan_pages`, which show them through the hooks in `wagtail_hooks.py`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from places.fields import SiteField
from places.svg import Place
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
    formed_at = models.ForeignKey(
        "participation.MeetingPage",
        verbose_name=_("formed at the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The citizens' meeting where the group was formed, if it was."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("purpose"),
        FieldRowPanel([FieldPanel("coordinator_name"), FieldPanel("coordinator_email")]),
        FieldPanel("meeting_rhythm"),
        FieldPanel("formed_at"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("purpose"),
        TranslatableField("meeting_rhythm"),
        SynchronizedField("coordinator_name", overridable=False),
        SynchronizedField("coordinator_email", overridable=False),
        SynchronizedField("formed_at", overridable=False),
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
    meeting = models.ForeignKey(
        "participation.MeetingPage",
        verbose_name=_("collected at the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The citizens' meeting where the idea came up."),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("project"),
        FieldPanel("meeting"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("project", overridable=False),
        SynchronizedField("meeting", overridable=False),
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


class MeetingKind(models.TextChoices):
    FIRST_CITIZENS = "first", _("First citizens' meeting")
    SECOND_CITIZENS = "second", _("Second citizens' meeting")
    OPEN_COUNCIL = "council", _("Open council meeting")
    FUTURE_WORKSHOP = "workshop", _("Future workshop")
    OTHER = "other", _("Meeting")


class Organiser(models.TextChoices):
    COUNCIL = "council", _("The local council")
    MUNICIPALITY = "municipality", _("Næstved Kommune")


class MeetingPage(RoutablePageMixin, UnderPlanPage):
    """A meeting of the plan's residents: when and where, the venue's access and the agenda."""

    kind = models.CharField(
        _("kind of meeting"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.OTHER
    )
    organiser = models.CharField(
        _("organiser"), max_length=12, choices=Organiser.choices, default=Organiser.COUNCIL
    )
    starts_at = models.DateTimeField(_("starts"), help_text=_("Danish time."))
    ends_at = models.DateTimeField(_("ends"), help_text=_("Danish time."))
    place_name = models.CharField(
        _("place"), max_length=120, help_text=_("For example: Glumsø Forsamlingshus.")
    )
    address = models.CharField(
        _("address"), max_length=200, help_text=_("Street, number, postcode and town.")
    )
    venue_point = SiteField(
        _("the venue on the map"),
        geometry_types=["Point"],
        help_text=_(
            "Optional: click the map where the venue is, or paste GeoJSON (a point in "
            "longitude and latitude, WGS 84). Shown on the meeting's page beside the address."
        ),
    )
    step_free = models.BooleanField(
        _("step-free access"),
        default=False,
        help_text=_("Wheelchairs and walkers get in and to the toilet without steps."),
    )
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    parking = models.BooleanField(_("parking at the venue"), default=False)
    agenda = RichTextField(
        _("agenda"),
        features=settings.RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The points of the meeting, in order. Leave empty until it is ready."),
    )
    registration = models.BooleanField(
        _("residents register"),
        default=False,
        help_text=_(
            "Tick when residents must sign up, for example because of the room or the food. "
            "Their names and e-mails are deleted automatically some time after the meeting."
        ),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many people the room holds. Empty: no limit. When it is full, "
            "residents are put on a waiting list and move up by themselves when someone cancels."
        ),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration is open until the meeting starts."),
    )
    cancelled = models.BooleanField(
        _("the meeting is cancelled"),
        default=False,
        help_text=_(
            "Tick when the meeting will not take place. The page stays, marked cancelled, and "
            "registration closes. Everyone registered gets an e-mail when it is published."
        ),
    )
    cancellation_note = models.TextField(
        _("about the cancellation"),
        max_length=500,
        blank=True,
        help_text=_("Why, and whether a new date will come. Shown on the page and in the e-mail."),
    )
    minutes = RichTextField(
        _("minutes"),
        features=settings.RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("After the meeting: what was said and agreed. Shown on the page."),
    )
    decisions = RichTextField(
        _("decisions"),
        features=settings.RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the meeting decided, one point each, for example as a list."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("organiser")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("address"),
                FieldPanel("venue_point"),
                FieldRowPanel(
                    [FieldPanel("step_free"), FieldPanel("hearing_loop"), FieldPanel("parking")]
                ),
            ],
            heading=_("Venue"),
        ),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_closes_at")]),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("cancelled"), FieldPanel("cancellation_note")],
            heading=_("Cancellation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("minutes"),
                InlinePanel("documents", label=_("document")),
                FieldPanel("decisions"),
                HelpPanel(
                    _(
                        "Ideas collected at the meeting: add them to the plan under “Ideas from "
                        "the citizens' meeting” and choose this meeting there. Working groups "
                        "formed: choose this meeting on the working group, on its project."
                    )
                ),
            ],
            heading=_("After the meeting"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("agenda"),
        index.SearchField("minutes"),
        index.SearchField("decisions"),
        index.SearchField("place_name"),
        index.FilterField("starts_at"),
    ]
    # The facts of the meeting are the same in every language; texts are translated.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "kind",
            "organiser",
            "starts_at",
            "ends_at",
            "place_name",
            "address",
            "venue_point",
            "step_free",
            "hearing_loop",
            "parking",
            "registration",
            "capacity",
            "registration_closes_at",
            "cancelled",
        )
    ]

    parent_page_types = ["plan_pages.LocalAreaPlanPage"]
    subpage_types = []
    template = "pages/meeting_page.html"
    page_description = _(
        "A meeting for the area's residents: a citizens' meeting, an open council meeting, a "
        "future workshop."
    )

    class Meta:
        verbose_name = _("meeting")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        closes = self.registration_closes_at
        if closes and self.starts_at and closes > self.starts_at:
            errors["registration_closes_at"] = _("Registration must close before the meeting.")
        if errors:
            raise ValidationError(errors)

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.starts_at

    @property
    def registration_open(self) -> bool:
        return (
            self.registration and not self.cancelled and timezone.now() < self.registration_deadline
        )

    def share_description(self):
        return self.search_description or self.place_name

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    def organiser_name(self) -> str:
        if self.organiser == Organiser.COUNCIL and self.plan_id:
            return self.plan.council_name
        return self.get_organiser_display()

    def accessibility(self) -> list[str]:
        """What the venue offers and what it lacks, as short phrases for the page: residents
        who need step-free access or a hearing loop must be told when there is none."""
        return [
            str(offered if has else lacking)
            for has, offered, lacking in (
                (self.step_free, _("step-free access"), _("steps at the entrance")),
                (self.hearing_loop, _("hearing loop"), _("no hearing loop")),
                (self.parking, _("parking at the venue"), _("no parking at the venue")),
            )
        ]

    def venue_places(self) -> list[Place]:
        """The venue on a map over the plan's area (drawn as context, not a link), or nothing
        when the venue is not placed. The marker leads to the address in the page's facts."""
        if not self.venue_point:
            return []
        venue = Place(
            name=f"{self.place_name}, {self.address}",
            url="#meeting-where",
            geometry=self.venue_point,
            number=1,
            kind="site",
        )
        plan = self.plan
        area = [Place(name=plan.title, url="", geometry=plan.area)] if plan and plan.area else []
        return area + [venue]

    @path("")
    def meeting(self, request):
        from .meeting_views import serve_meeting  # the views need the models defined here

        return serve_meeting(self, request)

    @path("cancel/", name="cancel")
    def cancel_registration(self, request):
        from .meeting_views import serve_cancel

        return serve_cancel(self, request)

    @path("invitation/", name="invitation")
    def invitation(self, request):
        from .meetings import invitation_response

        return invitation_response(self, request)

    def structured_data(self, request):
        from .meetings import meeting_structured_data

        return meeting_structured_data(self, request)


class MeetingDocument(Orderable):
    """A document of the meeting's minutes: the slides, the full minutes as a PDF."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("title"), max_length=160, blank=True, help_text=_("Empty: the document's own title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")

    def __str__(self):
        return self.title or self.document.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


MAX_PEOPLE = 10


class Registration(models.Model):
    """One resident's registration for a meeting (in the default language, where every
    language's registrations are counted together). No account: the e-mail's signed link
    cancels it."""

    meeting = models.ForeignKey(
        MeetingPage,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("meeting"),
    )
    language = models.CharField(_("language"), max_length=8)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    people = models.PositiveSmallIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)],
    )
    needs = models.TextField(_("needs"), max_length=600, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        db_index=True,
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    cancellation_sent_at = models.DateTimeField(
        _("told the meeting is cancelled"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]

    def __str__(self):
        return f"{self.name} ({self.meeting})"

    @property
    def meeting_title(self):
        return self.meeting.title

    @property
    def meeting_starts_at(self):
        return self.meeting.starts_at
