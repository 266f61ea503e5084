"""The public dashboard: progress per objective, indicator trends with their targets, the county
map and the actions at risk.

The page is read in a fixed number of queries whatever the size of the programme: the version
(1), ``indicator_states`` once (3), ``version_progress`` given those states (2), the counties
and the map indicator's county values (2). Charts are drawn by ``static/js/programme-charts.js``
from ``json_script`` blocks; every chart has a text alternative and a data table, so the page
reads the same without JavaScript.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from skillshub.core.models import County
from skillshub.core.pagecache import public_page

from .. import selectors
from ..choices import ActionStatus, NodeKind, TerritorialLevel, VersionStatus
from ..models import Indicator, Programme, ProgrammeVersion
from ..selectors import IndicatorState, NodeState

# How many indicator charts a section shows before "show all".
CHARTS_SHOWN = 6
GEOJSON = (
    Path(__file__).resolve().parents[2] / "core" / "data" / "region" / "powiaty_lubuskie.geojson"
)
AT_RISK = (ActionStatus.AT_RISK, ActionStatus.DELAYED)


@functools.cache
def _county_shapes() -> str:
    """The counties' geometry as shipped (read once per process; d3-geo's winding already)."""
    return GEOJSON.read_text(encoding="utf-8")


# --- Which programme and version ----------------------------------------------------------------


def _sees_drafts(request: HttpRequest) -> bool:
    return bool(request.user.has_perm("programme.view_drafts"))


def _latest_adopted() -> ProgrammeVersion | None:
    return (
        ProgrammeVersion.objects.filter(status=VersionStatus.ADOPTED)
        .select_related("programme")
        .order_by("-programme__start_year", "-programme__created_at", "-programme_id")
        .first()
    )


def _version_of(programme: Programme, *, drafts: bool) -> ProgrammeVersion | None:
    """The adopted version; for those who see drafts, the latest one when none is adopted."""
    versions = list(programme.versions.all())
    adopted = [v for v in versions if v.status == VersionStatus.ADOPTED]
    if adopted:
        return adopted[0]
    if drafts and versions:
        return max(versions, key=lambda v: v.number)
    return None


# --- Figures ------------------------------------------------------------------------------------


def _number(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    plain = Decimal(f"{Decimal(str(value)).normalize():f}")
    return formats.number_format(plain, use_l10n=True)


def _with_unit(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{_number(value)}%" if unit.strip() == "%" else f"{_number(value)} {unit}"


def _percent(progress: float | None) -> int | None:
    return None if progress is None else round(progress * 100)


def _expected_share(programme: Programme, today: datetime.date) -> float:
    """The share of the programme's period gone by: progress at or above it is on track."""
    span = programme.end_year - programme.start_year
    if span <= 0:
        return 1.0 if today.year >= programme.end_year else 0.0
    return min(1.0, max(0.0, (today.year - programme.start_year) / span))


@dataclass
class ObjectiveRow:
    code: str
    title: str
    percent: int | None
    parts: int
    with_data: int
    on_track: bool | None


@dataclass
class IndicatorChart:
    state: IndicatorState
    dom_id: str
    caption: str
    rows: list[tuple[int, str, str]]  # year, measured, target
    baseline: str
    data: dict[str, Any]

    @property
    def data_id(self) -> str:
        return f"{self.dom_id}-data"


def _caption(state: IndicatorState) -> str:
    indicator = state.indicator
    unit = indicator.unit
    series = state.series
    if not series:
        text = _("no measurements yet")
    elif len(series) == 1:
        text = _("%(value)s in %(year)s") % {
            "value": _with_unit(series[0][1], unit),
            "year": series[0][0],
        }
    else:
        (first_year, first), (last_year, last) = series[0], series[-1]
        values = {
            "first": _with_unit(first, unit),
            "first_year": first_year,
            "last": _with_unit(last, unit),
            "last_year": last_year,
        }
        if last > first:
            text = _("rose from %(first)s in %(first_year)s to %(last)s in %(last_year)s") % values
        elif last < first:
            text = _("fell from %(first)s in %(first_year)s to %(last)s in %(last_year)s") % values
        else:
            text = _("stayed at %(last)s from %(first_year)s to %(last_year)s") % values
    if state.target is not None:
        text += "; " + _("target %(value)s in %(year)s") % {
            "value": _with_unit(state.target, unit),
            "year": state.target_year,
        }
    if state.progress is not None:
        text += "; " + _("progress %(percent)s%%") % {"percent": _percent(state.progress)}
    return text


def _chart(state: IndicatorState) -> IndicatorChart:
    indicator = state.indicator
    measured = dict(state.series)
    targets = dict(state.targets)
    years = sorted(set(measured) | set(targets))
    rows = [
        (
            year,
            _with_unit(measured.get(year), indicator.unit),
            _with_unit(targets.get(year), indicator.unit),
        )
        for year in years
    ]
    # The target line starts at the baseline, so the path the programme aims at is visible.
    target_points = sorted(state.targets)
    baseline_year, baseline = indicator.baseline_year or 0, indicator.baseline_value
    if target_points and baseline is not None and 0 < baseline_year < target_points[0][0]:
        target_points.insert(0, (baseline_year, baseline))
    data = {
        "title": f"{indicator.code} {indicator.name}",
        "unit": indicator.unit,
        "measured": {"label": _("measured"), "points": [[y, float(v)] for y, v in state.series]},
        "target": {"label": _("target"), "points": [[y, float(v)] for y, v in target_points]},
    }
    return IndicatorChart(
        state=state,
        dom_id=f"indicator-{indicator.pk}",
        caption=_caption(state),
        rows=rows,
        baseline=_with_unit(indicator.baseline_value, indicator.unit),
        data=data,
    )


def _walk(nodes: list[NodeState]) -> Iterator[NodeState]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _dashboard_context(
    request: HttpRequest, version: ProgrammeVersion, *, show_all: bool
) -> dict[str, Any]:
    programme = version.programme
    states = selectors.indicator_states(programme=programme)
    tree = selectors.version_progress(version=version, states=states)
    expected = _expected_share(programme, timezone.localdate())

    objectives = [
        ObjectiveRow(
            code=n.node.code,
            title=n.node.title,
            percent=_percent(n.progress.progress),
            parts=n.progress.parts,
            with_data=n.progress.with_data,
            on_track=None if n.progress.progress is None else n.progress.progress >= expected,
        )
        for n in tree
        if n.node.kind == NodeKind.OBJECTIVE
    ]
    progress_chart = {
        "title": _("Progress per objective"),
        "label": _("progress (%)"),
        "labels": [f"{o.code} {o.title}"[:60] for o in objectives],
        "values": [o.percent for o in objectives],
    }

    ordered = sorted(states.values(), key=lambda s: s.indicator.code)
    own = [_chart(s) for s in ordered if not s.indicator.is_context]
    context_charts = [_chart(s) for s in ordered if s.indicator.is_context]

    actions = [n.node for n in _walk(tree) if n.node.kind == NodeKind.ACTION]
    at_risk = [n.node for n in _walk(tree) if n.node.status in AT_RISK]
    planned = sum((a.budget_planned or Decimal("0") for a in actions), Decimal("0"))
    spent = sum((a.budget_spent or Decimal("0") for a in actions), Decimal("0"))

    county_level = [s.indicator for s in ordered if s.indicator.level == TerritorialLevel.COUNTY]
    chosen = county_level[0] if county_level else None
    wanted = request.GET.get("map", "")
    for indicator in county_level:
        if str(indicator.pk) == wanted:
            chosen = indicator
    county_rows: list[tuple[County, str, int | None]] = []
    if chosen is not None:
        values = selectors.county_values(indicator=chosen)
        for county in County.objects.in_region():
            year, value = values.get(county.teryt, (None, None))
            county_rows.append((county, _with_unit(value, chosen.unit), year))

    return {
        "programme": programme,
        "version": version,
        "sees_drafts": _sees_drafts(request),
        "objectives": objectives,
        "on_track": sum(1 for o in objectives if o.on_track),
        "without_data": sum(1 for o in objectives if o.on_track is None),
        "expected_percent": round(expected * 100),
        "progress_chart": progress_chart,
        "own_charts": own if show_all else own[:CHARTS_SHOWN],
        "context_charts": context_charts if show_all else context_charts[:CHARTS_SHOWN],
        "own_total": len(own),
        "context_total": len(context_charts),
        "show_all": show_all,
        "charts_shown": CHARTS_SHOWN,
        "at_risk": at_risk,
        "action_count": len(actions),
        "budget_planned": planned,
        "budget_spent": spent,
        "budget_percent": round(spent / planned * 100) if planned else None,
        "county_indicators": county_level,
        "map_indicator": chosen,
        "county_rows": county_rows,
        "counties_with_data": sum(1 for row in county_rows if row[2] is not None),
        "map_url": reverse("programme:indicator_map_data", args=[chosen.pk]) if chosen else "",
    }


# --- Views --------------------------------------------------------------------------------------


@public_page("programme")
def dashboard(request: HttpRequest) -> HttpResponse:
    """The most recently adopted programme; for staff and the WZK, the latest programme when
    none is adopted yet."""
    version = _latest_adopted()
    if version is None and _sees_drafts(request):
        programme = Programme.objects.order_by("-start_year", "-created_at", "-pk").first()
        version = _version_of(programme, drafts=True) if programme else None
    if version is None:
        return render(request, "programme/dashboard_empty.html")
    context = _dashboard_context(request, version, show_all=request.GET.get("all") == "1")
    return render(request, "programme/dashboard.html", context)


@public_page("programme")
def programme_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    version = _version_of(programme, drafts=_sees_drafts(request))
    if version is None:
        raise Http404
    version.programme = programme
    context = _dashboard_context(request, version, show_all=request.GET.get("all") == "1")
    return render(request, "programme/dashboard.html", context)


def indicator_map_data(request: HttpRequest, pk: int) -> HttpResponse:
    """The counties' GeoJSON features with the indicator's latest value per county merged into
    their properties (``value`` and ``year``, null where there is no data)."""
    visible = Indicator.objects.all()
    if not _sees_drafts(request):
        visible = visible.filter(Q(programme__versions__status=VersionStatus.ADOPTED)).distinct()
    indicator = get_object_or_404(visible, pk=pk)
    values = selectors.county_values(indicator=indicator)
    shapes = json.loads(_county_shapes())
    for feature in shapes["features"]:
        year, value = values.get(feature["properties"]["teryt"], (None, None))
        feature["properties"]["year"] = year
        feature["properties"]["value"] = None if value is None else float(value)
    shapes["indicator"] = {
        "id": indicator.pk,
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "level": indicator.level,
    }
    return JsonResponse(shapes, json_dumps_params={"ensure_ascii": False})
