"""Builds the demo site from demo/content.json (and the areas' geography from demo/places.json).
Idempotent: what exists is left alone."""

import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import cycle
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site, WorkflowState
from wagtail.users.models import UserProfile

from core.localize import share_translation_keys, translate_from_twin
from core.models import ContactDetails, ContactSettings
from home.models import FeaturedProject, HomePage, InformationPage
from participation.models import MeetingPage, SurveyPage, WorkingGroup
from places.models import MapSettings
from plan_pages.councils import EDITORS_GROUP
from plan_pages.models import (
    AnnualActivity,
    AnnualReportPage,
    LocalAreaPlanPage,
    LocalCouncil,
    Milestone,
    PlanPhase,
    ProcessStep,
    ProjectGoal,
    ProjectPage,
    ProjectUpdatePage,
    StatusChange,
    VillageGoal,
)
from sdg.pages import ensure_goal_pages, untranslated_goal_pages

from . import pictures
from .meetings import add_registrations, build_meeting, load_meetings
from .participation import add_responses, build_ideas, build_survey, load_participation

CONTENT_FILE = Path(__file__).resolve().parent / "content.json"
# Milestones and updates of the projects that have them, by the project's Danish slug.
PROGRESS_FILE = Path(__file__).resolve().parent / "progress.json"
# Outlines drawn by hand for the demo, approximate (the file's "note" says so), with the areas'
# real village, parish and postcode names, and points or lines for most projects.
PLACES_FILE = Path(__file__).resolve().parent / "places.json"
SOURCE = "da"
FEATURED_PER_SITE = 3
# Invented people, one per area's council (in the order of the plans), so that the editor can
# tell who sent what.
COUNCIL_MEMBER_NAMES = [
    ("Karen", "Holm"),
    ("Jens", "Mikkelsen"),
    ("Birgitte", "Lund"),
    ("Ole", "Sørensen"),
    ("Hanne", "Dahl"),
    ("Per", "Nygaard"),
]
HOME_SLUG = {"da": "forside", "en": "home"}
DEFAULT_WORKING_GROUP = {
    "name": {"da": "Arbejdsgruppen", "en": "The working group"},
    "purpose": {
        "da": "Gruppen driver projektet og tager gerne imod nye kræfter.",
        "en": "The group runs the project and welcomes new people.",
    },
    "meeting_rhythm": {"da": "Efter aftale", "en": "As agreed"},
}
# Projects left without a picture, as some will be: their pages must read well without one.
PROJECTS_WITHOUT_PICTURES = {
    "nyhedsbrev-fra-lokalraadet",
    "dialog-om-skolestrukturen",
    "aarligt-foreningsmoede",
    "bedre-lokale-busser",
    "kort-over-lokale-gaardbutikker",
}
MUNICIPAL_CREDIT = "Illustration: Næstved Kommune"
SHARE_PICTURE_SLUG = "naestved-kommune-lup"
FIGURE_CAPTION = {
    "da": "Lokalrådets tegning af området.",
    "en": "The local council's drawing of the area.",
}
REPORT_TITLE = {"da": "Årsrapport {year}", "en": "Annual report {year}"}
REPORT_SLUG = {"da": "aarsrapport-{year}", "en": "annual-report-{year}"}
MODERATION_DEMO = {
    "plan": "glumsoe-og-omegn",
    "project": "fugleskjul-ved-glumsoe-soe",
    "summary": (
        "Fugleskjulet ved Glumsø Sø står færdigt, og arbejdsgruppen har sat en informationstavle "
        "op om søens fugle. Næste skridt er en folder til skolerne."
    ),
}


def load_content() -> dict:
    return json.loads(CONTENT_FILE.read_text(encoding="utf-8"))


def load_progress() -> dict:
    return json.loads(PROGRESS_FILE.read_text(encoding="utf-8"))


def demo_history(data: dict, adopted: int) -> list[tuple[str, date]]:
    """A project's status history as it would have been published: planned (or an idea) from
    the year its plan was adopted, begun on its start date, completed on its end date, paused
    half a year after it began; each step after the one before."""
    status, start, end = data["status"], as_date(data["start_date"]), as_date(data["end_date"])
    first = date(min(adopted, start.year if start else adopted), 1, 15)
    steps = [("idea" if status == "idea" else "planned", first)]
    if status in ("in_progress", "completed", "paused") and start:
        steps.append(("in_progress", start))
    if status == "paused" and start:
        steps.append(("paused", start + timedelta(days=180)))
    if status == "completed" and end:
        steps.append(("completed", end))
    return [step for index, step in enumerate(steps) if index == 0 or step[1] > steps[index - 1][1]]


def in_language(value, language: str = SOURCE):
    """Pick one language out of the content's {"da": …, "en": …} pairs, at any depth."""
    if isinstance(value, dict):
        if set(value) == {"da", "en"}:
            return value[language]
        return {key: in_language(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [in_language(item, language) for item in value]
    return value


def stream(blocks: list, language: str, key: str) -> str:
    """StreamField data whose block ids depend only on `key`, so both languages share them."""
    raw = []
    for position, block in enumerate(in_language(blocks, language)):
        value = block["value"]
        if block["type"] == "call_to_action":
            value = {**value, "url": value.pop("link_url"), "page": None}
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}#{position}"))
        raw.append({"type": block["type"], "value": value, "id": block_id})
    return json.dumps(raw)


def as_date(value):
    return date.fromisoformat(value) if value else None


def report_data(plan_data: dict) -> dict:
    """The plan's annual report, with its title and slug in both languages from its year."""
    report = plan_data["annual_report"]
    year = report["year"]
    return {
        "year": year,
        "title": {language: title.format(year=year) for language, title in REPORT_TITLE.items()},
        "slug": {language: slug.format(year=year) for language, slug in REPORT_SLUG.items()},
        "foreword": report["foreword"],
    }


@dataclass
class DemoResult:
    passwords: dict = field(default_factory=dict)


class DemoLoader:
    def __init__(self, content: dict, password: str | None = None):
        self.content = content
        self.participation = load_participation()
        self.progress = load_progress()
        self.meetings = load_meetings()
        self.now = timezone.now()
        # An explicit password is (re)set on every demo user; else new users share a fresh one.
        self.reset_passwords = bool(password)
        self.password = password or secrets.token_urlsafe(12)
        self.result = DemoResult()
        self.pictures = {}  # slug: (image, {"da": alt, "en": alt})
        self.places = json.loads(PLACES_FILE.read_text(encoding="utf-8"))

    @transaction.atomic
    def run(self) -> DemoResult:
        self.admin = self.ensure_users()
        home = self.ensure_home()
        index_page = ensure_goal_pages(home)
        for plan_data in self.content["plans"]:
            plan = self.ensure_plan(home, plan_data)
            for project_data in plan_data["projects"]:
                project = self.ensure_project(plan, project_data)
                self.ensure_history(project, demo_history(project_data, plan_data["year_adopted"]))
                for update in self.progress_of(project_data)["updates"]:
                    self.ensure_child(project, ProjectUpdatePage, update, self.build_update)
            self.ensure_participation(plan)
            self.ensure_meetings(plan)
            self.ensure_child(plan, AnnualReportPage, report_data(plan_data), self.build_report)
        self.ensure_featured_projects(home)
        self.ensure_council_members(home)
        information_pages = self.ensure_information_pages(home)
        contact = self.ensure_contact(home, information_pages)
        self.ensure_map_outline(home)
        for locale in Locale.objects.exclude(language_code=SOURCE):
            self.translate_site(home, index_page, contact, locale)
        self.ensure_draft_in_moderation(home)
        return self.result

    def ensure_draft_in_moderation(self, home: HomePage):
        """A council's change waits for the municipality, so the flow can be seen at once."""
        if WorkflowState.objects.active().exists():
            return
        plan = LocalAreaPlanPage.objects.child_of(home).get(slug=MODERATION_DEMO["plan"])
        project = ProjectPage.objects.child_of(plan).get(slug=MODERATION_DEMO["project"])
        member = get_user_model().objects.get(username=f"lokalraad-{plan.slug}")
        project.summary = MODERATION_DEMO["summary"]
        project.save_revision(user=member)
        plan.get_workflow().start(project, member)

    def translate_site(self, home, index_page, contact, locale):
        """The whole site in another language, through wagtail-localize."""
        language = locale.language_code
        self.translate(home, self.build_home(language), locale)
        for page, twin in untranslated_goal_pages(index_page, language):
            translate_from_twin(page, twin, locale, self.admin)
        for plan_data in self.content["plans"]:
            plan = LocalAreaPlanPage.objects.child_of(home).get(slug=plan_data["slug"][SOURCE])
            twin = self.build_plan(plan_data, language)
            share_translation_keys(plan.village_goals.all(), twin.village_goals.all())
            share_translation_keys(plan.process_steps.all(), twin.process_steps.all())
            share_translation_keys(plan.activities.all(), twin.activities.all())
            share_translation_keys(plan.ideas.all(), twin.ideas.all())
            self.translate(plan, twin, locale)
            self.translate_survey(plan, language, locale)
            self.translate_meetings(plan, language, locale)
            for project_data in plan_data["projects"]:
                project = ProjectPage.objects.child_of(plan).get(slug=project_data["slug"][SOURCE])
                twin = self.build_project(project_data, language)
                share_translation_keys(project.working_groups.all(), twin.working_groups.all())
                share_translation_keys(project.milestones.all(), twin.milestones.all())
                self.translate(project, twin, locale)
                for update_data in self.progress_of(project_data)["updates"]:
                    update = ProjectUpdatePage.objects.child_of(project).get(
                        slug=update_data["slug"][SOURCE]
                    )
                    self.translate(update, self.build_update(update_data, language), locale)
            data = report_data(plan_data)
            report = AnnualReportPage.objects.child_of(plan).get(slug=data["slug"][SOURCE])
            self.translate(report, self.build_report(data, language), locale)
        for data in self.content["information_pages"]:
            page = InformationPage.objects.child_of(home).get(slug=data["slug"][SOURCE])
            self.translate(page, self.build_information_page(data, language), locale)
        self.translate(contact, self.build_contact(language), locale)

    def translate(self, source, twin, locale):
        if not source.get_translations().filter(locale=locale).exists():
            translate_from_twin(source, twin, locale, self.admin)

    def publish(self, parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        page.save_revision(user=self.admin).publish(user=self.admin)
        return page

    def ensure_users(self):
        admin = self.ensure_user("admin", ("Admin", "Næstved"), is_superuser=True)
        editors = [Group.objects.get(name=EDITORS_GROUP)]
        self.ensure_user("redaktoer", ("Mette", "Kjærgaard"), groups=editors)
        return admin

    def ensure_council_members(self, home: HomePage):
        """One member per area's council, named after the area: lokalraad-glumsoe-og-omegn."""
        plans = LocalAreaPlanPage.objects.child_of(home).order_by("path")
        for plan, name in zip(plans, cycle(COUNCIL_MEMBER_NAMES), strict=False):
            council = LocalCouncil.objects.get(plan_key=plan.translation_key)
            self.ensure_user(f"lokalraad-{plan.slug}", name, groups=[council.group])

    def ensure_user(self, username, name, *, is_superuser=False, groups=()):
        first_name, last_name = name
        user, created = get_user_model().objects.update_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name},
            create_defaults={
                "email": f"{username}@naestved.example.dk",
                "is_staff": is_superuser,
                "is_superuser": is_superuser,
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if created or self.reset_passwords:
            user.set_password(self.password)
            user.save()
            self.result.passwords[username] = self.password
        user.groups.add(*groups)
        profile = UserProfile.get_for_user(user)
        if profile.preferred_language != SOURCE:
            profile.preferred_language = SOURCE
            profile.save()
        return user

    def ensure_home(self) -> HomePage:
        locale = Locale.objects.get(language_code=SOURCE)
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            home = self.publish(Page.get_first_root_node(), self.build_home(SOURCE))
        self.point_default_site_at(home)
        return home

    def build_home(self, language) -> HomePage:
        data = in_language(self.content["home"], language)
        image, alt = self.picture(HOME_SLUG[SOURCE], "landsby kirke sø", MUNICIPAL_CREDIT)
        return HomePage(
            title=data["title"],
            slug=HOME_SLUG[language],
            intro=data["intro"],
            image=image,
            image_alt_text=alt[language],
            about_lup=data["about_lup"],
            about_blup=data["about_blup"],
        )

    def picture(self, slug: str, hints: str, credit: str | None = None, subject=None):
        """The demo's picture for the page `slug`, drawn once (`pictures.draw`) and kept in the
        image library with its Danish alt text as its description, and its alt text in each
        language for the page, where it is translated with the page."""
        if slug not in self.pictures:
            drawn = pictures.draw(slug, hints, subject)
            image_model = get_image_model()
            title = f"Tegning: {slug}"
            image = image_model.objects.filter(title=title).first()
            if image is None:
                x, y, width, height = drawn.focal_point
                image = image_model(
                    title=title,
                    description=drawn.alt[SOURCE],
                    credit=credit or pictures.credit_for(slug),
                    collection=Collection.get_first_root_node(),
                    file=ContentFile(drawn.data, name=f"{slug}.jpg"),
                    width=pictures.WIDTH,  # known: Django need not open the file to measure it
                    height=pictures.HEIGHT,
                    focal_point_x=x,
                    focal_point_y=y,
                    focal_point_width=width,
                    focal_point_height=height,
                    uploaded_by_user=self.admin,
                )
                image._set_image_file_metadata()
                image.save()
            self.pictures[slug] = (image, drawn.alt)
        return self.pictures[slug]

    def figure(self, slug: str) -> dict:
        """A figure block (FigureBlock: ImageBlock and caption) with a second drawing of the
        area, its alt text in both languages in the block, as an editor enters it."""
        image, alt = self.picture(f"{slug}-tegning", "landsby skov sø", subject="houses")
        return {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": alt, "decorative": False},
                "caption": FIGURE_CAPTION,
            },
        }

    def point_default_site_at(self, home: HomePage):
        """The default Site serves the demo, at the address `make run` serves it on, so the
        links in its e-mails (sent outside any request) open the demo."""
        served = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        address = {"hostname": served.hostname, "port": served.port or 80}
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(**address, root_page=home, is_default_site=True)
            return
        welcome = site.root_page if site.root_page.specific_class is Page else None
        if site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = in_language(self.content["contact"])["unit"]
            site.hostname, site.port = address["hostname"], address["port"]
            site.save()
        if welcome is not None and not welcome.get_children().exists():
            welcome.delete()

    def ensure_child(self, parent: Page, model, data: dict, build) -> Page:
        """The child page with the Danish slug in `data`; built and published if missing."""
        existing = model.objects.child_of(parent).filter(slug=data["slug"][SOURCE]).first()
        return existing or self.publish(parent, build(data, SOURCE))

    def ensure_plan(self, home: HomePage, data: dict) -> LocalAreaPlanPage:
        return self.ensure_child(home, LocalAreaPlanPage, data, self.build_plan)

    def build_plan(self, data: dict, language: str) -> LocalAreaPlanPage:
        text = in_language(data, language)
        slug = data["slug"][SOURCE]
        image, alt = self.picture(slug, f"landsby kirke {slug} {data['villages'][SOURCE]}")
        return LocalAreaPlanPage(
            title=text["title"],
            slug=text["slug"],
            summary=text["summary"],
            image=image,
            image_alt_text=alt[language],
            villages=text["villages"],
            **self.places["plans"].get(slug, {}),
            plan_kind=data["plan_kind"],
            year_adopted=data["year_adopted"],
            next_revision=data["next_revision"],
            council_name=text["council_name"],
            council_website=data["council_website"],
            council_email=data["council_email"],
            vision=text["vision"],
            body=stream([*data["body"], self.figure(slug)], language, key=slug),
            concluded_on=as_date(data["concluded_on"]),
            concluded_note=text["concluded_note"] or "",
            phases=[
                PlanPhase(phase=p["phase"], status=p["status"], date=as_date(p["date"]))
                for p in data["phases"]
            ],
            village_goals=[
                VillageGoal(
                    number=number,
                    title=goal["title"],
                    description=goal["description"],
                    goals=goal["goals"],
                    targets=goal.get("targets", []),
                )
                for number, goal in enumerate(text["village_goals"], start=1)
            ],
            activities=[
                AnnualActivity(
                    title=activity["title"],
                    description=activity["description"],
                    months=activity["months"],
                )
                for activity in text["activities"]
            ],
            ideas=build_ideas(self.participation.get(data["slug"][SOURCE]), language),
            process_steps=[
                ProcessStep(
                    step=step["step"], date=as_date(step["date"]), description=step["description"]
                )
                for step in text["process"]
            ],
        )

    def ensure_participation(self, plan: LocalAreaPlanPage):
        """Link the plan's ideas to the projects they became; its survey and answers."""
        data = self.participation.get(plan.slug)
        if data is None:
            return
        ideas = list(plan.ideas.all())
        if not any(idea.project_id for idea in ideas):
            projects = {project.slug: project for project in ProjectPage.objects.child_of(plan)}
            for idea, spec in zip(ideas, data["ideas"], strict=True):
                idea.project = projects.get(spec["project"])
            plan.ideas = ideas
            plan.save_revision(user=self.admin).publish(user=self.admin)
        survey_data = data["survey"]
        survey = self.ensure_child(
            plan,
            SurveyPage,
            survey_data,
            lambda spec, language: build_survey(spec, language, self.now),
        )
        if not survey.responses.exists():
            add_responses(survey, list(plan.ideas.all()), survey_data)

    def translate_survey(self, plan: LocalAreaPlanPage, language: str, locale):
        data = self.participation.get(plan.slug)
        if data is None:
            return
        survey = SurveyPage.objects.child_of(plan).get(slug=data["survey"]["slug"][SOURCE])
        self.translate(survey, build_survey(data["survey"], language, self.now), locale)

    def ensure_meetings(self, plan: LocalAreaPlanPage):
        """The plan's meetings, their registrations, and the ideas and groups they led to."""
        for data in self.meetings.get(plan.slug, []):
            meeting = self.ensure_child(plan, MeetingPage, data, self.build_meeting)
            add_registrations(meeting, data)
            self.link_ideas(plan, meeting, data.get("ideas", []))
            for slug in data.get("working_groups", []):
                self.link_working_groups(ProjectPage.objects.child_of(plan).get(slug=slug), meeting)

    def build_meeting(self, data: dict, language: str) -> MeetingPage:
        return build_meeting(data, language, self.now)

    def link_ideas(self, plan: LocalAreaPlanPage, meeting: MeetingPage, numbers: list):
        ideas = list(plan.ideas.all())
        chosen = [idea for idea in ideas if idea.number in numbers and not idea.meeting_id]
        if chosen:
            for idea in chosen:
                idea.meeting = meeting
            plan.ideas = ideas
            plan.save_revision(user=self.admin).publish(user=self.admin)

    def link_working_groups(self, project: ProjectPage, meeting: MeetingPage):
        groups = list(project.working_groups.all())
        if any(not group.formed_at_id for group in groups):
            for group in groups:
                group.formed_at = meeting
            project.working_groups = groups
            project.save_revision(user=self.admin).publish(user=self.admin)

    def translate_meetings(self, plan: LocalAreaPlanPage, language: str, locale):
        for data in self.meetings.get(plan.slug, []):
            meeting = MeetingPage.objects.child_of(plan).get(slug=data["slug"][SOURCE])
            self.translate(meeting, self.build_meeting(data, language), locale)

    def ensure_project(self, plan: LocalAreaPlanPage, data: dict) -> ProjectPage:
        return self.ensure_child(plan, ProjectPage, data, self.build_project)

    def build_project(self, data: dict, language: str) -> ProjectPage:
        text = in_language(data, language)
        slug = data["slug"][SOURCE]
        image, alt = None, {language: ""}
        if slug not in PROJECTS_WITHOUT_PICTURES:
            image, alt = self.picture(slug, " ".join([slug, *data["tags"][SOURCE]]))
        project = ProjectPage(
            title=text["title"],
            slug=text["slug"],
            summary=text["summary"],
            image=image,
            image_alt_text=alt[language],
            body=stream(data["body"], language, key=data["slug"][SOURCE]),
            status=data["status"],
            goal_tags=[ProjectGoal(goal=number) for number in data["goals"]],
            targets=data["targets"],
            village_goals=data["village_goals"],
            working_groups=[self.build_working_group(data, language)],
            milestones=self.build_milestones(data, language),
            how_to_take_part=text["how_to_take_part"],
            site=self.places["projects"].get(slug),
            start_date=as_date(data["start_date"]),
            end_date=as_date(data["end_date"]),
            tag_names=text["tags"],
        )
        project.tags.add(*text["tags"])
        return project

    def progress_of(self, data: dict) -> dict:
        return self.progress.get(data["slug"][SOURCE], {"milestones": [], "updates": []})

    def build_milestones(self, data: dict, language: str) -> list[Milestone]:
        slug = data["slug"][SOURCE]
        milestones = []
        for number, spec in enumerate(self.progress_of(data)["milestones"], start=1):
            text = in_language(spec, language)
            image, alt = None, {language: ""}
            if spec.get("picture"):
                image, alt = self.picture(
                    f"{slug}-milepael-{number}", " ".join([slug, *data["tags"]])
                )
            milestones.append(
                Milestone(
                    # In order on every database: the translation pairs them by it.
                    sort_order=number,
                    title=text["title"],
                    planned_date=as_date(spec["planned"]),
                    done_date=as_date(spec["done"]),
                    description=text["description"],
                    image=image,
                    image_alt_text=alt[language],
                )
            )
        return milestones

    def build_update(self, data: dict, language: str) -> ProjectUpdatePage:
        text = in_language(data, language)
        image, alt = None, {language: ""}
        if data.get("picture"):
            image, alt = self.picture(f"nyt-{data['slug'][SOURCE]}", data["slug"][SOURCE])
        return ProjectUpdatePage(
            title=text["title"],
            slug=text["slug"],
            date=as_date(data["date"]),
            text=text["text"],
            image=image,
            image_alt_text=alt[language],
        )

    def ensure_history(self, project: ProjectPage, steps: list[tuple[str, date]]):
        """The demo is built in one go, so publishing records one status today; a project's
        history is written as it would have been published over the years instead."""
        changes = StatusChange.objects.filter(translation_key=project.translation_key)
        if changes.count() > 1:
            return
        changes.delete()
        zone = timezone.get_current_timezone()
        StatusChange.objects.bulk_create(
            StatusChange(
                translation_key=project.translation_key,
                status=status,
                changed_at=datetime.combine(day, time(12), tzinfo=zone),
            )
            for status, day in steps
        )

    def build_working_group(self, data: dict, language: str) -> WorkingGroup:
        """Every demo project has a working group; some have their own name and rhythm."""
        text = in_language({**DEFAULT_WORKING_GROUP, **data.get("working_group", {})}, language)
        return WorkingGroup(
            name=text["name"],
            purpose=text["purpose"],
            meeting_rhythm=text["meeting_rhythm"],
            coordinator_name=data["coordinator_name"],
            coordinator_email=data["coordinator_email"],
        )

    def build_report(self, data: dict, language: str) -> AnnualReportPage:
        text = in_language(data, language)
        return AnnualReportPage(
            title=text["title"], slug=text["slug"], year=data["year"], foreword=text["foreword"]
        )

    def ensure_featured_projects(self, home: HomePage):
        if home.featured_projects.exists():
            return
        in_progress = ProjectPage.objects.descendant_of(home).filter(status="in_progress")
        home.featured_projects = [
            FeaturedProject(project=project)
            for project in in_progress.order_by("path")[:FEATURED_PER_SITE]
        ]
        home.save_revision(user=self.admin).publish(user=self.admin)

    def ensure_information_pages(self, home: HomePage) -> dict:
        """The accessibility statement and the privacy page, by their role."""
        pages = {}
        for data in self.content["information_pages"]:
            build = self.build_information_page
            pages[data["role"]] = self.ensure_child(home, InformationPage, data, build)
        return pages

    def build_information_page(self, data: dict, language: str) -> InformationPage:
        text = in_language(data, language)
        return InformationPage(
            title=text["title"],
            slug=text["slug"],
            intro=text["intro"],
            body=stream(data["body"], language, key=data["slug"][SOURCE]),
            last_reviewed=as_date(data["last_reviewed"]),
        )

    def ensure_contact(self, home: HomePage, information_pages: dict) -> ContactDetails:
        settings = ContactSettings.for_site(home.get_site())
        if settings.contact is None:
            contact = self.build_contact(SOURCE)
            contact.save()
            settings.contact = contact
            settings.accessibility_statement = information_pages["accessibility_statement"]
            settings.privacy_page = information_pages["privacy"]
            settings.save()
        return settings.contact

    def ensure_map_outline(self, home: HomePage):
        settings = MapSettings.for_site(home.get_site())
        if settings.outline is None:
            settings.outline = self.places["outline"]
            settings.save()

    def build_contact(self, language: str) -> ContactDetails:
        data = in_language(self.content["contact"], language)
        image, alt = self.picture(SHARE_PICTURE_SLUG, "landsby kirke sø skov", MUNICIPAL_CREDIT)
        return ContactDetails(
            share_image=image,
            share_image_alt_text=alt[language],
            site_name=in_language(self.content["home"], language)["title"],
            unit=data["unit"],
            address=data["address"],
            phone=data["phone"],
            opening_hours=data["opening_hours"],
            email=data["email"],
            digital_post_url=data["digital_post_url"],
        )
