"""REST API for the programme: the tree with progress, indicators and measurements as open data
(JSON and CSV), and the office's writes (measurements, targets) through the same services as
the pages.

Anonymous callers see adopted programmes only; a programme never adopted, and any version in
preparation, is shown to tokens of people who may see drafts. A forbidden object answers 404.
Values are JSON numbers; the CSV carries them exactly as stored.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from skillshub.accounts.api_auth import TokenOrAnonymous
from skillshub.core.models import County

from . import exports, selectors, services
from .choices import VersionStatus
from .models import REGION, Indicator, Measurement, Programme, ProgrammeVersion
from .progress import Part, rollup

router = Router(tags=["programme"], auth=TokenOrAnonymous())

# --- Schemas ----------------------------------------------------------------------------------


class ProgrammeOut(Schema):
    id: int
    name: str
    start_year: int
    end_year: int
    description: str
    rollup_rule: str = Field(..., description="how progress rolls up: weighted or unweighted")
    adopted_version: int | None = Field(..., description="the number of the adopted version")
    url: str


class VersionOut(Schema):
    id: int
    number: int
    status: str
    status_label: str
    note: str
    adopted_on: datetime.date | None
    adopted_by: str = Field(..., description="the board's resolution")


class NodeIndicatorOut(Schema):
    id: int
    code: str
    weight: float
    progress: float | None


class NodeOut(Schema):
    id: int
    key: str = Field(..., description="the same node across versions")
    kind: str
    code: str
    title: str
    status: str
    weight: float
    lead: str | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    funding_source: str
    budget_planned: float | None
    budget_spent: float | None
    progress: float | None = Field(..., description="0–1, rolled up; null: no data")
    percent: int | None
    parts: int
    parts_with_data: int
    indicators: list[NodeIndicatorOut]
    children: list["NodeOut"]


NodeOut.model_rebuild()


class ProgrammeDetailOut(ProgrammeOut):
    version: VersionOut | None = Field(..., description="the version shown")
    progress: float | None = Field(..., description="the objectives' roll-up, 0–1")
    percent: int | None
    tree: list[NodeOut]


class TargetOut(Schema):
    year: int
    value: float


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    definition: str
    unit: str
    source: str
    level: str
    direction: str
    is_context: bool
    baseline_value: float | None
    baseline_year: int | None
    targets: list[TargetOut]
    target_year: int | None = Field(..., description="the final target's year")
    target: float | None
    latest_year: int | None = Field(..., description="the region's latest value")
    latest: float | None
    progress: float | None = Field(..., description="0–1; null: no data or a context indicator")
    percent: int | None
    url: str


class MeasurementOut(Schema):
    year: int
    territory: str = Field(..., description="“region” or the county's 4-digit TERYT code")
    territory_name: str
    value: float
    source_note: str


class MeasurementIn(Schema):
    year: int
    value: Decimal | str = Field(..., description="a number; a decimal comma is accepted")
    county: str | None = Field(None, description="the county's TERYT code; empty: the region")
    unit: str | None = Field(None, description="if given, must be the indicator's unit")
    source_note: str = ""


class TargetIn(Schema):
    year: int
    value: Decimal | str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


class Message(Schema):
    detail: str


# --- Helpers ----------------------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


def _sees_drafts(request: HttpRequest) -> bool:
    user = _user(request)
    return bool(user is not None and user.has_perm("programme.view_drafts"))


def _require(request: HttpRequest, perm: str) -> Any:
    """Writes are the office's: no token is 401; anyone else's token meets a 404."""
    user = _user(request)
    if user is None or not user.is_authenticated:
        raise HttpError(401, "This needs an API token (Authorization: Bearer <token>).")
    if not user.has_perm(perm):
        raise Http404
    return user


def _validation_response(exc: ValidationError) -> Status[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return Status(422, {"detail": "The request cannot be carried out.", "errors": errors})


def _programmes(request: HttpRequest) -> QuerySet[Programme]:
    programmes = Programme.objects.all()
    if not _sees_drafts(request):
        programmes = programmes.filter(versions__status=VersionStatus.ADOPTED)
    return programmes


def _programme(request: HttpRequest, programme_id: int) -> Programme:
    programme = _programmes(request).filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


def _indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    indicator = Indicator.objects.select_related("programme").filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404
    _programme(request, indicator.programme_id)
    return indicator


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _percent(progress: float | None) -> int | None:
    return None if progress is None else round(progress * 100)


def _programme_out(programme: Programme, versions: list[ProgrammeVersion]) -> dict[str, Any]:
    adopted = [v.number for v in versions if v.status == VersionStatus.ADOPTED]
    return {
        "id": programme.pk,
        "name": programme.name,
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "description": programme.description,
        "rollup_rule": programme.rollup_rule,
        "adopted_version": adopted[0] if adopted else None,
        "url": programme.get_absolute_url(),
    }


def _node_out(state: selectors.NodeState) -> dict[str, Any]:
    node = state.node
    return {
        "id": node.pk,
        "key": str(node.key),
        "kind": node.kind,
        "code": node.code,
        "title": node.title,
        "status": node.status,
        "weight": float(node.weight),
        "lead": node.lead.name if node.lead else None,
        "start_date": node.start_date,
        "end_date": node.end_date,
        "funding_source": node.funding_source,
        "budget_planned": _number(node.budget_planned),
        "budget_spent": _number(node.budget_spent),
        "progress": state.progress.progress,
        "percent": _percent(state.progress.progress),
        "parts": state.progress.parts,
        "parts_with_data": state.progress.with_data,
        "indicators": [
            {
                "id": s.indicator.pk,
                "code": s.indicator.code,
                "weight": float(weight),
                "progress": s.progress,
            }
            for s, weight in state.indicators
        ],
        "children": [_node_out(child) for child in state.children],
    }


def _indicator_out(state: selectors.IndicatorState) -> dict[str, Any]:
    indicator = state.indicator
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "source": indicator.source,
        "level": indicator.level,
        "direction": indicator.direction,
        "is_context": indicator.is_context,
        "baseline_value": _number(indicator.baseline_value),
        "baseline_year": indicator.baseline_year,
        "targets": [{"year": y, "value": float(v)} for y, v in state.targets],
        "target_year": state.target_year,
        "target": _number(state.target),
        "latest_year": state.latest_year,
        "latest": _number(state.latest),
        "progress": state.progress,
        "percent": _percent(state.progress),
        "url": indicator.get_absolute_url(),
    }


def _measurement_out(measurement: Measurement) -> dict[str, Any]:
    county = measurement.county
    return {
        "year": measurement.year,
        "territory": county.teryt if county else REGION,
        "territory_name": county.name if county else "",
        "value": float(measurement.value),
        "source_note": measurement.source_note,
    }


# --- Reads ------------------------------------------------------------------------------------


@router.get("/programmes", response=list[ProgrammeOut])
def list_programmes(request: HttpRequest) -> Any:
    """Programmes: the adopted ones; with a staff token also those still in preparation."""
    programmes = list(_programmes(request).distinct().prefetch_related("versions"))
    return [_programme_out(p, list(p.versions.all())) for p in programmes]


@router.get("/programmes/{programme_id}", response=ProgrammeDetailOut)
def get_programme(
    request: HttpRequest,
    programme_id: int,
    version: int | None = Query(None, description="a version's number (staff tokens only)"),
) -> Any:
    """The programme and its tree, each node with its rolled-up progress. Anonymous callers get
    the adopted version; a staff token gets the current one (adopted, else the latest) or the
    version asked for."""
    programme = _programme(request, programme_id)
    versions = list(programme.versions.all())
    shown: ProgrammeVersion | None
    if not _sees_drafts(request):
        shown = next(v for v in versions if v.status == VersionStatus.ADOPTED)
    elif version is not None:
        shown = next((v for v in versions if v.number == version), None)
        if shown is None:
            raise Http404
    else:
        shown = selectors.current_version(programme)
    tree = selectors.version_progress(version=shown) if shown is not None else []
    overall = rollup(
        (Part(s.progress.progress, s.node.weight) for s in tree), rule=programme.rollup_rule
    )
    return {
        **_programme_out(programme, versions),
        "version": None
        if shown is None
        else {
            "id": shown.pk,
            "number": shown.number,
            "status": shown.status,
            "status_label": str(shown.get_status_display()),
            "note": shown.note,
            "adopted_on": shown.adopted_on,
            "adopted_by": shown.adopted_by,
        },
        "progress": overall.progress,
        "percent": _percent(overall.progress),
        "tree": [_node_out(s) for s in tree],
    }


@router.get("/programmes/{programme_id}/indicators", response=list[IndicatorOut])
def list_indicators(request: HttpRequest, programme_id: int) -> Any:
    """Every indicator with its baseline, targets, the region's latest value and progress."""
    programme = _programme(request, programme_id)
    states = selectors.indicator_states(programme=programme)
    return [_indicator_out(s) for s in sorted(states.values(), key=lambda s: s.indicator.code)]


@router.get("/indicators/{indicator_id}/measurements", response=list[MeasurementOut])
def list_measurements(request: HttpRequest, indicator_id: int) -> Any:
    """Every value of the indicator, for the region and per county, by year."""
    indicator = _indicator(request, indicator_id)
    return [_measurement_out(m) for m in exports.measurements_of_indicator(indicator)]


CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "UTF-8 with a BOM, `;` separated",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


@router.get("/indicators/{indicator_id}/measurements.csv", openapi_extra=CSV_RESPONSE)
def measurements_csv(request: HttpRequest, indicator_id: int) -> StreamingHttpResponse:
    """The same values as CSV (open data)."""
    indicator = _indicator(request, indicator_id)
    response = StreamingHttpResponse(
        exports.csv_stream(exports.measurements_of_indicator(indicator)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="indicator-{indicator.pk}-measurements.csv"'
    )
    return response


# --- Writes -----------------------------------------------------------------------------------


@router.post(
    "/indicators/{indicator_id}/measurements",
    response={201: MeasurementOut, 401: Message, 404: Message, 422: FieldErrors},
)
def record_measurement(request: HttpRequest, indicator_id: int, payload: MeasurementIn) -> Any:
    """Record (or correct) a value. Refused with 422: a year outside the programme, a value
    that is not a number, another unit, a county for a region-level indicator."""
    actor = _require(request, "programme.record_measurements")
    indicator = _indicator(request, indicator_id)
    county = None
    if payload.county:
        county = County.objects.in_region().filter(teryt=payload.county.strip()).first()
        if county is None:
            return _validation_response(
                ValidationError({"county": "No county of the region has this TERYT code."})
            )
    try:
        measurement = services.measurement_record(
            indicator=indicator,
            actor=actor,
            year=payload.year,
            value=payload.value,
            county=county,
            unit=payload.unit,
            source_note=payload.source_note,
        )
    except ValidationError as exc:
        return _validation_response(exc)
    return Status(201, _measurement_out(measurement))


@router.post(
    "/indicators/{indicator_id}/targets",
    response={201: TargetOut, 401: Message, 404: Message, 422: FieldErrors},
)
def set_target(request: HttpRequest, indicator_id: int, payload: TargetIn) -> Any:
    """Set the target for a year (replacing one already set). Refused with 422: a year not
    after the baseline year, a target against the indicator's direction."""
    actor = _require(request, "programme.change_indicators")
    indicator = _indicator(request, indicator_id)
    try:
        target = services.target_set(
            indicator=indicator, actor=actor, year=payload.year, value=payload.value
        )
    except ValidationError as exc:
        return _validation_response(exc)
    return Status(201, {"year": target.year, "value": float(target.value)})
