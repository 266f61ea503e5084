"""The gap analysis (staff and WZK members): the page, the same rows as XLSX, and the PDF brief
for the WZK. All three read one ``gap_report`` built from the same GET filters."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.access import require_perm

from .. import exports
from ..choices import BarometrLevel, ForecastDemand, MzdinClass
from ..forms_gaps import GapFilterForm
from ..selectors_gaps import GapReport, evidence, gap_report

PER_PAGE = 100


def _report(request: HttpRequest) -> tuple[GapFilterForm, GapReport]:
    require_perm(request.user, "labour_market.view_gaps")
    form = GapFilterForm(request.GET or None)
    return form, gap_report(**form.filters())


def _labels() -> dict[str, Any]:
    return {
        "classes": dict(MzdinClass.choices),
        "levels": dict(BarometrLevel.choices),
        "demands": dict(ForecastDemand.choices),
        "no_data": _("no data"),
        "panel": _("panel"),
        "schools": _("schools in county"),
        "neighbours": _("in neighbours"),
        "enrolment": _("enrolment"),
        "job_ads": _("online job ads"),
    }


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(report: GapReport, extension: str) -> str:
    where = report.county.teryt if report.county is not None else "region"
    return f"analiza-luk-{where}-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
def gap_analysis(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    page = Paginator(report.rows, PER_PAGE).get_page(request.GET.get("page"))
    labels = _labels()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "labour_market/gap_analysis.html",
        {
            "form": form,
            "report": report,
            "sources": report.sources,
            "page_obj": page,
            "rows": [(row, evidence(row, report.sources, labels)) for row in page],
            "query": query.urlencode(),
            "unmet_total": sum(s.unmet_need for s in report.summary),
            "oversupply_total": sum(s.oversupply for s in report.summary),
            "large_ads": settings.GAP_JOB_ADS_DEMAND,
        },
    )


@login_required
def gap_xlsx(request: HttpRequest) -> HttpResponse:
    _form, report = _report(request)
    return _download(
        exports.gaps_xlsx(report),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _filename(report, "xlsx"),
    )


@login_required
def gap_pdf(request: HttpRequest) -> HttpResponse:
    _form, report = _report(request)
    return _download(exports.brief_pdf(report), "application/pdf", _filename(report, "pdf"))
