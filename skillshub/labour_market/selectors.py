"""Reads for the MZDiN pages, the threshold sets, the occupation page and the overview.

Each function answers one question in a fixed number of queries, whatever the data size:
the result tables are filtered and sorted in the database and occupation names are joined
with a subquery, never fetched row by row. The gap analysis has its own module
(``selectors_gaps.py``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from skillshub.core.models import County

from .choices import BarometrLevel, MzdinClass, RoundStatus, TerritoryKind
from .models import (
    BarometrRating,
    BarometrRound,
    EscoLink,
    ForecastEntry,
    ImportRun,
    MzdinCount,
    MzdinResult,
    Occupation,
    SchoolOccupation,
    SchoolSupply,
    Subregion,
    ThresholdSet,
)

DEFAULT_SET_NAME = "MZDiN-2015"

# The class as short text, shown in every heatmap cell so that the class never rests on
# colour alone (WCAG 1.4.1); the legend spells each one out.
CLASS_SHORT: dict[str, Any] = {
    MzdinClass.MAX_DEFICIT: pgettext_lazy("MZDiN class, short", "D+"),
    MzdinClass.DEFICIT: pgettext_lazy("MZDiN class, short", "D"),
    MzdinClass.BALANCE: pgettext_lazy("MZDiN class, short", "B"),
    MzdinClass.SURPLUS: pgettext_lazy("MZDiN class, short", "S"),
    MzdinClass.MAX_SURPLUS: pgettext_lazy("MZDiN class, short", "S+"),
    MzdinClass.NO_DATA: pgettext_lazy("MZDiN class, short", "–"),
}

# Sort keys offered on the MZDiN table (GET ``sort``, "-" for descending).
SORTS = {
    "code": "code",
    "name": "name",
    "o": "offers",
    "b": "unemployed",
    "w": "intensity",
    "class": "klass",
}


# --- Threshold sets and periods ---------------------------------------------------------


def active_sets() -> QuerySet[ThresholdSet]:
    return ThresholdSet.objects.filter(is_active=True).order_by("name", "-version")


def default_set() -> ThresholdSet | None:
    """The active version of MZDiN-2015, else any active set, else the newest set."""
    sets = list(ThresholdSet.objects.order_by("-is_active", "name", "-version"))
    for candidate in sets:
        if candidate.is_active and candidate.name == DEFAULT_SET_NAME:
            return candidate
    return sets[0] if sets else None


def threshold_sets_by_name() -> list[tuple[str, list[ThresholdSet]]]:
    """Every set grouped by name, newest version first (one query)."""
    grouped: dict[str, list[ThresholdSet]] = defaultdict(list)
    for threshold_set in ThresholdSet.objects.select_related("created_by").order_by(
        "name", "-version"
    ):
        grouped[threshold_set.name].append(threshold_set)
    return list(grouped.items())


def result_periods(threshold_set: ThresholdSet | None = None) -> list[str]:
    """The periods with computed results (of ``threshold_set`` if given), newest first."""
    results = MzdinResult.objects.all()
    if threshold_set is not None:
        results = results.filter(threshold_set=threshold_set)
    return list(results.order_by("-period").values_list("period", flat=True).distinct())


def count_periods() -> list[str]:
    """The periods with imported raw counts, newest first (what can be computed)."""
    return list(MzdinCount.objects.order_by("-period").values_list("period", flat=True).distinct())


def territory_choices() -> list[tuple[str, str]]:
    """``kind:code`` choices: the region, its subregions, its counties (two queries)."""
    choices = [(f"{TerritoryKind.REGION}:{settings.REGION_TERYT}", str(_("the whole region")))]
    choices += [
        (f"{TerritoryKind.SUBREGION}:{s.code}", f"{_('subregion')} {s.name}")
        for s in Subregion.objects.order_by("code")
    ]
    choices += [(f"{TerritoryKind.COUNTY}:{c.teryt}", str(c)) for c in County.objects.in_region()]
    return choices


def is_demo_data() -> bool:
    """Whether the page should say that its numbers are synthetic demo data."""
    return bool(settings.DEBUG) or ImportRun.objects.filter(source_name__icontains="demo").exists()


# --- The MZDiN table ----------------------------------------------------------------------


def name_contains(field_name: str, text: str) -> Q:
    """``icontains`` that also folds Polish capitals on SQLite, whose LIKE folds ASCII only
    ("ślusarz" finds "Ślusarz"); PostgreSQL folds them anyway."""
    variants = {text, text.lower(), text.capitalize(), text.upper()}
    condition = Q()
    for variant in sorted(variants):
        condition |= Q(**{f"{field_name}__icontains": variant})
    return condition


def _with_names(results: QuerySet[MzdinResult]) -> QuerySet[MzdinResult]:
    """Each result with its occupation's name joined in the same query (no N+1)."""
    names = Occupation.objects.filter(code=OuterRef("code")).values("name")[:1]
    return results.annotate(name=Subquery(names))


def mzdin_results(
    *,
    period: str,
    threshold_set: ThresholdSet,
    level: int,
    territory_kind: str,
    territory_code: str,
    klass: str = "",
    q: str = "",
    sort: str = "code",
) -> QuerySet[MzdinResult]:
    """The filtered, sorted results with ``name`` annotated: one query, for the page and the
    CSV alike."""
    results = MzdinResult.objects.filter(
        threshold_set=threshold_set,
        period=period,
        level=level,
        territory_kind=territory_kind,
        territory_code=territory_code,
    )
    if klass:
        results = results.filter(klass=klass)
    q = q.strip()
    if q.isdigit():
        results = results.filter(code__startswith=q)
    elif q:
        matching = Occupation.objects.filter(name_contains("name", q), level=level).values("code")
        results = results.filter(code__in=Subquery(matching))
    results = _with_names(results)
    key = sort.lstrip("-")
    column = SORTS.get(key, "code")
    if sort.startswith("-"):
        ordering = F(column).desc(nulls_last=True)
    else:
        ordering = F(column).asc(nulls_last=True)
    return results.order_by(ordering, "code")


@dataclass
class HeatmapCell:
    klass: str
    label: str
    short: str
    intensity: float | None


@dataclass
class HeatmapRow:
    code: str
    name: str
    cells: list[HeatmapCell | None]


def heatmap(
    *, period: str, threshold_set: ThresholdSet, level: int
) -> tuple[list[County], list[HeatmapRow]]:
    """Occupation × county: one row per code at ``level``, one cell per county of the region
    (``None`` where nothing was computed). Two queries."""
    counties = list(County.objects.in_region())
    column = {c.teryt: i for i, c in enumerate(counties)}
    rows: dict[str, HeatmapRow] = {}
    results = _with_names(
        MzdinResult.objects.filter(
            threshold_set=threshold_set,
            period=period,
            level=level,
            territory_kind=TerritoryKind.COUNTY,
        )
    ).order_by("code", "territory_code")
    for result in results:
        row = rows.get(result.code)
        if row is None:
            row = rows[result.code] = HeatmapRow(
                code=result.code,
                name=getattr(result, "name", None) or "",
                cells=[None] * len(counties),
            )
        index = column.get(result.territory_code)
        if index is not None:
            row.cells[index] = HeatmapCell(
                klass=result.klass,
                label=str(result.get_klass_display()),
                short=str(CLASS_SHORT.get(result.klass, "?")),
                intensity=result.intensity,
            )
    return counties, list(rows.values())


# --- The occupation page ------------------------------------------------------------------


@dataclass
class BarometrCounty:
    county: str
    teryt: str
    group: str
    level: int
    label: str


@dataclass
class OccupationEvidence:
    occupation: Occupation
    ancestors: list[Occupation]
    children: list[Occupation]
    school_occupations: list[SchoolOccupation]
    esco_links: list[EscoLink]
    threshold_set: ThresholdSet | None
    latest_period: str | None
    county_results: list[tuple[County, MzdinResult | None]]
    trend: list[MzdinResult]
    barometr_round: BarometrRound | None
    barometr: list[BarometrCounty]
    forecast: list[ForecastEntry]
    supply: list[SchoolSupply]
    counties: list[County] = field(default_factory=list)


def occupation_with_ancestors(code: str) -> Occupation | None:
    """The occupation with its four possible ancestors in one query."""
    return (
        Occupation.objects.select_related("parent__parent__parent__parent")
        .filter(code=code)
        .first()
    )


def ancestors_of(occupation: Occupation) -> list[Occupation]:
    chain: list[Occupation] = []
    node = occupation.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def _school_filter(occupation: Occupation, prefix: str = "") -> Q:
    """KZSB occupations that are this code, or are mapped to it (or, for a group, to one of
    its occupations)."""
    if occupation.level == 6:
        return Q(**{f"{prefix}code": occupation.code}) | Q(**{f"{prefix}occupation": occupation})
    return Q(**{f"{prefix}code__startswith": occupation.code}) | Q(
        **{f"{prefix}occupation__code__startswith": occupation.code}
    )


def occupation_results(
    occupation: Occupation, threshold_set: ThresholdSet
) -> tuple[str | None, dict[str, MzdinResult], list[MzdinResult]]:
    """The latest period, its county results keyed by TERYT, and the region's trend over
    every period (one query)."""
    results = list(
        MzdinResult.objects.filter(
            threshold_set=threshold_set,
            level=occupation.level,
            code=occupation.code,
            territory_kind__in=[TerritoryKind.COUNTY, TerritoryKind.REGION],
        ).order_by("period", "territory_code")
    )
    latest = max((r.period for r in results), default=None)
    by_county = {
        r.territory_code: r
        for r in results
        if r.period == latest and r.territory_kind == TerritoryKind.COUNTY
    }
    trend = [r for r in results if r.territory_kind == TerritoryKind.REGION]
    return latest, by_county, trend


def occupation_evidence(
    occupation: Occupation, threshold_set: ThresholdSet | None
) -> OccupationEvidence:
    """Everything known about one occupation, per county, in about ten queries."""
    counties = list(County.objects.in_region())
    children = list(occupation.children.order_by("code")) if occupation.level < 6 else []
    school_occupations = list(
        SchoolOccupation.objects.filter(_school_filter(occupation)).order_by("code")
    )
    esco_links = list(EscoLink.objects.filter(occupation=occupation).order_by("esco_code"))
    latest: str | None = None
    by_county: dict[str, MzdinResult] = {}
    trend: list[MzdinResult] = []
    if threshold_set is not None:
        latest, by_county, trend = occupation_results(occupation, threshold_set)

    barometr_round = (
        BarometrRound.objects.filter(status=RoundStatus.CLOSED).order_by("-year").first()
    )
    barometr: list[BarometrCounty] = []
    if barometr_round is not None:
        ratings = (
            BarometrRating.objects.filter(
                round=barometr_round, group__occupations__code__startswith=occupation.code
            )
            .values_list("panel__counties__teryt", "panel__counties__name", "group__name", "level")
            .distinct()
            .order_by("panel__counties__teryt", "group__name")
        )
        for teryt, name, group, level in ratings:
            if teryt is None:
                continue
            barometr.append(
                BarometrCounty(
                    county=name, teryt=teryt, group=group, level=level,
                    label=str(BarometrLevel(level).label),
                )
            )  # fmt: skip

    forecast = list(
        ForecastEntry.objects.filter(_school_filter(occupation, "school_occupation__"))
        .select_related("school_occupation")
        .order_by("-year", "school_occupation__code", "demand")
    )
    supply = list(
        SchoolSupply.objects.filter(_school_filter(occupation, "school_occupation__"))
        .select_related("county", "school_occupation")
        .order_by("county__teryt", "-year", "school_name")
    )
    return OccupationEvidence(
        occupation=occupation,
        ancestors=ancestors_of(occupation),
        children=children,
        school_occupations=school_occupations,
        esco_links=esco_links,
        threshold_set=threshold_set,
        latest_period=latest,
        county_results=[(c, by_county.get(c.teryt)) for c in counties],
        trend=trend,
        barometr_round=barometr_round,
        barometr=barometr,
        forecast=forecast,
        supply=supply,
        counties=counties,
    )


# --- MEN forecast and the school offer ----------------------------------------------------


def forecast_years() -> list[int]:
    return list(ForecastEntry.objects.order_by("-year").values_list("year", flat=True).distinct())


def forecast_entries(*, year: int | None, demand: str = "", q: str = "") -> QuerySet[ForecastEntry]:
    entries = ForecastEntry.objects.select_related("school_occupation__occupation")
    if year is not None:
        entries = entries.filter(year=year)
    if demand:
        entries = entries.filter(demand=demand)
    if q := q.strip():
        entries = entries.filter(
            Q(school_occupation__code__startswith=q) | name_contains("school_occupation__name", q)
        )
    return entries.order_by("-year", "demand", "school_occupation__code")


def supply_years() -> list[int]:
    return list(SchoolSupply.objects.order_by("-year").values_list("year", flat=True).distinct())


def supply_rows(
    *, county: County | None = None, q: str = "", year: int | None = None, provision: str = ""
) -> QuerySet[SchoolSupply]:
    rows = SchoolSupply.objects.select_related("county", "school_occupation__occupation")
    if county is not None:
        rows = rows.filter(county=county)
    if year is not None:
        rows = rows.filter(year=year)
    if provision:
        rows = rows.filter(provision=provision)
    if q := q.strip():
        rows = rows.filter(
            Q(school_occupation__code__startswith=q) | name_contains("school_occupation__name", q)
        )
    return rows.order_by("county__teryt", "school_occupation__code", "school_name", "-year")
