"""The labour-market API: open data. MZDiN indicators and classes per occupation × territory ×
period (JSON and CSV with the same filters), the occupation hierarchy, the periods and
threshold sets available, the CLOSED Barometr rounds and the MEN forecast. Anonymous callers
are welcome; an open Barometr round is not open data (its ratings may still change).

No ``from __future__ import annotations`` here: django-ninja builds its query-parameter model
from the real annotations."""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from skillshub.accounts.api_auth import TokenOrAnonymous
from skillshub.core.csvstream import BOM, csv_writer
from skillshub.core.pagination import BoundedPagination

from .choices import BarometrLevel, MzdinClass, RoundStatus, TerritoryKind
from .models import (
    LEVEL_DIGITS,
    BarometrGroup,
    BarometrRound,
    ForecastEntry,
    MzdinCount,
    MzdinResult,
    Occupation,
    ThresholdSet,
)
from .selectors_barometr import RATED_LEVELS, distribution

router = Router(tags=["labour-market"], auth=TokenOrAnonymous())

DEFAULT_SET = "MZDiN-2015"
CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "UTF-8 with a BOM, `;` separated",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}
CHUNK = 2000

# --- Schemas ----------------------------------------------------------------------------------


class MzdinIndicatorOut(Schema):
    period: str
    level: int = Field(description="digits of the KZiS code: 1, 2, 3, 4 or 6")
    code: str
    name: str = Field(description="the KZiS name of the occupation or group")
    territory_kind: str = Field(description="county, subregion or region")
    territory_code: str = Field(description="TERYT of the county or region; the subregion's code")
    offers: int = Field(description="O: job offers")
    unemployed: int = Field(description="B: registered unemployed")
    inflow: int = Field(description="Bn: inflow of unemployed")
    outflow: int = Field(description="Bo: outflow of unemployed")
    long_term: int = Field(description="Bd: long-term unemployed")
    intensity: float | None = Field(description="W = O/B; null when B = 0")
    long_term_share: float | None = Field(description="Bd/B; null when B = 0")
    fluidity: float | None = Field(description="Bo/Bn; null when Bn = 0")
    klass: str = Field(description="the class under the threshold set")
    threshold_set: str
    threshold_version: int


class OccupationNodeOut(Schema):
    code: str
    name: str
    level: int


class SchoolOccupationOut(Schema):
    code: str
    name: str
    sector: str
    school_types: str


class EscoOut(Schema):
    code: str
    label: str


class OccupationOut(Schema):
    code: str
    name: str
    level: int
    parents: list[OccupationNodeOut] = Field(description="from the major group down to the parent")
    children: list[str] = Field(description="codes one level below")
    school_occupations: list[SchoolOccupationOut]
    esco: list[EscoOut]
    url: str


class SetRefOut(Schema):
    name: str
    version: int


class PeriodOut(Schema):
    period: str
    counts: int = Field(description="MZDiN count rows (6 digits × county)")
    computed: list[SetRefOut] = Field(description="threshold sets with results for the period")


class ThresholdSetOut(Schema):
    name: str
    version: int
    method: str
    params: dict[str, float]
    is_active: bool
    note: str


class PeriodsOut(Schema):
    periods: list[PeriodOut]
    threshold_sets: list[ThresholdSetOut]


class LevelCountOut(Schema):
    level: int = Field(description="1 large deficit … 5 large surplus")
    label: str
    counties: int


class BarometrGroupOut(Schema):
    name: str
    occupations: list[str] = Field(description="6-digit KZiS codes")
    levels: list[LevelCountOut]
    no_rating: int = Field(description="counties without a rating")
    median: int | None = Field(description="the lower median level of the rated counties")
    change: str = Field(description="against the previous round: up (towards deficit), down, …")


class BarometrOut(Schema):
    year: int
    status: str
    closed_at: datetime.datetime | None
    counties: int = Field(description="counties covered by the panels")
    previous_year: int | None
    groups: list[BarometrGroupOut]


class ForecastOut(Schema):
    code: str = Field(description="KZSB code")
    name: str
    demand: str
    demand_label: str


# --- Helpers ----------------------------------------------------------------------------------


def _threshold_set(name: str, version: int | None) -> ThresholdSet:
    """The set asked for; without a version, the one in use (else the latest)."""
    sets = ThresholdSet.objects.filter(name=name or DEFAULT_SET)
    if version is not None:
        chosen = sets.filter(version=version).first()
    else:
        chosen = sets.order_by("-is_active", "-version").first()
    if chosen is None:
        raise HttpError(404, "No threshold set of this name and version.")
    return chosen


def _results(
    *,
    period: str,
    threshold_set: str,
    version: int | None,
    level: int | None,
    territory_kind: str,
    territory_code: str,
    code: str,
    klass: str,
) -> tuple[QuerySet[MzdinResult], ThresholdSet]:
    # PostgreSQL refuses NUL in text (a 500 schemathesis found): refuse it here, as a 422.
    if any("\x00" in text for text in (period, threshold_set, territory_code, code)):
        raise HttpError(422, "Text parameters cannot contain NUL characters.")
    if level is not None and level not in LEVEL_DIGITS:
        raise HttpError(422, "level is one of 1, 2, 3, 4, 6.")
    if territory_kind and territory_kind not in TerritoryKind.values:
        raise HttpError(422, "territory_kind is one of " + ", ".join(TerritoryKind.values))
    if klass and klass not in MzdinClass.values:
        raise HttpError(422, "klass is one of " + ", ".join(MzdinClass.values))
    chosen = _threshold_set(threshold_set, version)
    results = MzdinResult.objects.filter(threshold_set=chosen)
    if period:
        results = results.filter(period=period.strip().upper())
    if level is not None:
        results = results.filter(level=level)
    if territory_kind:
        results = results.filter(territory_kind=territory_kind)
    if territory_code:
        results = results.filter(territory_code=territory_code.strip())
    if code:
        results = results.filter(code__startswith=code.strip())
    if klass:
        results = results.filter(klass=klass)
    return results.order_by("period", "level", "code", "territory_kind", "territory_code"), chosen


def _indicator_out(
    result: MzdinResult, names: dict[str, str], chosen: ThresholdSet
) -> dict[str, Any]:
    return {
        "period": result.period,
        "level": result.level,
        "code": result.code,
        "name": names.get(result.code, ""),
        "territory_kind": result.territory_kind,
        "territory_code": result.territory_code,
        "offers": result.offers,
        "unemployed": result.unemployed,
        "inflow": result.inflow,
        "outflow": result.outflow,
        "long_term": result.long_term,
        "intensity": result.intensity,
        "long_term_share": result.long_term_share,
        "fluidity": result.fluidity,
        "klass": result.klass,
        "threshold_set": chosen.name,
        "threshold_version": chosen.version,
    }


class _IndicatorPage:
    """A lazily sliced queryset; each page's occupation names come in one query."""

    def __init__(self, queryset: QuerySet[MzdinResult], chosen: ThresholdSet) -> None:
        self.queryset = queryset
        self.chosen = chosen

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        rows = list(self.queryset[key])
        names = dict(
            Occupation.objects.filter(code__in={r.code for r in rows}).values_list("code", "name")
        )
        return [_indicator_out(r, names, self.chosen) for r in rows]


CSV_HEADER = [
    "period", "level", "code", "name", "territory_kind", "territory_code", "O", "B", "Bn", "Bo",
    "Bd", "W", "Bd/B", "Bo/Bn", "class", "threshold_set", "threshold_version",
]  # fmt: skip


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


# --- Endpoints --------------------------------------------------------------------------------


@router.get("/indicators", response=list[MzdinIndicatorOut])
@paginate(BoundedPagination)
def list_indicators(
    request: HttpRequest,
    period: str = "",
    threshold_set: str = DEFAULT_SET,
    version: int | None = None,
    level: int | None = None,
    territory_kind: str = "",
    territory_code: str = "",
    code: str = "",
    klass: str = "",
) -> Any:
    """MZDiN indicators and classes. ``threshold_set`` is a set's name (default the MZDiN-2015
    set in use; ``version`` picks another version); ``code`` is a KZiS code prefix."""
    results, chosen = _results(
        period=period,
        threshold_set=threshold_set,
        version=version,
        level=level,
        territory_kind=territory_kind,
        territory_code=territory_code,
        code=code,
        klass=klass,
    )
    return _IndicatorPage(results, chosen)


@router.get("/indicators.csv", openapi_extra=CSV_RESPONSE)
def indicators_csv(
    request: HttpRequest,
    period: str = "",
    threshold_set: str = DEFAULT_SET,
    version: int | None = None,
    level: int | None = None,
    territory_kind: str = "",
    territory_code: str = "",
    code: str = "",
    klass: str = "",
) -> StreamingHttpResponse:
    """The same indicators as CSV (every row, streamed; open data)."""
    results, chosen = _results(
        period=period,
        threshold_set=threshold_set,
        version=version,
        level=level,
        territory_kind=territory_kind,
        territory_code=territory_code,
        code=code,
        klass=klass,
    )

    def stream() -> Iterator[str]:
        names = dict(Occupation.objects.values_list("code", "name"))
        writer = csv_writer()
        yield BOM
        yield writer.writerow(CSV_HEADER)
        for r in results.iterator(chunk_size=CHUNK):
            yield writer.writerow(
                [
                    r.period, r.level, r.code, names.get(r.code, ""), r.territory_kind,
                    r.territory_code, r.offers, r.unemployed, r.inflow, r.outflow, r.long_term,
                    _number(r.intensity), _number(r.long_term_share), _number(r.fluidity),
                    r.klass, chosen.name, chosen.version,
                ]
            )  # fmt: skip

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mzdin-wskazniki.csv"'
    return response


@router.get("/occupations/{code}", response=OccupationOut)
def get_occupation(request: HttpRequest, code: str) -> Any:
    """One node of KZiS 2023: its groups above, its codes below, KZSB and ESCO links."""
    node = None if "\x00" in code else Occupation.objects.filter(code=code).first()
    if node is None:
        raise Http404
    prefixes = [code[:digits] for digits in LEVEL_DIGITS if digits < len(code)]
    parents = Occupation.objects.filter(code__in=prefixes).order_by("level")
    return {
        "code": node.code,
        "name": node.name,
        "level": node.level,
        "parents": [{"code": p.code, "name": p.name, "level": p.level} for p in parents],
        "children": list(node.children.order_by("code").values_list("code", flat=True)),
        "school_occupations": [
            {"code": s.code, "name": s.name, "sector": s.sector, "school_types": s.school_types}
            for s in node.school_occupations.order_by("code")
        ],
        "esco": [
            {"code": e.esco_code, "label": e.esco_label}
            for e in node.esco_links.order_by("esco_code")
        ],
        "url": node.get_absolute_url(),
    }


@router.get("/periods", response=PeriodsOut)
def list_periods(request: HttpRequest) -> Any:
    """The periods with MZDiN counts, which threshold sets have results for each, and every
    threshold set (name, version, method and numbers)."""
    counts = dict(
        MzdinCount.objects.values("period")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("period", "n")
    )
    computed: dict[str, list[dict[str, Any]]] = {}
    for period, name, version in (
        MzdinResult.objects.values_list("period", "threshold_set__name", "threshold_set__version")
        .distinct()
        .order_by("period", "threshold_set__name", "threshold_set__version")
    ):
        computed.setdefault(period, []).append({"name": name, "version": version})
    periods = sorted(set(counts) | set(computed))
    return {
        "periods": [
            {"period": p, "counts": counts.get(p, 0), "computed": computed.get(p, [])}
            for p in periods
        ],
        "threshold_sets": [
            {
                "name": s.name,
                "version": s.version,
                "method": s.method,
                "params": {k: float(v) for k, v in s.params.items()},
                "is_active": s.is_active,
                "note": s.note,
            }
            for s in ThresholdSet.objects.order_by("name", "version")
        ],
    }


@router.get("/barometr/{year}", response=BarometrOut)
def get_barometr(request: HttpRequest, year: int) -> Any:
    """A closed Barometr zawodów round: per occupation group, how many counties sit at each
    level. An open round answers 404 (its ratings may still change)."""
    barometr_round = BarometrRound.objects.filter(year=year, status=RoundStatus.CLOSED).first()
    if barometr_round is None:
        raise Http404
    result = distribution(barometr_round)
    codes: dict[int, list[str]] = {}
    through = BarometrGroup.occupations.through
    for group_id, code in (
        through.objects.filter(barometrgroup__round=barometr_round)
        .order_by("occupation__code")
        .values_list("barometrgroup_id", "occupation__code")
    ):
        codes.setdefault(group_id, []).append(code)
    labels = {level: str(BarometrLevel(level).label) for level in RATED_LEVELS}
    previous = result.previous
    return {
        "year": barometr_round.year,
        "status": barometr_round.status,
        "closed_at": barometr_round.closed_at,
        "counties": result.counties,
        "previous_year": previous.year if previous else None,
        "groups": [
            {
                "name": row.name,
                "occupations": codes.get(row.group_id, []),
                "levels": [
                    {"level": level, "label": labels[level], "counties": row.counts.get(level, 0)}
                    for level in RATED_LEVELS
                ],
                "no_rating": row.no_rating,
                "median": row.median,
                "change": row.change,
            }
            for row in result.rows
        ],
    }


@router.get("/forecast/{year}", response=list[ForecastOut])
def get_forecast(request: HttpRequest, year: int) -> Any:
    """The MEN forecast of the year: special demand nationally, significant or moderate demand
    in the region, by KZSB code. A year without a forecast answers 404."""
    entries = list(
        ForecastEntry.objects.filter(year=year)
        .select_related("school_occupation")
        .order_by("demand", "school_occupation__code")
    )
    if not entries:
        raise Http404
    return [
        {
            "code": e.school_occupation.code,
            "name": e.school_occupation.name,
            "demand": e.demand,
            "demand_label": str(e.get_demand_display()),
        }
        for e in entries
    ]
