"""Monitoring rounds: lead institutions report, staff review, the round closes into a report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.forms import add_service_errors

from .. import reports as documents
from .. import services_monitoring as services
from ..choices import ReportStatus, RoundStatus, VersionStatus
from ..forms_monitoring import ReportForm, ReviewForm, RoundForm
from ..models import InstitutionReport, MonitoringRound, ProgrammeVersion

# --- Access -------------------------------------------------------------------------------------


def _require_staff(user: Any) -> None:
    if not services.is_monitoring_staff(user):
        raise Http404


def get_round_for_staff(user: Any, pk: int) -> MonitoringRound:
    _require_staff(user)
    found = MonitoringRound.objects.select_related("version__programme").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_report_for_user(user: Any, pk: int) -> InstitutionReport:
    """A report, for the office or a contact person of its institution; anyone else gets 404."""
    report = (
        InstitutionReport.objects.select_related("round__version__programme", "institution")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    if not services.may_fill_in(user, report):
        raise Http404
    return report


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Rounds (staff) -----------------------------------------------------------------------------


@login_required
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request.user)
    version = ProgrammeVersion.objects.select_related("programme").filter(pk=pk).first()
    if version is None:
        raise Http404
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            monitoring_round = services.round_open(
                version=version,
                actor=request.user,
                year=form.cleaned_data["year"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The round is open: %(n)s institutions have been asked for their reports.")
                % {"n": monitoring_round.reports.count()},
            )
            return redirect(monitoring_round)
    rounds = list(version.rounds.order_by("-year"))
    return render(
        request,
        "programme/round_create.html",
        {
            "version": version,
            "form": form,
            "rounds": rounds,
            "is_adopted": version.status == VersionStatus.ADOPTED,
        },
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    monitoring_round = get_round_for_staff(request.user, pk)
    reports = list(
        monitoring_round.reports.select_related("institution")
        .annotate(
            actions=Count("action_reports", distinct=True),
            values=Count("value_reports", distinct=True),
        )
        .order_by("institution__name")
    )
    counts = {status: 0 for status in ReportStatus.values}
    for report in reports:
        counts[report.status] += 1
    return render(
        request,
        "programme/round_detail.html",
        {
            "round": monitoring_round,
            "version": monitoring_round.version,
            "reports": reports,
            "counts": [(ReportStatus(s).label, n) for s, n in counts.items()],
            "is_open": monitoring_round.status == RoundStatus.OPEN,
            "all_accepted": all(r.status == ReportStatus.ACCEPTED for r in reports),
        },
    )


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    monitoring_round = get_round_for_staff(request.user, pk)
    try:
        services.round_close(round=monitoring_round, actor=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The round is closed and its data frozen for the report."))
    return redirect(monitoring_round)


def _closed_round(request: HttpRequest, pk: int) -> MonitoringRound:
    monitoring_round = get_round_for_staff(request.user, pk)
    if monitoring_round.status != RoundStatus.CLOSED:
        raise Http404
    return monitoring_round


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def round_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    monitoring_round = _closed_round(request, pk)
    return _download(
        documents.report_pdf(monitoring_round=monitoring_round),
        "application/pdf",
        f"raport-monitoringu-{monitoring_round.year}.pdf",
    )


@login_required
def round_report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    monitoring_round = _closed_round(request, pk)
    return _download(
        documents.report_docx(monitoring_round=monitoring_round),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"raport-monitoringu-{monitoring_round.year}.docx",
    )


@login_required
def round_data_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    monitoring_round = _closed_round(request, pk)
    return _download(
        documents.round_xlsx(monitoring_round=monitoring_round),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"monitoring-{monitoring_round.year}-dane.xlsx",
    )


# --- Reports (institutions) ---------------------------------------------------------------------


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    institution_id = services.contact_institution_id(request.user)
    reports: list[InstitutionReport] = []
    if institution_id is not None:
        reports = list(
            InstitutionReport.objects.filter(institution_id=institution_id)
            .select_related("round__version__programme", "institution")
            .annotate(actions=Count("action_reports", distinct=True))
            .order_by("-round__year", "-id")
        )
    return render(
        request,
        "programme/report_list.html",
        {
            "reports": reports,
            "waiting": sum(
                1
                for r in reports
                if r.status in services.EDITABLE and r.round.status == RoundStatus.OPEN
            ),
        },
    )


def _report_form(report: InstitutionReport, data: Any = None) -> ReportForm:
    action_rows = list(report.action_reports.select_related("node").order_by("node__code"))
    value_rows = list(
        report.value_reports.select_related("indicator", "county").order_by(
            "indicator__code", "county__name"
        )
    )
    return ReportForm(data, report=report, action_rows=action_rows, value_rows=value_rows)


def _render_report(
    request: HttpRequest,
    report: InstitutionReport,
    *,
    form: ReportForm | None = None,
    review_form: ReviewForm | None = None,
) -> HttpResponse:
    user = request.user
    staff = services.is_monitoring_staff(user)
    editable = (
        report.status in services.EDITABLE
        and report.round.status == RoundStatus.OPEN
        and services.contact_institution_id(user) == report.institution_id
    )
    form = form or _report_form(report)
    action_rows, value_rows = form.rows()
    can_review = (
        staff
        and report.status == ReportStatus.SUBMITTED
        and report.round.status == RoundStatus.OPEN
    )
    return render(
        request,
        "programme/report_detail.html",
        {
            "report": report,
            "round": report.round,
            "programme": report.round.version.programme,
            "form": form,
            "action_rows": action_rows,
            "value_rows": value_rows,
            "editable": editable,
            "is_staff": staff,
            "review_form": (review_form or ReviewForm()) if can_review else None,
        },
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    if request.method != "POST":
        return _render_report(request, report)
    if services.contact_institution_id(request.user) != report.institution_id:
        raise Http404
    form = _report_form(report, request.POST)
    submit = "submit" in request.POST
    if form.is_valid():
        actions, values = form.service_data()
        try:
            services.report_save(
                report=report, actor=request.user, actions=actions, values=values, submit=submit
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if submit:
                messages.success(request, _("The report is submitted. The office will review it."))
            else:
                messages.success(request, _("The draft is saved. Submit it when it is complete."))
            return redirect(report)
    return _render_report(request, report, form=form)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    _require_staff(request.user)
    review_form = ReviewForm(request.POST)
    if review_form.is_valid():
        accept = review_form.cleaned_data["decision"] == "accept"
        try:
            services.report_review(
                report=report,
                actor=request.user,
                accept=accept,
                comment=review_form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(review_form, exc)
        else:
            messages.success(
                request,
                _("The report is accepted: its values are recorded.")
                if accept
                else _("The report is returned to the institution with your comments."),
            )
            return redirect(report.round)
    return _render_report(request, report, review_form=review_form)
