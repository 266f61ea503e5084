"""The public evidence pages: the module's overview, the MZDiN indicators (table, CSV and the
occupation × county heatmap), the threshold sets, the MEN forecast and the school offer; and
the two staff actions on them: computing a period and revising a threshold set.

Statistics are public (``view_evidence``); computing (``import_data``) and revising
(``manage_thresholds``) are the office's, refused with a 404 to anyone else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.access import require_perm
from skillshub.core.csvstream import BOM, csv_writer
from skillshub.core.forms import add_service_errors

from .. import selectors
from ..choices import MzdinClass, TerritoryKind
from ..forms_evidence import (
    ComputeForm,
    ForecastFilterForm,
    HeatmapFilterForm,
    MzdinFilterForm,
    SupplyFilterForm,
    ThresholdForm,
)
from ..models import MzdinResult, ThresholdSet
from ..services_mzdin import mzdin_compute as compute_service
from ..services_mzdin import threshold_set_revise


def overview(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    periods = selectors.result_periods()
    return render(
        request,
        "labour_market/overview.html",
        {
            "latest_period": periods[0] if periods else None,
            "count_periods": selectors.count_periods(),
            "active_sets": list(selectors.active_sets()),
            "demo": selectors.is_demo_data(),
        },
    )


# --- MZDiN --------------------------------------------------------------------------------


@dataclass
class MzdinQuery:
    """The filters as resolved: defaults filled in where the visitor gave none."""

    threshold_set: ThresholdSet | None
    period: str | None
    level: int
    territory_kind: str
    territory_code: str
    territory_label: str
    klass: str
    q: str
    sort: str


def _resolve(form: HeatmapFilterForm) -> MzdinQuery:
    form.is_valid()  # a bad value is reported on its field; the default is used instead
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    threshold_set = data.get("threshold_set") or selectors.default_set()
    period = data.get("period") or None
    if period is None and threshold_set is not None:
        periods = selectors.result_periods(threshold_set)
        period = periods[0] if periods else None
    territory = data.get("territory") or f"{TerritoryKind.REGION}:{settings.REGION_TERYT}"
    kind, _sep, code = territory.partition(":")
    labels = dict(form.fields["territory"].choices) if "territory" in form.fields else {}  # type: ignore[attr-defined]
    sort = data.get("sort") or "code"
    if sort.lstrip("-") not in selectors.SORTS:
        sort = "code"
    return MzdinQuery(
        threshold_set=threshold_set,
        period=period,
        level=data.get("level") or form.default_level,
        territory_kind=kind,
        territory_code=code,
        territory_label=str(labels.get(territory, territory)),
        klass=data.get("klass") or "",
        q=data.get("q") or "",
        sort=sort,
    )


def _results(query: MzdinQuery) -> QuerySet[MzdinResult]:
    if query.threshold_set is None or query.period is None:
        return MzdinResult.objects.none()
    return selectors.mzdin_results(
        period=query.period,
        threshold_set=query.threshold_set,
        level=query.level,
        territory_kind=query.territory_kind,
        territory_code=query.territory_code,
        klass=query.klass,
        q=query.q,
        sort=query.sort,
    )


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


CSV_COLUMNS = (
    "period", "threshold_set", "level", "territory_kind", "territory_code", "code", "name",
    "O", "B", "Bn", "Bo", "Bd", "W", "Bd_B", "Bo_Bn", "class",
)  # fmt: skip


def _csv_stream(results: QuerySet[MzdinResult], set_label: str) -> Iterator[str]:
    """UTF-8 with a BOM and ``;``: what Polish Excel opens without a wizard."""
    writer = csv_writer()
    yield BOM
    yield writer.writerow(CSV_COLUMNS)
    for r in results.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                r.period, set_label, r.level, r.territory_kind, r.territory_code, r.code,
                getattr(r, "name", "") or "", r.offers, r.unemployed, r.inflow, r.outflow,
                r.long_term, _number(r.intensity), _number(r.long_term_share),
                _number(r.fluidity), r.klass,
            ]
        )  # fmt: skip


def mzdin(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    form = MzdinFilterForm(request.GET)
    query = _resolve(form)
    results = _results(query)
    if request.GET.get("format") == "csv":
        set_label = str(query.threshold_set) if query.threshold_set else ""
        response = StreamingHttpResponse(
            _csv_stream(results, set_label), content_type="text/csv; charset=utf-8"
        )
        name = f"mzdin-{query.period or 'none'}-{query.level}-{query.territory_code}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    page = Paginator(results, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    compute_form = None
    if request.user.has_perm("labour_market.import_data"):
        compute_form = ComputeForm(
            initial={"period": query.period, "threshold_set": query.threshold_set}
        )
    return render(
        request,
        "labour_market/mzdin.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "compute_form": compute_form,
            "sort_columns": _sort_columns(query.sort),
            "demo": selectors.is_demo_data(),
        },
    )


def _sort_columns(current: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the ``sort`` value a click asks for, and aria-sort."""
    columns = {}
    for key in selectors.SORTS:
        if current == key:
            columns[key] = {"next": f"-{key}", "aria": "ascending"}
        elif current == f"-{key}":
            columns[key] = {"next": key, "aria": "descending"}
        else:
            columns[key] = {"next": key, "aria": "none"}
    return columns


def mzdin_heatmap(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    form = HeatmapFilterForm(request.GET)
    query = _resolve(form)
    counties: list[Any] = []
    rows: list[selectors.HeatmapRow] = []
    if query.threshold_set is not None and query.period is not None:
        counties, rows = selectors.heatmap(
            period=query.period, threshold_set=query.threshold_set, level=query.level
        )
    legend = [(value, selectors.CLASS_SHORT[value], label) for value, label in MzdinClass.choices]
    return render(
        request,
        "labour_market/mzdin_heatmap.html",
        {
            "form": form,
            "query": query,
            "counties": counties,
            "rows": rows,
            "legend": legend,
            "short": {k: str(v) for k, v in selectors.CLASS_SHORT.items()},
            "demo": selectors.is_demo_data(),
        },
    )


@login_required
@require_POST
def mzdin_compute(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.import_data")
    form = ComputeForm(request.POST)
    back = reverse("labour_market:mzdin")
    if not form.is_valid():
        messages.error(request, _("Choose a period with imported counts and a threshold set."))
        return redirect(back)
    threshold_set = form.cleaned_data["threshold_set"]
    period = form.cleaned_data["period"]
    try:
        written = compute_service(actor=request.user, period=period, threshold_set=threshold_set)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(
        request,
        _("Computed %(n)s results for %(period)s under %(set)s.")
        % {"n": written, "period": period, "set": threshold_set},
    )
    return redirect(f"{back}?period={period}&threshold_set={threshold_set.pk}")


# --- Threshold sets -----------------------------------------------------------------------


def threshold_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    return render(
        request,
        "labour_market/threshold_list.html",
        {
            "groups": selectors.threshold_sets_by_name(),
            "can_edit": request.user.has_perm("labour_market.manage_thresholds"),
        },
    )


@login_required
def threshold_update(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "labour_market.manage_thresholds")
    threshold_set = get_object_or_404(ThresholdSet, pk=pk)
    form = ThresholdForm(request.POST or None, threshold_set=threshold_set)
    if request.method == "POST" and form.is_valid():
        try:
            revised = threshold_set_revise(
                actor=request.user,
                threshold_set=threshold_set,
                params=form.params(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(set)s is now in use. Results computed under earlier versions keep them.")
                % {"set": revised},
            )
            return redirect("labour_market:threshold_list")
    return render(
        request,
        "labour_market/threshold_form.html",
        {"threshold_set": threshold_set, "form": form},
    )


# --- MEN forecast and the school offer ----------------------------------------------------


def forecast_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    form = ForecastFilterForm(request.GET)
    form.is_valid()
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    years = selectors.forecast_years()
    year = data.get("year") or (years[0] if years else None)
    entries = selectors.forecast_entries(
        year=year, demand=data.get("demand") or "", q=data.get("q") or ""
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "labour_market/forecast_list.html",
        {"form": form, "year": year, "page_obj": page, "demo": selectors.is_demo_data()},
    )


def supply_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    form = SupplyFilterForm(request.GET)
    form.is_valid()
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    rows = selectors.supply_rows(
        county=data.get("county"),
        q=data.get("q") or "",
        year=data.get("year") or None,
        provision=data.get("provision") or "",
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "labour_market/supply_list.html",
        {"form": form, "page_obj": page, "demo": selectors.is_demo_data()},
    )
