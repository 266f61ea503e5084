"""Indicators: definitions, targets, measurements, links to the tree, open data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.forms import add_service_errors
from skillshub.core.models import County
from skillshub.core.pagecache import public_page

from .. import exports, selectors, services
from ..choices import TerritorialLevel, VersionStatus
from ..forms_indicators import IndicatorForm, LinkForm, MeasurementForm, TargetForm
from ..models import Indicator, IndicatorLink, Measurement, Programme, ProgrammeVersion
from ..progress import final_target, indicator_progress

EDITABLE = (VersionStatus.DRAFT, VersionStatus.CONSULTED)

# --- Access -------------------------------------------------------------------------------------


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise Http404


def _sees_drafts(user: Any) -> bool:
    return bool(user.has_perm("programme.view_drafts"))


def _check_programme_visible(user: Any, programme: Programme) -> None:
    """A programme never adopted is a draft: the office's and the WZK's only."""
    if _sees_drafts(user):
        return
    if not programme.versions.filter(status=VersionStatus.ADOPTED).exists():
        raise Http404


def get_programme_for_user(user: Any, pk: int, *, write: bool = False) -> Programme:
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None:
        raise Http404
    _check_programme_visible(user, programme)
    if write:
        _require(user, "programme.change_indicators")
    return programme


def get_indicator_for_user(user: Any, pk: int, *, perm: str | None = None) -> Indicator:
    indicator = Indicator.objects.select_related("programme").filter(pk=pk).first()
    if indicator is None:
        raise Http404
    _check_programme_visible(user, indicator.programme)
    if perm is not None:
        _require(user, perm)
    return indicator


def _visible_statuses(user: Any) -> list[str]:
    if _sees_drafts(user):
        return [VersionStatus.ADOPTED, *EDITABLE]
    return [VersionStatus.ADOPTED]


def editable_version(programme: Programme) -> ProgrammeVersion | None:
    """The version links are made in: the latest draft or consulted one."""
    return programme.versions.filter(status__in=EDITABLE).order_by("-number").first()


def _percent(progress: float | None) -> int | None:
    return None if progress is None else round(progress * 100)


# --- The list -----------------------------------------------------------------------------------


@dataclass
class Row:
    state: selectors.IndicatorState
    percent: int | None
    links: list[IndicatorLink]


@public_page("programme")
def indicator_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    kind = request.GET.get("kind", "")
    states = selectors.indicator_states(programme=programme)
    links: dict[int, list[IndicatorLink]] = {}
    for link in (
        IndicatorLink.objects.filter(
            indicator__programme=programme,
            node__version__status__in=_visible_statuses(request.user),
        )
        .select_related("node", "node__version")
        .order_by("node__version__number", "node__code")
    ):
        links.setdefault(link.indicator_id, []).append(link)
    rows = [
        Row(state=state, percent=_percent(state.progress), links=links.get(pk_, []))
        for pk_, state in states.items()
        if not kind or (kind == "context") == state.indicator.is_context
    ]
    rows.sort(key=lambda r: r.state.indicator.code)
    return render(
        request,
        "programme/indicator_list.html",
        {"programme": programme, "rows": rows, "kind": kind},
    )


# --- Create and edit ----------------------------------------------------------------------------


@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, write=True)
    if request.method == "POST":
        form = IndicatorForm(request.POST, instance=Indicator(programme=programme))
        if form.is_valid():
            try:
                indicator = services.indicator_create(
                    programme=programme, actor=request.user, data=form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The indicator has been added."))
                return redirect(indicator)
        return render(
            request,
            "programme/indicator_form.html",
            {"form": form, "programme": programme},
            status=400,
        )
    form = IndicatorForm(instance=Indicator(programme=programme))
    return render(request, "programme/indicator_form.html", {"form": form, "programme": programme})


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, perm="programme.change_indicators")
    programme = indicator.programme
    context: dict[str, Any] = {"programme": programme, "indicator": indicator}
    if request.method == "POST":
        # A throwaway copy: the form writes into its instance, the service into the row.
        form = IndicatorForm(request.POST, instance=Indicator.objects.get(pk=indicator.pk))
        if form.is_valid():
            try:
                services.indicator_update(
                    indicator=indicator, actor=request.user, data=form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(indicator)
        return render(
            request, "programme/indicator_form.html", {**context, "form": form}, status=400
        )
    form = IndicatorForm(instance=indicator)
    return render(request, "programme/indicator_form.html", {**context, "form": form})


# --- The page -----------------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    indicator: Indicator,
    *,
    target_form: TargetForm | None = None,
    measurement_form: MeasurementForm | None = None,
    link_form: LinkForm | None = None,
    link_error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    programme = indicator.programme
    measurements = list(
        Measurement.objects.for_region()
        .filter(indicator=indicator)
        .select_related("entered_by")
        .order_by("year")
    )
    targets = list(indicator.targets.order_by("year"))
    aim = final_target((t.year, t.value) for t in targets)
    latest = measurements[-1] if measurements else None
    progress = None
    if not indicator.is_context:
        progress = indicator_progress(
            baseline=indicator.baseline_value,
            target=aim[1] if aim else None,
            latest=latest.value if latest else None,
            direction=indicator.direction,
        )
    counties: list[tuple[County, int, Decimal]] = []
    if indicator.level == TerritorialLevel.COUNTY:
        values = selectors.county_values(indicator=indicator)
        counties = [
            (county, *values[county.teryt])
            for county in County.objects.filter(teryt__in=values).order_by("teryt")
        ]
    links = list(
        indicator.links.filter(node__version__status__in=_visible_statuses(user))
        .select_related("node", "node__version")
        .order_by("node__version__number", "node__code")
    )
    can_change = user.has_perm("programme.change_indicators")
    can_record = user.has_perm("programme.record_measurements")
    version = editable_version(programme) if can_change else None
    if can_change and target_form is None:
        target_form = TargetForm()
    if can_record and measurement_form is None:
        measurement_form = MeasurementForm(indicator=indicator)
    if version is not None and link_form is None:
        link_form = LinkForm(version=version)
    return render(
        request,
        "programme/indicator_detail.html",
        {
            "programme": programme,
            "indicator": indicator,
            "measurements": measurements,
            "targets": targets,
            "aim": aim,
            "latest": latest,
            "percent": _percent(progress),
            "counties": counties,
            "links": links,
            "can_change": can_change,
            "can_record": can_record,
            "show_who": can_record,
            "editable_version": version,
            "target_form": target_form,
            "measurement_form": measurement_form,
            "link_form": link_form,
            "link_error": link_error,
        },
        status=status,
    )


@public_page("programme")
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_indicator_for_user(request.user, pk))


@login_required
@require_POST
def target_set(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, perm="programme.change_indicators")
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.target_set(
                indicator=indicator,
                actor=request.user,
                year=form.cleaned_data["year"],
                value=form.cleaned_data["value"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect(indicator)
    return _detail(request, indicator, target_form=form, status=400)


@login_required
@require_POST
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, perm="programme.record_measurements")
    form = MeasurementForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            services.measurement_record(
                indicator=indicator,
                actor=request.user,
                year=form.cleaned_data["year"],
                value=form.cleaned_data["value"],
                county=form.cleaned_data.get("county"),
                unit=form.cleaned_data["unit"],
                source_note=form.cleaned_data["source_note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The value has been recorded."))
            return redirect(indicator)
    return _detail(request, indicator, measurement_form=form, status=400)


@login_required
@require_POST
def indicator_link(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, perm="programme.change_indicators")
    version = editable_version(indicator.programme)
    if version is None:
        return _detail(
            request,
            indicator,
            link_error=_(
                "The programme has no version in preparation. Start a revision of the "
                "adopted version to link indicators to its objectives and actions."
            ),
            status=400,
        )
    form = LinkForm(request.POST, version=version)
    if form.is_valid():
        try:
            services.indicator_link(
                indicator=indicator,
                node=form.cleaned_data["node"],
                actor=request.user,
                weight=form.cleaned_data["weight"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The indicator has been linked."))
            return redirect(indicator)
    return _detail(request, indicator, link_form=form, status=400)


# --- Open data ----------------------------------------------------------------------------------


def measurements_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    programme = get_programme_for_user(request.user, pk)
    response = StreamingHttpResponse(
        exports.csv_stream(exports.measurements_of(programme)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="programme-{programme.pk}-measurements.csv"'
    )
    return response
