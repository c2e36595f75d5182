"""Many projects' statuses and milestones at once, from a spreadsheet (docs/vejledning-*.md).

An editor or a council downloads its projects as a sheet (`export_sheet`, one row per
milestone), changes statuses and dates or adds rows for new milestones, and uploads it. The
sheet is read (`read_sheet`: .xlsx or .csv, size and contents checked, formulas refused), every
row checked against the projects the user may change (`plan_changes`: a council's own area
only, and only what the page permissions allow) and shown as a preview; nothing is saved until
the user confirms (`apply_changes`). Applying goes through Wagtail's revisions and workflow as
the page editor does: each project gets a new revision made from its latest one; a council's is
sent for approval (never published), an editor's is published when the editor may publish.

The sheet is read with django-import-export's formats (tablib) for CSV and with openpyxl (which
django-import-export uses for .xlsx) for Excel files, reading formulas as formulas so they can be
refused; the export goes through a django-import-export `Resource`, with text that a spreadsheet
would run as a formula escaped (`sheet_text`).
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Locale, WorkflowState

from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX

from .councils import areas_of
from .models import Milestone, ProjectPage, ProjectStatus, validate_plausible_date

MAX_BYTES = 1024 * 1024  # an area's sheet is a few kilobytes
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # an .xlsx is a zip: refuse one that unpacks to a bomb
MAX_ROWS = 2000
MAX_TEXT = 120  # a milestone's title

# The columns, in the order of the exported sheet; the headings are Danish (English accepted).
COLUMNS = {
    "id": gettext_lazy("Project id"),
    "area": gettext_lazy("Local area"),
    "project": gettext_lazy("Project"),
    "status": gettext_lazy("Status"),
    "milestone": gettext_lazy("Milestone"),
    "planned": gettext_lazy("Planned for"),
    "done": gettext_lazy("Done on"),
}
HEADINGS = {
    "projekt-id": "id",
    "project id": "id",
    "id": "id",
    "lokalområde": "area",
    "local area": "area",
    "projekt": "project",
    "project": "project",
    "status": "status",
    "milepæl": "milestone",
    "milestone": "milestone",
    "planlagt til": "planned",
    "planned for": "planned",
    "nået": "done",
    "done on": "done",
}
REQUIRED = {"id"}
# A cell starting with one of these is a formula to a spreadsheet program (CSV injection).
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


class SheetError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Row:
    """One row of the sheet, with the values it gave (strings and dates, checked)."""

    number: int
    project_id: int
    status: str = ""
    milestone: str = ""
    planned: date | None = None
    done: date | None = None

    def as_data(self):
        return {
            "number": self.number,
            "project_id": self.project_id,
            "status": self.status,
            "milestone": self.milestone,
            "planned": self.planned.isoformat() if self.planned else None,
            "done": self.done.isoformat() if self.done else None,
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            number=int(data["number"]),
            project_id=int(data["project_id"]),
            status=data["status"],
            milestone=data["milestone"],
            planned=date.fromisoformat(data["planned"]) if data["planned"] else None,
            done=date.fromisoformat(data["done"]) if data["done"] else None,
        )


# ---- Reading the file ----


def read_sheet(upload) -> tuple[list[Row], list[str]]:
    """The rows of an uploaded .xlsx or .csv file and the problems of single rows.
    Raises SheetError when the file as a whole cannot be used."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise SheetError(_("The file is too large: at most 1 MB."))
    content = upload.read(MAX_BYTES + 1)
    if name.endswith(".xlsx"):
        table = xlsx_rows(content)
    elif name.endswith(".csv"):
        table = csv_rows(content)
    else:
        raise SheetError(_("Upload the sheet as an Excel file (.xlsx) or a CSV file (.csv)."))
    return parse_table(table)


def xlsx_rows(content: bytes) -> list[list]:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise SheetError(_("The file is too large: at most 1 MB."))
        # Formulas are read as formulas (not their cached results), so they can be refused.
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        rows = []
        for values in book.active.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 1:
                break
        book.close()
    except SheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged or false file
        raise SheetError(_("The file could not be read as an Excel sheet (.xlsx).")) from error
    return rows


def csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")  # Danish Excel's CSV without UTF-8
        except UnicodeDecodeError as error:
            raise SheetError(_("The file could not be read as a CSV file.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        dataset = CSV().create_dataset(text, delimiter=delimiter)
    except (csv.Error, ValueError, IndexError) as error:
        raise SheetError(_("The file could not be read as a CSV file.")) from error
    return [list(dataset.headers or [])] + [list(row) for row in dataset]


def parse_table(table: list[list]) -> tuple[list[Row], list[str]]:
    if not table or not any(table[0]):
        raise SheetError(_("The sheet is empty."))
    if len(table) > MAX_ROWS + 1:
        raise SheetError(_("The sheet has too many rows: at most 2,000."))
    columns = {}
    for index, heading in enumerate(table[0]):
        key = HEADINGS.get(str(heading or "").strip().lower())
        if key:
            columns[key] = index
    missing = REQUIRED - columns.keys()
    if missing:
        raise SheetError(
            _("The sheet has no column “%(column)s”. Start from the sheet you can download here.")
            % {"column": COLUMNS["id"]}
        )
    rows, problems = [], []
    for number, values in enumerate(table[1:], start=2):
        cells = {
            key: values[index] if index < len(values) else None for key, index in columns.items()
        }
        if all(cell in (None, "") for cell in cells.values()):
            continue
        try:
            rows.append(parse_row(number, cells))
        except ValidationError as error:
            problems.append(
                _("Row %(row)s: %(problem)s") % {"row": number, "problem": error.message}
            )
    return rows, problems


def text_cell(value) -> str:
    text = "" if value is None else str(value).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS + ("-",):
        return text[1:]  # escaped by `sheet_text` on export: the text itself
    if text.startswith(FORMULA_STARTS) or str(value or "").startswith(FORMULA_STARTS):
        raise ValidationError(
            _("a cell holds a formula (it starts with “%(start)s”). Write the value itself.")
            % {"start": str(value).strip()[:1] or "="}
        )
    return text


def date_cell(value, label) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = text_cell(value)
        for form in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                day = datetime.strptime(text, form).date()
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _(
                    "“%(value)s” in the column “%(column)s” is not a date. "
                    "Write it as 2026-05-31 or 31-05-2026."
                )
                % {"value": text[:40], "column": label}
            )
    try:
        validate_plausible_date(day)
    except ValidationError as error:
        raise ValidationError(f"{label}: {error.messages[0]}") from error
    return day


def status_value(text: str) -> str:
    if not text:
        return ""
    wanted = text.strip().casefold()
    for status in ProjectStatus:
        if wanted in {status.value, str(status.label).casefold()}:
            return status.value
    from django.utils import translation

    for language in ("da", "en"):
        with translation.override(language):
            for status in ProjectStatus:
                if wanted == str(status.label).casefold():
                    return status.value
    raise ValidationError(
        _("“%(value)s” is not a status. Use one of: %(statuses)s.")
        % {"value": text[:40], "statuses": ", ".join(str(s.label) for s in ProjectStatus)}
    )


def parse_row(number, cells) -> Row:
    raw_id = text_cell(cells.get("id"))
    try:
        project_id = int(float(raw_id)) if raw_id else None
    except ValueError:
        project_id = None
    if not project_id or project_id < 1:
        raise ValidationError(
            _("the project id “%(value)s” is not a number from the downloaded sheet.")
            % {"value": raw_id[:40]}
        )
    text_cell(cells.get("area"))
    text_cell(cells.get("project"))
    milestone = text_cell(cells.get("milestone"))
    if len(milestone) > MAX_TEXT:
        raise ValidationError(_("a milestone's title can have at most 120 characters."))
    row = Row(
        number=number,
        project_id=project_id,
        status=status_value(text_cell(cells.get("status"))),
        milestone=milestone,
        planned=date_cell(cells.get("planned"), COLUMNS["planned"]),
        done=date_cell(cells.get("done"), COLUMNS["done"]),
    )
    if (row.planned or row.done) and not row.milestone:
        raise ValidationError(_("a date is given, but no milestone it belongs to."))
    if row.done and row.done > timezone.localdate():
        raise ValidationError(_("A step cannot be done in the future: leave the date empty."))
    return row


# ---- What the rows would change ----


@dataclass
class MilestoneChange:
    title: str
    is_new: bool
    planned: tuple  # (before, after)
    done: tuple


@dataclass
class ProjectChange:
    """What the sheet changes in one project, compared with its latest revision."""

    project: ProjectPage
    rows: list = field(default_factory=list)
    status: tuple | None = None  # (before, after) values
    milestones: list = field(default_factory=list)
    waiting: bool = False  # has changes waiting for approval, which the new revision keeps
    locked: bool = False  # by someone else: it cannot be changed now

    def __bool__(self):
        return bool(self.status or self.milestones)

    @property
    def status_labels(self):
        return tuple(ProjectStatus(value).label for value in self.status)


def the_users_projects(user):
    """Projects in the default language that `user` may change: a council's own areas only."""
    projects = ProjectPage.objects.filter(locale=Locale.get_default(), plan__isnull=False)
    areas = areas_of(user)
    if areas is not None:
        projects = projects.filter(plan__translation_key__in=areas)
    return projects


def plan_changes(rows: list[Row], user) -> tuple[list[ProjectChange], list[str]]:
    """The change to each project the rows name, and the problems (one per row refused)."""
    problems = []
    ids = {row.project_id for row in rows}
    found = {
        p.pk: p
        for p in ProjectPage.objects.filter(pk__in=ids, locale=Locale.get_default()).select_related(
            "plan"
        )
    }
    allowed = set(the_users_projects(user).filter(pk__in=ids).values_list("pk", flat=True))
    changes, statuses = {}, {}
    for row in rows:
        project = found.get(row.project_id)
        if project is None:
            problems.append(
                _("Row %(row)s: there is no project with the id %(id)s.")
                % {"row": row.number, "id": row.project_id}
            )
            continue
        if project.pk not in allowed:
            problems.append(
                _(
                    "Row %(row)s: the project with the id %(id)s belongs to another area, and "
                    "your local council can only change its own area's projects."
                )
                % {"row": row.number, "id": row.project_id}
            )
            continue
        if project.pk not in changes:
            tester = project.permissions_for_user(user)
            if not tester.can_edit():
                problems.append(
                    _("Row %(row)s: you may not change the project “%(title)s”.")
                    % {"row": row.number, "title": project.title}
                )
                continue
            latest = project.get_latest_revision_as_object()
            changes[project.pk] = ProjectChange(
                latest, waiting=project.has_unpublished_changes, locked=tester.page_locked()
            )
        change = changes[project.pk]
        change.rows.append(row.number)
        # The sheet repeats a project's status on each of its milestones' rows: a new status
        # in any one of them changes it; two different new ones are a mistake.
        if row.status and row.status != change.project.status:
            if statuses.setdefault(project.pk, row.status) != row.status:
                problems.append(
                    _("Row %(row)s: the project “%(title)s” is given two different statuses.")
                    % {"row": row.number, "title": project.title}
                )
                continue
            change.status = (change.project.status, row.status)
        if row.milestone:
            problem = plan_milestone(change, row)
            if problem:
                problems.append(
                    _("Row %(row)s: %(problem)s") % {"row": row.number, "problem": problem}
                )
    changed = [change for change in changes.values() if change]
    # A locked project's rows are refused only when they would change it.
    for change in changed:
        if change.locked:
            problems.append(
                _("Row %(row)s: the project “%(title)s” is locked by someone working on it.")
                % {"row": ", ".join(map(str, change.rows)), "title": change.project.title}
            )
    return [change for change in changed if not change.locked], problems


def same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def plan_milestone(change: ProjectChange, row: Row) -> str | None:
    existing = next(
        (m for m in change.project.milestones.all() if same_title(m.title, row.milestone)), None
    )
    if any(same_title(m.title, row.milestone) for m in change.milestones):
        return _("the milestone “%(title)s” appears twice.") % {"title": row.milestone}
    if existing is None:
        if row.planned is None:
            return _("the new milestone “%(title)s” needs a planned date.") % {
                "title": row.milestone
            }
        change.milestones.append(
            MilestoneChange(row.milestone, True, (None, row.planned), (None, row.done))
        )
        return None
    planned = row.planned or existing.planned_date
    # An empty done date in the sheet leaves a done milestone done: undoing is for the editor.
    done = row.done or existing.done_date
    if (planned, done) != (existing.planned_date, existing.done_date):
        change.milestones.append(
            MilestoneChange(
                existing.title,
                False,
                (existing.planned_date, planned),
                (existing.done_date, done),
            )
        )
    return None


# ---- Applying them ----


@dataclass
class Outcome:
    published: list = field(default_factory=list)
    submitted: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # messages


def apply_changes(changes: list[ProjectChange], user) -> Outcome:
    """A new revision of each project with its changes, made from its latest revision; then,
    as the page editor would: published (an editor who may publish), or sent for approval."""
    outcome = Outcome()
    for change in changes:
        try:
            with transaction.atomic():
                kind = apply_change(change, user)
        except ValidationError as error:
            outcome.failed.append(
                _("“%(title)s” was not saved: %(problem)s")
                % {"title": change.project.title, "problem": " ".join(error.messages)}
            )
            continue
        getattr(outcome, kind).append(change.project)
    return outcome


def apply_change(change: ProjectChange, user) -> str:
    page = ProjectPage.objects.get(pk=change.project.pk)
    tester = page.permissions_for_user(user)
    latest = page.get_latest_revision_as_object()
    if change.status:
        latest.status = change.status[1]
    milestones = list(latest.milestones.all())
    for planned in change.milestones:
        if planned.is_new:
            milestones.append(
                Milestone(
                    title=planned.title,
                    planned_date=planned.planned[1],
                    done_date=planned.done[1],
                    locale_id=latest.locale_id,
                    sort_order=len(milestones),
                )
            )
        else:
            for milestone in milestones:
                if same_title(milestone.title, planned.title):
                    milestone.planned_date = planned.planned[1]
                    milestone.done_date = planned.done[1]
    latest.milestones = milestones
    revision = latest.save_revision(user=user, log_action=True, clean=True)
    workflow_state = page.current_workflow_state
    if tester.can_publish():
        if workflow_state is not None:
            workflow_state.cancel(user=user)
        revision.publish(user=user)
        return "published"
    workflow = page.get_workflow()
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
        return "submitted"
    if workflow_state is not None:
        return "submitted"  # already waiting: the approval takes the newest revision
    if workflow is not None:
        workflow.start(page, user)
        return "submitted"
    return "drafts"


# ---- The sheet to start from ----


@dataclass
class SheetLine:
    id: int
    area: str
    project: str
    status: str
    milestone: str = ""
    planned: date | None = None
    done: date | None = None


class ProjectStatusResource(resources.Resource):
    """The columns of the status sheet (one row per milestone; a project without milestones
    has one row with its status alone)."""

    # Numbers and dates as the spreadsheet's own numbers and dates, not text.
    id = fields.Field(attribute="id", widget=widgets.IntegerWidget(coerce_to_string=False))
    area = fields.Field(attribute="area")
    project = fields.Field(attribute="project")
    status = fields.Field(attribute="status")
    milestone = fields.Field(attribute="milestone")
    planned = fields.Field(attribute="planned", widget=widgets.DateWidget(coerce_to_string=False))
    done = fields.Field(attribute="done", widget=widgets.DateWidget(coerce_to_string=False))

    def get_export_headers(self, selected_fields=None):
        return [str(COLUMNS[name]) for name in COLUMNS]


def sheet_text(text: str) -> str:
    """Text a spreadsheet program would run as a formula, escaped with an apostrophe (the
    import reads it back as the text)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS + ("-",)) else text


def sheet_lines(user) -> list[SheetLine]:
    projects = (
        the_users_projects(user)
        .select_related("plan")
        .prefetch_related("milestones")
        .order_by("plan__title", "path")
    )
    lines = []
    for project in projects:
        base = {
            "id": project.pk,
            "area": sheet_text(project.plan.title),
            "project": sheet_text(project.title),
            "status": str(ProjectStatus(project.status).label),
        }
        milestones = sorted(project.milestones.all(), key=lambda m: (m.planned_date, m.pk))
        if not milestones:
            lines.append(SheetLine(**base))
        for milestone in milestones:
            lines.append(
                SheetLine(
                    **base,
                    milestone=sheet_text(milestone.title),
                    planned=milestone.planned_date,
                    done=milestone.done_date,
                )
            )
    return lines


def export_sheet(user, file_format: str) -> bytes:
    dataset = ProjectStatusResource().export(sheet_lines(user))
    if file_format == "csv":
        dataset_format = CSV()
        return ("\ufeff" + dataset_format.export_data(dataset, delimiter=";")).encode("utf-8")
    return XLSX().export_data(dataset)
