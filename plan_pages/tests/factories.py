import io
from datetime import datetime, time

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import factory
import wagtail_factories
from PIL import Image as PILImage

from plan_pages.councils import EDITORS_GROUP
from plan_pages.models import (
    AnnualReportPage,
    LocalAreaPlanPage,
    LocalCouncil,
    Milestone,
    ProjectGoal,
    ProjectPage,
    ProjectUpdatePage,
    StatusChange,
)


class LocalAreaPlanPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lokalområde {n}")
    summary = "Lokalrådets plan for området."
    villages = "Glumsø, Bavelse"
    plan_kind = "lup"
    year_adopted = 2022
    next_revision = 2026
    council_name = "Lokalrådet"
    council_email = "kontakt@lokalraad.example.dk"
    vision = "<p>Et levende lokalområde i 2030.</p>"

    class Meta:
        model = LocalAreaPlanPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Et projekt fra borgermødet."
    status = "in_progress"

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def goals(page, create, extracted, **kwargs):
        """`goals=[7, 11]` tags the project; the default is goal 11."""
        page.goal_tags = [ProjectGoal(goal=number) for number in (extracted or [11])]
        if create:
            page.save()


class ProjectUpdatePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyt {n}")
    text = "Arbejdsgruppen har mødtes og lagt en plan for foråret."

    class Meta:
        model = ProjectUpdatePage


def milestone(title, planned, done=None, **fields):
    return Milestone(title=title, planned_date=planned, done_date=done, **fields)


def at_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def set_history(project, *steps):
    """Replace the project's status history with `steps`: (status, day) pairs, oldest first."""
    StatusChange.objects.filter(translation_key=project.translation_key).delete()
    StatusChange.objects.bulk_create(
        StatusChange(
            translation_key=project.translation_key, status=status, changed_at=at_noon(day)
        )
        for status, day in steps
    )


class AnnualReportPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda page: f"Årsrapport {page.year}")
    year = 2024
    foreword = "<p>Et år med mange frivillige hænder.</p>"

    class Meta:
        model = AnnualReportPage


def council_of(plan):
    return LocalCouncil.objects.get(plan_key=plan.translation_key)


def edit_data(project, **changes):
    """POST data for a project's edit view with its values as they are, `changes` applied.
    Inline lists that other apps add to the editor are posted empty."""
    form_class = ProjectPage.get_edit_handler().get_form_class()
    values = {
        "title": project.title,
        "slug": project.slug,
        "summary": project.summary,
        "status": project.status,
        "body": streamfield([]),
        "tags": "",
        "comments": inline_formset([]),
        **changes,
    }
    for name in form_class.formsets:
        values.setdefault(name, inline_formset([]))
    # A multiple choice field posts the same name once per choice (nested_form_data would
    # number a list's items).
    choices = {
        "goals": values.pop("goals", [tag.goal for tag in project.goal_tags.all()]),
        "targets": values.pop("targets", project.targets),
    }
    return {**nested_form_data(values), **{name: list(v) for name, v in choices.items()}}


def png_file():
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), "green").save(buffer, "PNG")
    return SimpleUploadedFile("billede.png", buffer.getvalue(), content_type="image/png")


def log_in_council_member(client, plan, django_user_model, username="karen"):
    """`client` signed in as a member of `plan`'s local council."""
    user = django_user_model.objects.create_user(username, f"{username}@example.dk", "pw")
    user.groups.add(council_of(plan).group)
    client.force_login(user)
    return client


def log_in_editor(client, django_user_model, username="redaktoer"):
    """`client` signed in as a municipal editor."""
    user = django_user_model.objects.create_user(username, "r@example.dk", "pw")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return client


AREAS = {"A": "Glumsø og Omegn", "B": "Tybjerg og Omegn"}


def published_plans(parent, **fields):
    """Two areas' published plans, {"A": Glumsø og Omegn, "B": Tybjerg og Omegn}, for the tests
    of what one area's council sees of the other's."""
    plans = {}
    for key, title in AREAS.items():
        plan = LocalAreaPlanPageFactory(parent=parent, title=title, **fields)
        plan.save_revision().publish()
        plans[key] = plan
    return plans
