"""The plan's survey: one question set per idea, the answers, and the results.

Questions come from the plan's ideas, so editors never type them twice. Wagtail's form builder
(wagtail.contrib.forms) keeps each submission as one JSON blob; here every answer is a row per
idea, which the results count in the database, the councils moderate and the anonymisation
command can clear field by field.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from .forms import (
    RATE_LIMITED_MESSAGE,
    PlainTextField,
    ResidentForm,
    is_rate_limited,
    private,
)
from .models import PRIORITIES, CommentStatus, Idea, IdeaAnswer, SurveyPage, SurveyResponse

COOKIE_SALT = "plan_pages.survey"  # kept from before the app moved: cookies stay valid
NO_ANSWER = ""
QUESTION_PARTS = ("priority", "comment", "help")


def source_survey(survey):
    """The survey in the default language: answers in every language are kept against it."""
    default = Locale.get_default()
    if survey.locale_id == default.pk:
        return survey
    return survey.get_translation_or_none(default) or survey


def survey_ideas(survey) -> list[Idea]:
    return list(survey.plan.ideas.all()) if survey.plan_id else []


def source_ideas(ideas: list[Idea]) -> dict:
    """Each idea's default-language original, by translation key."""
    default = Locale.get_default()
    keys = [idea.translation_key for idea in ideas]
    originals = Idea.objects.filter(translation_key__in=keys, locale=default)
    return {idea.translation_key: idea for idea in originals}


class SurveyForm(ResidentForm):
    name = PlainTextField(label=_("Your name"), max_length=120, required=False)
    email = forms.EmailField(label=_("Your e-mail"), required=False)
    consent = forms.BooleanField(required=False)

    def __init__(self, *args, ideas, consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.ideas = ideas
        self.fields["consent"].label = consent_text
        for idea in ideas:
            self.fields[f"idea-{idea.number}-priority"] = forms.TypedChoiceField(
                label=_("How important is this idea to you?"),
                choices=[(NO_ANSWER, _("No answer")), *PRIORITIES],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"idea-{idea.number}-comment"] = PlainTextField(
                label=_("Comment"),
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"idea-{idea.number}-help"] = forms.BooleanField(
                label=_("I want to help with this idea"), required=False
            )

    def questions(self):
        """(idea, priority, comment, help) for the template, in the plan's order."""
        for idea in self.ideas:
            yield (
                idea,
                *(self[f"idea-{idea.number}-{part}"] for part in ("priority", "comment", "help")),
            )

    def answers(self):
        data = self.cleaned_data
        for idea in self.ideas:
            prefix = f"idea-{idea.number}"
            yield (
                idea,
                data[f"{prefix}-priority"],
                data[f"{prefix}-comment"],
                data[f"{prefix}-help"],
            )

    @property
    def wants_to_help(self) -> bool:
        return any(helps for *_, helps in self.answers())

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        if not any(
            priority or comment or helps for _idea, priority, comment, helps in self.answers()
        ):
            raise forms.ValidationError(_("Answer at least one of the questions before you send."))
        if self.wants_to_help:
            for name, message in (
                ("name", _("Write your name, so the working group knows who you are.")),
                ("email", _("Write your e-mail, so the working group can reach you.")),
                ("consent", _("Tick the box to agree, or untick “I want to help”.")),
            ):
                if not cleaned_data.get(name):
                    self.add_error(name, message)
        return cleaned_data

    @transaction.atomic
    def save(self, survey, language: str) -> SurveyResponse:
        """Store the answers against the default-language survey and ideas.

        A name and an e-mail are kept only from someone who offered to help and agreed.
        """
        helps = self.wants_to_help
        response = SurveyResponse.objects.create(
            survey=source_survey(survey),
            language=language,
            name=self.cleaned_data["name"] if helps else "",
            email=self.cleaned_data["email"] if helps else "",
            consent_at=timezone.now() if helps else None,
        )
        originals = source_ideas(self.ideas)
        IdeaAnswer.objects.bulk_create(
            IdeaAnswer(
                response=response,
                idea=originals[idea.translation_key],
                priority=priority,
                comment=comment,
                wants_to_help=helps,
            )
            for idea, priority, comment, helps in self.answers()
            if priority or comment or helps
        )
        return response


@dataclass
class Comment:
    """A resident's comment, with the language they wrote it in (it is shown untranslated)."""

    text: str
    language: str


@dataclass
class IdeaResult:
    idea: Idea
    answers: int = 0
    average: float | None = None
    volunteers: int = 0
    comments: list[Comment] = field(default_factory=list)

    @property
    def bar_percent(self) -> int:
        return round((self.average or 0) / len(PRIORITIES) * 100)


@dataclass
class SurveyResults:
    responses: int
    ideas: list[IdeaResult]


def survey_results(survey, *, ideas: list[Idea] | None = None) -> SurveyResults:
    """Per idea: how many gave it a priority, the average, volunteers and approved comments.

    Three queries, however many ideas and answers; shown in the survey page's language.
    """
    source = source_survey(survey)
    ideas = survey_ideas(survey) if ideas is None else ideas
    answers = IdeaAnswer.objects.filter(response__survey=source)
    figures = {
        row["idea__translation_key"]: row
        for row in answers.values("idea__translation_key").annotate(
            answers=Count("priority"),
            average=Avg("priority"),
            volunteers=Count("pk", filter=Q(wants_to_help=True)),
        )
    }
    comments = {}
    approved = answers.filter(comment_status=CommentStatus.APPROVED).exclude(comment="")
    for key, text, language in approved.order_by("response__submitted_at").values_list(
        "idea__translation_key", "comment", "response__language"
    ):
        comments.setdefault(key, []).append(Comment(text, language))
    results = []
    for idea in ideas:
        row = figures.get(idea.translation_key, {})
        results.append(
            IdeaResult(
                idea=idea,
                answers=row.get("answers", 0),
                average=row.get("average"),
                volunteers=row.get("volunteers", 0),
                comments=comments.get(idea.translation_key, []),
            )
        )
    return SurveyResults(responses=source.responses.count(), ideas=results)


def cookie_name(survey) -> str:
    """One cookie for every language version of the survey."""
    return f"survey-{survey.translation_key}"


def has_answered(request, survey) -> bool:
    value = request.get_signed_cookie(cookie_name(survey), default=None, salt=COOKIE_SALT)
    return value == "answered"


def serve_survey(survey, request):
    state = survey.state
    answered = has_answered(request, survey)
    ideas = survey_ideas(survey)
    form, status = None, 200
    if state == "open" and not answered:
        form = SurveyForm(
            request.POST if request.method == "POST" else None,
            ideas=ideas,
            consent_text=consent_text(survey),
        )
    if request.method == "POST":
        if form is None:
            status = 403  # closed, not yet open or already answered: the page says which
        elif is_rate_limited(request, group="survey"):
            form.is_valid()
            form.add_error(None, RATE_LIMITED_MESSAGE)
            status = 429
        elif form.is_valid():
            form.save(survey, language=survey.locale.language_code)
            response = redirect(survey.get_url(request))
            response.set_signed_cookie(
                cookie_name(survey),
                "answered",
                salt=COOKIE_SALT,
                max_age=int((survey.closes_at - timezone.now()).total_seconds()) + 1,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return private(response)
    context = survey.get_context(request)
    context.update(
        form=form,
        state=state,
        answered=answered,
        ideas=ideas,
        results=survey_results(survey, ideas=ideas) if survey.results_public else None,
    )
    return private(TemplateResponse(request, survey.get_template(request), context, status=status))


def consent_text(survey) -> str:
    """Who sees a volunteer's data, and for how long: written from the settings, so it is true."""
    deleted_by = survey.closes_at + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return gettext(
        "I agree that my name and e-mail are stored so that %(council)s and the web editors of "
        "Næstved Kommune can put me in touch with the working group of the ideas I ticked. "
        "Nobody else sees them, and they are deleted no later than %(date)s."
    ) % {
        "council": survey.plan.council_name if survey.plan_id else gettext("the local council"),
        "date": date_format(timezone.localdate(deleted_by), "DATE_FORMAT"),
    }


@dataclass
class SurveyRow:
    survey: SurveyPage
    responses: int
    volunteers: int


def survey_rows(plan, first, last) -> list[SurveyRow]:
    """The plan's live surveys open at some time between `first` and `last`, with their numbers.

    Answers are kept against the default-language survey, so the figures are read there.
    A volunteer is a response that offered to help with at least one idea.
    """
    surveys = list(
        SurveyPage.objects.live()
        .public()
        .filter(plan=plan, opens_at__lte=last, closes_at__gte=first)
        .order_by("opens_at")
    )
    if not surveys:
        return []
    default = Locale.get_default()
    sources = {
        page.translation_key: page.pk
        for page in SurveyPage.objects.filter(
            translation_key__in=[s.translation_key for s in surveys], locale=default
        ).only("pk", "translation_key")
    }
    source_ids = [sources.get(s.translation_key, s.pk) for s in surveys]
    helped = IdeaAnswer.objects.filter(response=OuterRef("pk"), wants_to_help=True)
    counts = {
        row["survey"]: row
        for row in SurveyResponse.objects.filter(survey__in=source_ids)
        .annotate(helped=Exists(helped))
        .values("survey")
        .annotate(responses=Count("pk"), volunteers=Count("pk", filter=Q(helped=True)))
    }
    return [
        SurveyRow(
            survey=survey,
            responses=counts.get(source_id, {}).get("responses", 0),
            volunteers=counts.get(source_id, {}).get("volunteers", 0),
        )
        for survey, source_id in zip(surveys, source_ids, strict=True)
    ]
