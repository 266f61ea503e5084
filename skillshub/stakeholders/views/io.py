"""Export of the directory and bulk import of institutions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.accounts.rules import is_office_staff
from skillshub.core.access import require_perm

from .. import exports, imports, selectors
from ..filters import InstitutionFilter
from ..forms import ImportForm
from ..models import Institution


def _filtered(request: HttpRequest) -> tuple[QuerySet[Institution], bool]:
    staff = is_office_staff(request.user)
    filterset = InstitutionFilter(
        request.GET or None, queryset=selectors.directory(user=request.user), staff=staff
    )
    return filterset.qs, staff


def _filename(ext: str) -> str:
    return f"institutions-{timezone.localdate():%Y-%m-%d}.{ext}"


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    require_perm(request.user, "stakeholders.export_directory")
    queryset, staff = _filtered(request)
    response = StreamingHttpResponse(
        exports.csv_stream(queryset, staff=staff),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def export_xlsx(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "stakeholders.export_directory")
    queryset, staff = _filtered(request)
    response = HttpResponse(
        exports.xlsx_bytes(queryset, staff=staff),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "stakeholders.import_institutions")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            token = imports.upload_store(
                data=upload.read(imports.MAX_BYTES + 1), file_name=upload.name, user=request.user
            )
        except imports.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("stakeholders:import_preview", token=token)
    return render(
        request,
        "stakeholders/import_upload.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="institutions-template.csv"'
    return response


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    require_perm(request.user, "stakeholders.import_institutions")
    try:
        stored = imports.upload_load(token=token, user=request.user)
    except imports.ImportFileError as exc:
        raise Http404 from exc
    try:
        preview = imports.import_parse(data=stored.data, file_name=stored.file_name)
    except imports.ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("stakeholders:import")
    if request.method == "POST":
        only_valid = request.POST.get("only_valid") == "yes"
        if preview.has_errors and not only_valid:
            messages.error(
                request,
                _("The file has errors. Correct them, or choose to import only the valid rows."),
            )
        else:
            run = imports.institutions_import(
                preview=preview, actor=request.user, only_valid=only_valid
            )
            imports.upload_delete(token=token, user=request.user)
            messages.success(
                request,
                _(
                    "Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(skipped)s skipped."
                )
                % {
                    "created": run.rows_created,
                    "updated": run.rows_updated,
                    "unchanged": run.rows_unchanged,
                    "skipped": run.rows_skipped,
                },
            )
            return redirect("stakeholders:institution_list")
    return render(request, "stakeholders/import_preview.html", {"preview": preview, "token": token})
