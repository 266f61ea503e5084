"""Online job ads coded to occupations: import, progress, the review queue, retraining, and the
demand they give per county (office staff; the demand tables also for WZK members)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.access import require_perm
from skillshub.core.csvstream import BOM, csv_writer
from skillshub.core.models import County

from ..choices import JobAdBatchStatus, JobAdStatus
from ..coding import ads as ads_file
from ..coding import selectors, services
from ..coding.runtime import active_model_info
from ..forms_job_ads import (
    DemandFilterForm,
    JobAdImportForm,
    JobAdReviewForm,
    ReviewQueueFilterForm,
)
from ..models import JobAd, JobAdBatch, Occupation

PICKER_LIMIT = 20


def _demand(
    request: HttpRequest, *, limit: int = 100
) -> tuple[DemandFilterForm, bool, datetime.date | None, datetime.date | None, list[Any]]:
    """The demand filters (a missing date: the 12 months up to the newest coded ad) and the
    rows they select, shared by the page and its CSV."""
    form = DemandFilterForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    data = form.cleaned_data if form.is_bound and valid else {}
    default_from, default_to = selectors.default_window()
    date_from = data.get("date_from") or default_from
    date_to = data.get("date_to") or default_to
    rows = selectors.demand_by_county(
        date_from=date_from,
        date_to=date_to,
        county=data.get("county"),
        prefix=data.get("code") or "",
        limit=limit,
    )
    return form, valid, date_from, date_to, rows


@login_required
def job_ads(request: HttpRequest) -> HttpResponse:
    """The demand signal (occupations × counties) and, for the office, the workflow's state."""
    require_perm(request.user, "labour_market.view_gaps")
    form, valid, date_from, date_to, rows = _demand(request)
    counties = list(County.objects.in_region())
    totals = selectors.county_totals(date_from=date_from, date_to=date_to)
    context: dict[str, Any] = {
        "form": form,
        "rows": rows,
        "table": [(row, row.cells(counties)) for row in rows],
        "counties": counties,
        "county_totals": [(c, totals.get(c.teryt, 0)) for c in counties],
        "unknown_total": totals.get("", 0),
        "date_from": date_from,
        "date_to": date_to,
    }
    if request.user.has_perm("labour_market.code_job_ads"):
        context.update(
            batches=JobAdBatch.objects.select_related("created_by")[:10],
            to_review=JobAd.objects.filter(status=JobAdStatus.REVIEW).count(),
            model=active_model_info(),
            threshold=services.review_threshold(),
        )
    return render(request, "labour_market/job_ads.html", context, status=200 if valid else 400)


@login_required
def job_ads_csv(request: HttpRequest) -> StreamingHttpResponse:
    require_perm(request.user, "labour_market.view_gaps")
    _form, _valid, _from, _to, rows = _demand(request, limit=10_000)
    counties = list(County.objects.in_region())
    writer = csv_writer()

    def lines() -> Any:
        yield BOM
        yield writer.writerow(
            [
                "kod_kzis",
                "zawod",
                *[c.teryt for c in counties],
                "poza_regionem_lub_nieznany",
                "razem",
            ]
        )
        for row in rows:
            yield writer.writerow(
                [row.code, row.name, *row.cells(counties), row.unknown, row.total]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="oferty-pracy-online.csv"'
    return response


@login_required
def job_ad_import(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.code_job_ads")
    form = JobAdImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = services.job_ads_import(actor=request.user, file=form.cleaned_data["file"])
        if batch.status == JobAdBatchStatus.FAILED:
            messages.error(
                request, _("The file was rejected and nothing was saved. See the errors below.")
            )
        else:
            messages.success(
                request,
                _("%(count)d ads imported; they are being coded.") % {"count": batch.total},
            )
        return redirect(batch)
    return render(
        request,
        "labour_market/job_ad_import.html",
        {"form": form, "columns": ads_file.describe_columns(), "model": active_model_info()},
        status=400 if form.errors else 200,
    )


@login_required
def job_ad_template(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.code_job_ads")
    response = HttpResponse(ads_file.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="oferty-pracy-szablon.csv"'
    return response


@login_required
def job_ad_batch(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "labour_market.code_job_ads")
    batch = get_object_or_404(JobAdBatch.objects.select_related("created_by"), pk=pk)
    context = {"batch": batch, "counts": selectors.batch_counts(batch)}
    if request.headers.get("HX-Request"):
        return render(request, "labour_market/_job_ad_batch_progress.html", context)
    ads = batch.ads.select_related("occupation", "county").defer("description")
    context["page_obj"] = Paginator(ads, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(request, "labour_market/job_ad_batch.html", context)


@login_required
def job_ad_queue(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.code_job_ads")
    form = ReviewQueueFilterForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    batch = None
    if (batch_id := request.GET.get("batch", "")).isdigit():
        batch = JobAdBatch.objects.filter(pk=int(batch_id)).first()
    ads = selectors.review_queue(q=q, batch=batch)
    page = Paginator(ads, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "labour_market/job_ad_queue.html",
        {"form": form, "page_obj": page, "batch": batch},
    )


def _suggestions(ad: JobAd) -> list[dict[str, Any]]:
    codes = [s["code"] for s in ad.suggestions]
    names = dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))
    return [
        {**s, "name": names.get(s["code"], ""), "percent": round(100 * s["probability"])}
        for s in ad.suggestions
    ]


def _next_in_queue(ad: JobAd) -> JobAd | None:
    return (
        JobAd.objects.filter(status=JobAdStatus.REVIEW)
        .exclude(pk=ad.pk)
        .filter(Q(batch_id__gt=ad.batch_id) | Q(batch_id=ad.batch_id, row__gte=ad.row))
        .order_by("batch_id", "row", "pk")
        .only("pk")
        .first()
    )


@login_required
def job_ad_review(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "labour_market.code_job_ads")
    ad = get_object_or_404(
        JobAd.objects.select_related("batch", "county", "occupation", "reviewed_by"), pk=pk
    )
    initial = {"expected_status": ad.status, "choice": ad.occupation.code if ad.occupation else ""}
    form = JobAdReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_ad_review(
                ad=ad,
                actor=request.user,
                code=form.cleaned_data["final_code"],
                expected_status=form.cleaned_data["expected_status"],
            )
        except services.ReviewConflict as exc:
            messages.error(request, str(exc))
            return redirect(ad)
        messages.success(request, _("Saved. The answer will teach the next model."))
        following = _next_in_queue(ad)
        return redirect(following or "labour_market:job_ad_queue")
    chosen = (form.data.get("choice") if form.is_bound else initial["choice"]) or ""
    return render(
        request,
        "labour_market/job_ad_review.html",
        {
            "ad": ad,
            "form": form,
            "suggestions": _suggestions(ad),
            "explanation": services.explanation_for(ad) if ad.suggestions else [],
            "chosen": chosen,
            "reviewed": ad.status in (JobAdStatus.CONFIRMED, JobAdStatus.CORRECTED),
        },
        status=400 if form.errors else 200,
    )


@login_required
def job_ad_codes(request: HttpRequest) -> HttpResponse:
    """The code picker's results: 6-digit occupations matching a code prefix or name words."""
    require_perm(request.user, "labour_market.code_job_ads")
    q = request.GET.get("q", "").strip()[:100]
    occupations = Occupation.objects.none()
    if q.isdigit():
        occupations = Occupation.objects.filter(level=6, code__startswith=q)
    elif len(q) >= 2:
        occupations = Occupation.objects.filter(level=6)
        for word in q.split()[:5]:
            occupations = occupations.filter(name__icontains=word)
    results = list(occupations.order_by("code").only("code", "name")[:PICKER_LIMIT])
    return render(
        request,
        "labour_market/_job_ad_code_results.html",
        {"results": results, "q": q, "limit": PICKER_LIMIT},
    )


@login_required
@require_POST
def coder_retrain(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.code_job_ads")
    services.coder_retrain(actor=request.user)
    messages.success(
        request,
        _(
            "Retraining has been queued. The new model takes over when it is saved; the page "
            "shows its version."
        ),
    )
    return redirect("labour_market:job_ads")
