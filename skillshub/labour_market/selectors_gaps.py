"""The gap analysis: per county and vocational occupation (KZSB), the demand signals beside the
school offer, and the two flags the WZK acts on.

Demand signals:
- the MZDiN class of the occupation (6-digit KZiS code = the KZSB code) in the county, for one
  period under one threshold set (by default the latest period of the active "MZDiN-2015");
- the Barometr zawodów level of the latest *closed* round, given by the panel covering the
  county to the groups mapped to the occupation (the most deficit one when several);
- the MEN forecast of the latest year (a listing applies to every county of the region);
- online job ads coded to the occupation (``labour_market.coding``) in the county over the 12
  months up to the newest coded ad; at least ``GAP_JOB_ADS_DEMAND`` of them count as demand.

Supply: the school classes and qualification courses (KKZ) teaching it in the county (the
latest school year), with their enrolment, and how many teach it in the neighbouring counties.

Flags:
- UNMET NEED: some demand signal and no supply in the county nor its neighbours;
- OVERSUPPLY: a surplus signal and county enrolment of at least ``GAP_LARGE_ENROLMENT``.

One aggregate query per source, each keyed in a dict, then combined in Python over the listed
rows only (at most 261 occupations × 14 counties): never a query per row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from skillshub.core.choices import CountyKind
from skillshub.core.models import County

from .choices import (
    BarometrLevel,
    ForecastDemand,
    GapFlag,
    ImportStatus,
    MzdinClass,
    Provision,
    RoundStatus,
    TerritoryKind,
)
from .coding.selectors import counts_by_county_code as job_ad_counts
from .coding.selectors import default_window as job_ad_window
from .models import (
    BarometrRating,
    BarometrRound,
    CountyNeighbour,
    ForecastEntry,
    ImportRun,
    MzdinResult,
    Occupation,
    SchoolOccupation,
    SchoolSupply,
    ThresholdSet,
)

DEFAULT_SET_NAME = "MZDiN-2015"
DEFICIT_CLASSES = frozenset({MzdinClass.DEFICIT, MzdinClass.MAX_DEFICIT})
SURPLUS_CLASSES = frozenset({MzdinClass.SURPLUS, MzdinClass.MAX_SURPLUS})
SIGNAL_CLASSES = DEFICIT_CLASSES | SURPLUS_CLASSES | {MzdinClass.BALANCE}
DEFICIT_LEVELS = frozenset({BarometrLevel.LARGE_DEFICIT, BarometrLevel.DEFICIT})
SURPLUS_LEVELS = frozenset({BarometrLevel.SURPLUS, BarometrLevel.LARGE_SURPLUS})
RATED_LEVELS = (1, 2, 3, 4, 5)

UNMET_NEED = GapFlag.UNMET_NEED.value
OVERSUPPLY = GapFlag.OVERSUPPLY.value
FLAG_ORDER = {UNMET_NEED: 0, OVERSUPPLY: 1, "": 2}

# Strongest first: the order a listing is shown in.
DEMAND_ORDER: list[str] = [
    ForecastDemand.NATIONAL_SPECIAL.value,
    ForecastDemand.REGIONAL_SIGNIFICANT.value,
    ForecastDemand.REGIONAL_MODERATE.value,
]


@dataclass(frozen=True)
class MzdinSignal:
    klass: str
    offers: int
    unemployed: int
    intensity: float | None
    long_term_share: float | None
    fluidity: float | None

    @property
    def klass_label(self) -> str:
        return str(MzdinClass(self.klass).label) if self.klass in MzdinClass else self.klass


@dataclass(frozen=True)
class BarometrSignal:
    level: int
    panel: str

    @property
    def label(self) -> str:
        return str(BarometrLevel(self.level).label)


@dataclass
class GapRow:
    county_teryt: str
    county_name: str
    code: str
    name: str
    sector: str
    has_kzis: bool
    mzdin: MzdinSignal | None = None
    barometr: BarometrSignal | None = None
    forecast: list[str] = field(default_factory=list)
    job_ads: int = 0  # coded online ads in the county over the job-ad window
    schools: int = 0
    courses: int = 0  # of ``schools``, how many are qualification courses (KKZ)
    enrolment: int = 0
    neighbour_schools: int = 0
    flag: str = ""

    @property
    def mzdin_deficit(self) -> bool:
        return self.mzdin is not None and self.mzdin.klass in DEFICIT_CLASSES

    @property
    def mzdin_surplus(self) -> bool:
        return self.mzdin is not None and self.mzdin.klass in SURPLUS_CLASSES

    @property
    def barometr_deficit(self) -> bool:
        return self.barometr is not None and self.barometr.level in DEFICIT_LEVELS

    @property
    def barometr_surplus(self) -> bool:
        return self.barometr is not None and self.barometr.level in SURPLUS_LEVELS

    @property
    def job_ads_demand(self) -> bool:
        return self.job_ads >= settings.GAP_JOB_ADS_DEMAND

    @property
    def has_demand(self) -> bool:
        return (
            self.mzdin_deficit
            or self.barometr_deficit
            or bool(self.forecast)
            or self.job_ads_demand
        )

    @property
    def has_surplus(self) -> bool:
        return self.mzdin_surplus or self.barometr_surplus

    @property
    def is_unmet_need(self) -> bool:
        return self.flag == UNMET_NEED

    @property
    def is_oversupply(self) -> bool:
        return self.flag == OVERSUPPLY

    @property
    def forecast_labels(self) -> list[str]:
        return [str(ForecastDemand(d).label) if d in ForecastDemand else d for d in self.forecast]

    @property
    def anchor(self) -> str:
        return f"county-{self.county_teryt}"

    @property
    def evidence_url(self) -> str:
        """The occupation page at this county's numbers, when the code is a KZiS occupation."""
        if not self.has_kzis:
            return ""
        url = reverse("labour_market:occupation_detail", args=[self.code])
        return f"{url}#{self.anchor}"


@dataclass(frozen=True)
class GapSources:
    """What the rows were built from: named on the page, in the exports and in the brief."""

    period: str | None
    threshold_set: ThresholdSet | None
    barometr_year: int | None
    forecast_year: int | None
    supply_year: int | None
    is_demo: bool
    large_enrolment: int
    job_ads_from: datetime.date | None = None
    job_ads_to: datetime.date | None = None

    @property
    def threshold_set_label(self) -> str:
        ts = self.threshold_set
        return f"{ts.name} v{ts.version}" if ts is not None else ""


@dataclass
class CountySummary:
    teryt: str
    name: str
    unmet_need: int = 0
    oversupply: int = 0
    listed: int = 0


@dataclass
class GapReport:
    sources: GapSources
    rows: list[GapRow]
    summary: list[CountySummary]
    county: County | None

    @property
    def unmet_need(self) -> list[GapRow]:
        return [r for r in self.rows if r.flag == UNMET_NEED]

    @property
    def oversupply(self) -> list[GapRow]:
        return [r for r in self.rows if r.flag == OVERSUPPLY]


# --- The sources' defaults ---------------------------------------------------------------------


def default_threshold_set() -> ThresholdSet | None:
    """The active version of MZDiN-2015, else any active set."""
    active = ThresholdSet.objects.filter(is_active=True).order_by("-version")
    return active.filter(name=DEFAULT_SET_NAME).first() or active.order_by("name").first()


def latest_period(threshold_set: ThresholdSet) -> str | None:
    # ORDER BY … LIMIT 1 walks the (threshold set, period, …) index from its end.
    return (
        MzdinResult.objects.filter(
            threshold_set=threshold_set, territory_kind=TerritoryKind.COUNTY, level=6
        )
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )


def latest_closed_round_year() -> int | None:
    return (
        BarometrRound.objects.filter(status=RoundStatus.CLOSED)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def latest_forecast_year() -> int | None:
    return ForecastEntry.objects.order_by("-year").values_list("year", flat=True).first()


def latest_supply_year() -> int | None:
    return SchoolSupply.objects.order_by("-year").values_list("year", flat=True).first()


def data_is_demo() -> bool:
    """The demo loads every file under a name saying it is synthetic."""
    return (
        ImportRun.objects.filter(source_name__icontains="demo")
        .exclude(status=ImportStatus.FAILED)
        .exists()
    )


# --- One aggregate per source ------------------------------------------------------------------


def _mzdin(
    *, threshold_set: ThresholdSet, period: str, codes: set[str], teryt: str | None
) -> dict[tuple[str, str], MzdinSignal]:
    results = MzdinResult.objects.filter(
        threshold_set=threshold_set,
        period=period,
        territory_kind=TerritoryKind.COUNTY,
        level=6,
        code__in=SchoolOccupation.objects.values("code"),
    )
    if teryt:
        results = results.filter(territory_code=teryt)
    signals: dict[tuple[str, str], MzdinSignal] = {}
    for row in results.values_list(
        "territory_code",
        "code",
        "klass",
        "offers",
        "unemployed",
        "intensity",
        "long_term_share",
        "fluidity",
    ):
        if row[1] in codes:
            signals[(row[0], row[1])] = MzdinSignal(*row[2:])
    return signals


def _barometr(
    *, year: int, codes: set[str], teryt: str | None
) -> dict[tuple[str, str], BarometrSignal]:
    """(county TERYT, code) → the most deficit level the county's panel gave the code's groups."""
    ratings = BarometrRating.objects.filter(
        round__year=year,
        round__status=RoundStatus.CLOSED,
        level__in=RATED_LEVELS,
        group__occupations__code__in=SchoolOccupation.objects.values("code"),
    )
    if teryt:
        ratings = ratings.filter(panel__counties__teryt=teryt)
    rows = ratings.values_list("panel__counties__teryt", "group__occupations__code", "panel__name")
    signals: dict[tuple[str, str], BarometrSignal] = {}
    for county_teryt, code, panel, level in rows.annotate(most_deficit=Min("level")).order_by():
        if county_teryt is None or code not in codes or (teryt and county_teryt != teryt):
            continue
        current = signals.get((county_teryt, code))
        if current is None or level < current.level:
            signals[(county_teryt, code)] = BarometrSignal(level=level, panel=panel)
    return signals


def _forecast(year: int) -> dict[int, list[str]]:
    listed: dict[int, list[str]] = defaultdict(list)
    for so_id, demand in ForecastEntry.objects.filter(year=year).values_list(
        "school_occupation_id", "demand"
    ):
        listed[so_id].append(demand)
    for demands in listed.values():
        demands.sort(key=lambda d: DEMAND_ORDER.index(d) if d in DEMAND_ORDER else 9)
    return listed


def _supply(year: int) -> dict[tuple[int, int], tuple[int, int, int]]:
    """(county id, school occupation id) → (schools and courses, of which KKZ, enrolment)."""
    rows = (
        SchoolSupply.objects.filter(year=year)
        .values_list("county_id", "school_occupation_id")
        .annotate(
            n=Count("id"),
            kkz=Count("id", filter=Q(provision=Provision.QUALIFICATION_COURSE)),
            enrolled=Coalesce(Sum("enrolment"), 0),
        )
        .order_by()
    )
    return {(c, so): (n, kkz, enrolled) for c, so, n, kkz, enrolled in rows}


def _neighbours() -> dict[int, set[int]]:
    pairs: dict[int, set[int]] = defaultdict(set)
    for county_id, neighbour_id in CountyNeighbour.objects.values_list("county_id", "neighbour_id"):
        pairs[county_id].add(neighbour_id)
        pairs[neighbour_id].add(county_id)
    return pairs


# --- Combining ---------------------------------------------------------------------------------


def _flag(row: GapRow, large_enrolment: int) -> str:
    if row.has_demand and row.schools == 0 and row.neighbour_schools == 0:
        return UNMET_NEED
    if row.has_surplus and row.enrolment >= large_enrolment:
        return OVERSUPPLY
    return ""


def _w_key(row: GapRow) -> tuple[int, float, str, str]:
    """Highest W first; "maximally deficit" (offers, no unemployed) above every W; no data last."""
    m = row.mzdin
    if m is None or (m.intensity is None and m.offers == 0):
        return (2, 0.0, row.code, row.county_teryt)
    if m.intensity is None:
        return (0, 0.0, row.code, row.county_teryt)
    return (1, -m.intensity, row.code, row.county_teryt)


SORTS: dict[str, Callable[[GapRow], Any]] = {
    "flag": lambda r: (FLAG_ORDER[r.flag], r.code, r.county_teryt),
    "code": lambda r: (r.code, r.county_teryt),
    "name": lambda r: (r.name.casefold(), r.county_teryt),
    "county": lambda r: (r.county_teryt, FLAG_ORDER[r.flag], r.code),
    "enrolment": lambda r: (-r.enrolment, r.code, r.county_teryt),
    "w": _w_key,
    "barometr": lambda r: (r.barometr.level if r.barometr else 9, r.code, r.county_teryt),
}


def gap_report(
    *,
    county: County | None = None,
    occupation_q: str = "",
    flag: str = "",
    period: str | None = None,
    threshold_set: ThresholdSet | None = None,
    barometr_year: int | None = None,
    forecast_year: int | None = None,
    sort: str = "flag",
) -> GapReport:
    """The rows, the sources they came from, and the flags counted per county.

    The summary counts every listed row of the territory (before the flag and text filters),
    so that filtering the table never changes the picture it summarises.
    """
    threshold_set = threshold_set or default_threshold_set()
    if period is None and threshold_set is not None:
        period = latest_period(threshold_set)
    barometr_year = barometr_year or latest_closed_round_year()
    forecast_year = forecast_year or latest_forecast_year()
    supply_year = latest_supply_year()
    ads_from, ads_to = job_ad_window()
    sources = GapSources(
        period=period,
        threshold_set=threshold_set,
        barometr_year=barometr_year,
        forecast_year=forecast_year,
        supply_year=supply_year,
        is_demo=data_is_demo(),
        large_enrolment=settings.GAP_LARGE_ENROLMENT,
        job_ads_from=ads_from,
        job_ads_to=ads_to,
    )

    occupations = list(SchoolOccupation.objects.values_list("id", "code", "name", "sector"))
    codes = {code for _id, code, _name, _sector in occupations}
    kzis = set(
        Occupation.objects.filter(level=6, code__in=SchoolOccupation.objects.values("code"))
        .values_list("code", flat=True)
    )  # fmt: skip
    counties = list(County.objects.in_region().values_list("id", "teryt", "name", "kind"))
    names = {cid: (teryt, _county_label(name, kind)) for cid, teryt, name, kind in counties}
    by_teryt = {teryt: cid for cid, teryt, _name, _kind in counties}
    teryt = county.teryt if county is not None else None

    mzdin: dict[tuple[str, str], MzdinSignal] = {}
    if threshold_set is not None and period:
        mzdin = _mzdin(threshold_set=threshold_set, period=period, codes=codes, teryt=teryt)
    barometr = _barometr(year=barometr_year, codes=codes, teryt=teryt) if barometr_year else {}
    forecast = _forecast(forecast_year) if forecast_year else {}
    supply = _supply(supply_year) if supply_year else {}
    neighbours = _neighbours()
    ads = (
        job_ad_counts(date_from=ads_from, date_to=ads_to, codes=sorted(codes))
        if ads_to is not None
        else {}
    )

    wanted = [by_teryt[teryt]] if teryt in by_teryt else [cid for cid, *_rest in counties]
    if county is not None and teryt not in by_teryt:
        wanted = []
    rows: list[GapRow] = []
    for county_id in wanted:
        county_teryt, county_name = names[county_id]
        near = neighbours.get(county_id, set())
        for so_id, code, name, sector in occupations:
            signal = mzdin.get((county_teryt, code))
            if signal is not None and signal.klass not in SIGNAL_CLASSES:
                signal = None
            rating = barometr.get((county_teryt, code))
            listed = forecast.get(so_id, [])
            here = supply.get((county_id, so_id))
            job_ads = ads.get((county_teryt, code), 0)
            if signal is None and rating is None and not listed and here is None and not job_ads:
                continue
            row = GapRow(
                county_teryt=county_teryt,
                county_name=county_name,
                code=code,
                name=name,
                sector=sector,
                has_kzis=code in kzis,
                mzdin=signal,
                barometr=rating,
                forecast=list(listed),
                job_ads=job_ads,
                schools=here[0] if here else 0,
                courses=here[1] if here else 0,
                enrolment=here[2] if here else 0,
                neighbour_schools=sum(supply.get((n, so_id), (0, 0, 0))[0] for n in near),
            )
            row.flag = _flag(row, sources.large_enrolment)
            rows.append(row)

    summaries: dict[str, CountySummary] = {}
    for cid in wanted:
        county_teryt, county_name = names[cid]
        summaries[county_teryt] = CountySummary(teryt=county_teryt, name=county_name)
    for row in rows:
        summary = summaries[row.county_teryt]
        summary.listed += 1
        summary.unmet_need += row.flag == UNMET_NEED
        summary.oversupply += row.flag == OVERSUPPLY

    if flag:
        rows = [r for r in rows if r.flag == flag]
    needle = occupation_q.strip().casefold()
    if needle:
        rows = [r for r in rows if r.code.startswith(needle) or needle in r.name.casefold()]
    rows.sort(key=SORTS.get(sort, SORTS["flag"]))
    return GapReport(sources=sources, rows=rows, summary=list(summaries.values()), county=county)


def gap_rows(
    *,
    county: County | None = None,
    occupation_q: str = "",
    flag: str = "",
    period: str | None = None,
    threshold_set: ThresholdSet | None = None,
    barometr_year: int | None = None,
    forecast_year: int | None = None,
) -> list[GapRow]:
    """The listed rows only (see ``gap_report`` for the sources and the summary)."""
    return gap_report(
        county=county,
        occupation_q=occupation_q,
        flag=flag,
        period=period,
        threshold_set=threshold_set,
        barometr_year=barometr_year,
        forecast_year=forecast_year,
    ).rows


def _county_label(name: str, kind: str) -> str:
    return name if kind == CountyKind.CITY else f"powiat {name}"


# --- The evidence, as one line -----------------------------------------------------------------


def number(value: float | None, places: int = 2) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def evidence(row: GapRow, sources: GapSources, labels: dict[str, Any]) -> str:
    """ "MZDiN 2025-H1 (MZDiN-2015 v1): O=12, B=3, W=4.00; Barometr 2026 panel PUP Żary:
    deficit; MEN 2026: significant; schools in county: 0, in neighbours: 0".

    ``labels`` gives the words (the page passes translated ones, the brief Polish ones):
    keys ``classes``, ``levels``, ``demands``, ``no_data``, ``panel``, ``schools``,
    ``neighbours``, ``enrolment``.
    """
    parts: list[str] = []
    head = f"MZDiN {sources.period or '—'} ({sources.threshold_set_label or '—'})"
    if row.mzdin is not None:
        m = row.mzdin
        parts.append(
            f"{head}: O={m.offers}, B={m.unemployed}, W={number(m.intensity)}, "
            f"Bd/B={number(m.long_term_share)}, Bo/Bn={number(m.fluidity)}, "
            f"{labels['classes'].get(m.klass, m.klass)}"
        )
    else:
        parts.append(f"{head}: {labels['no_data']}")
    if sources.barometr_year:
        if row.barometr is not None:
            level = labels["levels"].get(row.barometr.level, str(row.barometr.level))
            panel = row.barometr.panel
            word = str(labels["panel"])
            if not panel.casefold().startswith(word.casefold()):
                panel = f"{word} {panel}"  # "panel PUP Żary", never "panel Panel PUP Żary"
            parts.append(f"Barometr {sources.barometr_year} {panel}: {level}")
        else:
            parts.append(f"Barometr {sources.barometr_year}: {labels['no_data']}")
    if sources.forecast_year:
        listed = ", ".join(str(labels["demands"].get(d, d)) for d in row.forecast)
        parts.append(f"MEN {sources.forecast_year}: {listed or labels['no_data']}")
    if sources.job_ads_to is not None:
        parts.append(f"{labels.get('job_ads', 'job ads')}: {row.job_ads}")
    supply = f"{labels['schools']}: {row.schools}"
    if row.schools:
        supply += f" ({labels['enrolment']}: {row.enrolment})"
    parts.append(f"{supply}, {labels['neighbours']}: {row.neighbour_schools}")
    return "; ".join(parts)
