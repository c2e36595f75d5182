"""The admin's status sheet: download, upload, preview, confirm (plan_pages.status_import)."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.auth import require_admin_access

from .councils import areas_of
from .status_import import (
    COLUMNS,
    MAX_ROWS,
    Row,
    SheetError,
    apply_changes,
    export_sheet,
    plan_changes,
    read_sheet,
)

SALT = "plan_pages.status_import"
PREVIEW_MAX_AGE = 60 * 60  # seconds between the preview and the confirmation


def may_import(user) -> bool:
    """Municipal editors and superusers (every area), and council members (their own)."""
    areas = areas_of(user)
    return areas is None or bool(areas)


class SheetForm(forms.Form):
    sheet = forms.FileField(
        label=gettext_lazy("The sheet (.xlsx or .csv)"),
        help_text=gettext_lazy("At most 1 MB and 2,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def signed_rows(rows, user) -> str:
    return signing.dumps(
        {"user": user.pk, "rows": [row.as_data() for row in rows]}, salt=SALT, compress=True
    )


def rows_from(token, user) -> list[Row] | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk or len(data.get("rows", [])) > MAX_ROWS:
        return None
    return [Row.from_data(row) for row in data["rows"]]


def render(request, **context):
    context.setdefault("form", SheetForm())
    context.update(
        title=_("Import statuses and milestones"),
        columns=[str(label) for label in COLUMNS.values()],
        is_council=areas_of(request.user) is not None,
    )
    return TemplateResponse(request, "plan_pages/admin/status_import.html", context)


@require_admin_access
def status_import(request):
    if not may_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request)
    if "confirm" in request.POST:
        rows = rows_from(request.POST.get("rows", ""), request.user)
        if rows is None:
            messages.error(
                request, _("The preview is too old or was changed. Upload the sheet again.")
            )
            return redirect("plan_pages_status_import")
        changes, problems = plan_changes(rows, request.user)
        if problems:
            return render(request, changes=changes, problems=problems)
        outcome = apply_changes(changes, request.user)
        for problem in outcome.failed:
            messages.error(request, problem)
        if outcome.published:
            messages.success(
                request, _("Published: %(n)s project(s).") % {"n": len(outcome.published)}
            )
        if outcome.submitted:
            messages.success(
                request,
                _("Sent for approval by the municipality: %(n)s project(s).")
                % {"n": len(outcome.submitted)},
            )
        if outcome.drafts:
            messages.success(
                request, _("Saved as drafts: %(n)s project(s).") % {"n": len(outcome.drafts)}
            )
        return redirect("plan_pages_status_import")
    form = SheetForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, form=form)
    try:
        rows, problems = read_sheet(form.cleaned_data["sheet"])
    except SheetError as error:
        form.add_error("sheet", str(error))
        return render(request, form=form)
    changes, more = plan_changes(rows, request.user) if not problems else ([], [])
    problems += more
    return render(
        request,
        form=form,
        previewed=True,
        changes=changes,
        problems=problems,
        rows=signed_rows(rows, request.user) if changes and not problems else "",
    )


@require_admin_access
def status_export(request):
    if not may_import(request.user):
        raise PermissionDenied
    file_format = "csv" if request.GET.get("format") == "csv" else "xlsx"
    content = export_sheet(request.user, file_format)
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    name = f"projektstatus-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
