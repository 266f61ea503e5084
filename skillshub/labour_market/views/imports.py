"""Imports of labour-market files (staff only) and their reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from skillshub.core.access import require_perm

from .. import imports, services_imports
from ..choices import ImportKind, ImportStatus
from ..forms_imports import ImportFilterForm, MzdinImportForm, YearImportForm
from ..models import ImportRun

ERRORS_PER_PAGE = 100
KIND_SLUGS = {
    "mzdin": ImportKind.MZDIN,
    "men": ImportKind.MEN_FORECAST,
    "schools": ImportKind.SCHOOL_SUPPLY,
}
UPLOAD_VIEWS: dict[str, str] = {
    ImportKind.MZDIN: "labour_market:mzdin_import",
    ImportKind.MEN_FORECAST: "labour_market:forecast_import",
    ImportKind.SCHOOL_SUPPLY: "labour_market:supply_import",
}


def _announce(request: HttpRequest, run: ImportRun) -> None:
    if run.status == ImportStatus.SUCCEEDED:
        messages.success(request, _("Imported %(rows)d rows.") % {"rows": run.rows_written})
    elif run.status == ImportStatus.UNCHANGED:
        messages.info(request, _("This file has already been imported: nothing changed."))
    else:
        messages.error(
            request, _("The file was rejected and nothing was saved. See the errors below.")
        )


def _upload(
    request: HttpRequest,
    *,
    kind: str,
    form_class: type[MzdinImportForm] | type[YearImportForm],
    run_import: Callable[[Any, dict[str, Any]], ImportRun],
) -> HttpResponse:
    require_perm(request.user, "labour_market.import_data")
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = run_import(form.cleaned_data["file"], form.cleaned_data)
        _announce(request, run)
        return redirect(run)
    recent = ImportRun.objects.filter(kind=kind).select_related("created_by")[:5]
    return render(
        request,
        "labour_market/import_upload.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": ImportKind(kind).label,
            "slug": next(s for s, k in KIND_SLUGS.items() if k == kind),
            "columns": imports.COLUMNS[kind],
            "recent": recent,
        },
        status=400 if form.errors else 200,
    )


@login_required
def mzdin_import(request: HttpRequest) -> HttpResponse:
    return _upload(
        request,
        kind=ImportKind.MZDIN,
        form_class=MzdinImportForm,
        run_import=lambda file, data: services_imports.mzdin_import(
            actor=request.user, file=file, period=data["period"] or None
        ),
    )


@login_required
def forecast_import(request: HttpRequest) -> HttpResponse:
    return _upload(
        request,
        kind=ImportKind.MEN_FORECAST,
        form_class=YearImportForm,
        run_import=lambda file, data: services_imports.forecast_import(
            actor=request.user, file=file, year=data["year"]
        ),
    )


@login_required
def supply_import(request: HttpRequest) -> HttpResponse:
    return _upload(
        request,
        kind=ImportKind.SCHOOL_SUPPLY,
        form_class=YearImportForm,
        run_import=lambda file, data: services_imports.supply_import(
            actor=request.user, file=file, year=data["year"]
        ),
    )


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.import_data")
    form = ImportFilterForm(request.GET or None)
    runs = ImportRun.objects.select_related("created_by", "replaced_by")
    if form.is_valid():
        if form.cleaned_data["kind"]:
            runs = runs.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["status"]:
            runs = runs.filter(status=form.cleaned_data["status"])
    page = Paginator(runs.defer("errors"), settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "labour_market/import_list.html",
        {"form": form, "page_obj": page, "uploads": UPLOAD_VIEWS},
    )


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "labour_market.import_data")
    run = get_object_or_404(ImportRun.objects.select_related("created_by", "replaced_by"), pk=pk)
    errors = Paginator(run.errors or [], ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "labour_market/import_detail.html",
        {
            "run": run,
            "page_obj": errors,
            "replaces": list(run.replaces.all()),
            "upload_url": UPLOAD_VIEWS.get(run.kind, ""),
        },
    )


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    require_perm(request.user, "labour_market.import_data")
    if kind not in KIND_SLUGS:
        raise Http404
    response = HttpResponse(
        imports.template_csv(KIND_SLUGS[kind]), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response
