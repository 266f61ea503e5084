"""Demo labour-market evidence for lubuskie: SYNTHETIC numbers, generated with a fixed seed and
labelled "dane demonstracyjne (syntetyczne)" in every file name. Never real statistics.

Everything goes through the real services, so the demo exercises the ETL: the MZDiN counts
are written as CSV files and imported with ``mzdin_import``, then computed under both default
threshold sets; the MEN list and the school offer are imported from CSV too; the Barometr
rounds are opened, rated and closed with the Barometr services.

The patterns are designed, not random noise: drivers, welders, nurses and carers are in
deficit everywhere, IT in Zielona Góra; office clerks, sellers, hairdressers and economists
in surplus. Powiat żarski (0811) gets an UNMET NEED (Kierowca mechanik 832201 and Elektryk
741103 in deficit, taught by no school in the county or its neighbours) and an OVERSUPPLY
(Sprzedawca 522301, Fryzjer 514101, Technik ekonomista 331403 in surplus with large
enrolment in Żary's schools).
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from skillshub.core.models import County

from .choices import BarometrLevel, ImportKind, ImportStatus
from .models import (
    BarometrPanel,
    BarometrRound,
    CountyNeighbour,
    ImportRun,
    Occupation,
    SchoolOccupation,
    SchoolSupply,
    ThresholdSet,
)
from .reference import load_all
from .services_barometr import GroupSpec, panel_set_members, ratings_save, round_close, round_open
from .services_imports import forecast_import, mzdin_import, supply_import
from .services_mzdin import mzdin_compute

SEED = 2027
SYNTHETIC = "dane-demonstracyjne-syntetyczne"
PERIODS = [f"{year}-H{half}" for year in (2023, 2024, 2025) for half in (1, 2)]
ZARY = "0811"
ZIELONA_GORA = ("0809", "0862")
DEMO_PASSWORD = "demo"

# Persistent patterns: code → (pattern, counties it applies to; empty = everywhere).
DEFICIT_EVERYWHERE = ["833203", "833202", "832201", "721204", "222101", "532102"]
DEFICIT_ZIELONA_GORA = ["251401", "251402", "351203"]
SURPLUS_EVERYWHERE = ["411004", "522301", "514101", "331403"]
# Żary's designed gap: in deficit there, and no school within reach teaches it.
ZARY_UNMET = ["832201", "741103"]
# Żary's designed oversupply: in surplus there, with large enrolment in Żary's schools.
ZARY_OVERSUPPLY = {"522301": 96, "514101": 64, "331403": 78}
GROUP_NAMES = {
    "833203": "Kierowcy samochodów ciężarowych",
    "833202": "Kierowcy ciągników siodłowych",
    "832201": "Kierowcy mechanicy",
    "721204": "Spawacze",
    "222101": "Pielęgniarki",
    "532102": "Opiekunowie medyczni",
    "251401": "Programiści",
    "741103": "Elektrycy",
    "411004": "Pracownicy biurowi",
    "522301": "Sprzedawcy",
    "514101": "Fryzjerzy",
    "331403": "Ekonomiści",
}
# County size (the city counties and the large land counties have more registered people).
SIZE = {"0861": 2.2, "0862": 2.4, "0811": 1.5, "0810": 1.3, "0804": 1.4, "0802": 1.1}
MEN_SPECIAL = ["532102", "351203", "741103"]
MEN_SIGNIFICANT = ["832201", "723103", "311204"]


@dataclass
class LabourMarketDemo:
    occupations: int
    periods: int
    counts: int
    results: int
    forecast: int
    supply: int
    groups: int
    users: list[str] = field(default_factory=list)


def _pattern(code: str, teryt: str, mixed_bias: dict[tuple[str, str], str]) -> str:
    if teryt == ZARY and code in ZARY_UNMET:
        return "deficit"
    if code in DEFICIT_EVERYWHERE:
        return "deficit"
    if code in DEFICIT_ZIELONA_GORA and teryt in ZIELONA_GORA:
        return "deficit"
    if code in SURPLUS_EVERYWHERE:
        return "surplus"
    return mixed_bias.get((code, teryt), "mixed")


def _counts(rng: random.Random, pattern: str, base: float) -> tuple[int, int, int, int, int]:
    """O, B, Bn, Bo, Bd for one occupation × county × half-year, shaped by the pattern so that
    both threshold sets classify it the same way."""
    b = max(1, round(rng.gauss(base, base * 0.15)))
    u = rng.uniform
    if pattern == "deficit":
        o = round(b * u(1.5, 2.8)) + rng.randint(1, 4)
        bd = int(b * u(0.05, 0.2))
        bn = max(1, round(b * u(0.4, 0.7)))
        bo = round(bn * u(1.2, 1.6)) + 1
    elif pattern == "surplus":
        o = int(b * u(0.1, 0.5))
        bd = max(1, round(b * u(0.4, 0.6)))
        bn = max(2, round(b * u(0.3, 0.6)))
        bo = int(bn * u(0.3, 0.75))
    else:
        o = int(b * u(0.5, 1.6))
        bd = int(b * u(0.1, 0.45))
        bn = round(b * u(0.3, 0.7))
        bo = round(bn * u(0.7, 1.3))
    return o, b, bn, bo, bd


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _imported(run: ImportRun) -> ImportRun:
    if run.status not in (ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED):
        raise RuntimeError(f"Demo import {run.source_name} failed: {run.errors[:3]}")
    return run


def _occupations(rng: random.Random) -> list[str]:
    """The ~250 school occupations that exist in KZiS, the designed ones, ~150 common others."""
    six = sorted(Occupation.objects.filter(level=6).values_list("code", flat=True))
    known = set(six)
    school = set(SchoolOccupation.objects.filter(code__in=known).values_list("code", flat=True))
    designed = {
        *DEFICIT_EVERYWHERE, *DEFICIT_ZIELONA_GORA, *SURPLUS_EVERYWHERE, *ZARY_UNMET,
        *MEN_SIGNIFICANT,
    } & known  # fmt: skip
    others = [c for c in six if c not in school and c not in designed]
    return sorted(school | designed | set(rng.sample(others, min(150, len(others)))))


def _mzdin(
    rng: random.Random, actor: Any, codes: list[str], counties: list[County]
) -> tuple[int, int]:
    base = {code: rng.lognormvariate(2.3, 0.8) for code in codes}
    bias = {
        (code, c.teryt): rng.choices(["deficit", "surplus", "mixed"], weights=[1, 3, 12])[0]
        for code in codes
        for c in counties
    }
    header = ["kod_zawodu", "teryt", "okres", "O", "B", "Bn", "Bo", "Bd"]
    counts = results = 0
    sets = list(ThresholdSet.objects.filter(is_active=True))
    for period in PERIODS:
        rows = []
        for code in codes:
            for c in counties:
                pattern = _pattern(code, c.teryt, bias)
                values = _counts(rng, pattern, base[code] * SIZE.get(c.teryt, 1.0))
                rows.append([code, c.teryt, period, *values])
        data = _csv(header, rows)
        run = _imported(
            mzdin_import(
                actor=actor,
                file=ContentFile(data, name=f"{SYNTHETIC}-mzdin-{period}.csv"),
                period=period,
            )
        )
        counts += run.rows_written
        for threshold_set in sets:
            results += mzdin_compute(actor=actor, period=period, threshold_set=threshold_set)
    return counts, results


def _forecast(rng: random.Random, actor: Any, year: int) -> int:
    school = set(SchoolOccupation.objects.values_list("code", flat=True))
    special = [c for c in MEN_SPECIAL if c in school]
    significant = [c for c in MEN_SIGNIFICANT if c in school]
    excluded = set(special) | set(significant) | set(SURPLUS_EVERYWHERE)
    moderate = rng.sample(sorted(school - excluded), 14)
    rows = [
        *[[year, c, "szczególne"] for c in special],
        *[[year, c, "znaczące"] for c in significant],
        *[[year, c, "umiarkowane"] for c in moderate],
    ]
    data = _csv(["rok", "kod_zawodu", "zapotrzebowanie"], rows)
    run = _imported(
        forecast_import(
            actor=actor, file=ContentFile(data, name=f"{SYNTHETIC}-men-{year}.csv"), year=year
        )
    )
    return run.rows_written


def _supply(rng: random.Random, actor: Any, counties: list[County], year: int) -> int:
    zary = next(c for c in counties if c.teryt == ZARY)
    near_zary = {zary.pk} | set(
        CountyNeighbour.objects.filter(county=zary).values_list("neighbour_id", flat=True)
    )
    school = set(SchoolOccupation.objects.values_list("code", flat=True))
    pool = sorted(school - set(ZARY_UNMET) - set(ZARY_OVERSUPPLY))
    rows: list[list[Any]] = []
    for c in counties:
        seat = c.seat.split("(")[0].strip() or c.name
        for n, code in enumerate(rng.sample(pool, 2), start=1):
            rows.append([f"Zespół Szkół Branżowych nr {n} w {seat} (demo)", code, c.teryt, year,
                         rng.randint(12, 60)])  # fmt: skip
        if c.pk not in near_zary:
            # Far from Żary, the designed unmet needs are taught: the gap is Żary's alone.
            for code in ZARY_UNMET:
                if code in school and rng.random() < 0.5:
                    rows.append([f"Centrum Kształcenia Zawodowego w {seat} (demo)", code,
                                 c.teryt, year, rng.randint(15, 40)])  # fmt: skip
    for code, enrolment in ZARY_OVERSUPPLY.items():
        if code in school:
            rows.append(["Branżowa Szkoła I stopnia w Żarach (demo)", code, ZARY, year, enrolment])
    data = _csv(["szkola", "kod_zawodu", "teryt", "rok", "uczniowie"], rows)
    run = _imported(
        supply_import(
            actor=actor, file=ContentFile(data, name=f"{SYNTHETIC}-szkoly-{year}.csv"), year=year
        )
    )
    return run.rows_written


def _groups(rng: random.Random, codes: list[str]) -> list[GroupSpec]:
    names = dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))
    groups = [GroupSpec(name=name, codes=[c]) for c, name in GROUP_NAMES.items() if c in names]
    taken = {g.codes[0] for g in groups}
    seen = {g.name.casefold() for g in groups}
    for code in rng.sample([c for c in codes if c not in taken], 30 - len(groups)):
        name = names[code][:180]
        if name.casefold() in seen:
            name = f"{name} ({code})"
        seen.add(name.casefold())
        groups.append(GroupSpec(name=name, codes=[code]))
    return groups


def _level(rng: random.Random, pattern: str) -> int:
    if rng.random() < 0.05:
        return BarometrLevel.NO_RATING
    if pattern == "deficit":
        return rng.choice([BarometrLevel.LARGE_DEFICIT, BarometrLevel.DEFICIT])
    if pattern == "surplus":
        return rng.choice([BarometrLevel.SURPLUS, BarometrLevel.LARGE_SURPLUS])
    return rng.choice([BarometrLevel.BALANCE, BarometrLevel.BALANCE, BarometrLevel.BALANCE,
                       BarometrLevel.SURPLUS])  # fmt: skip


def _rate(
    rng: random.Random, actor: Any, barometr_round: BarometrRound, panels: list[BarometrPanel]
) -> None:
    groups = list(barometr_round.groups.prefetch_related("occupations"))
    for panel in panels:
        teryt = min(c.teryt for c in panel.counties.all())
        ratings = {
            g.pk: _level(rng, _pattern(g.occupations.all()[0].code, teryt, {})) for g in groups
        }
        ratings_save(actor=actor, barometr_round=barometr_round, panel=panel, ratings=ratings)


def _panel_user(username: str, first: str, last: str) -> Any:
    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": "institution_contact",
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.invalid",
            "is_demo": True,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _barometr(rng: random.Random, actor: Any, codes: list[str], year: int) -> tuple[int, list[str]]:
    panels = list(BarometrPanel.objects.prefetch_related("counties").order_by("name"))
    groups = _groups(rng, codes)
    if not BarometrRound.objects.filter(year=year - 1).exists():
        closed = round_open(actor=actor, year=year - 1, groups=groups)
        _rate(rng, actor, closed, panels)
        round_close(actor=actor, barometr_round=closed)
    users: list[str] = []
    if not BarometrRound.objects.filter(year=year).exists():
        current = round_open(actor=actor, year=year, groups=groups)
        by_county = {c.teryt: p for p in panels for c in p.counties.all()}
        rating = [by_county.get(ZARY), by_county.get(ZIELONA_GORA[1])]
        # Two panels' members rate through their own login in the demo; the rest have rated.
        _rate(rng, actor, current, [p for p in panels if p not in rating])
        fictional = [("panel1", "Panelista", "Pierwszy (demo)"),
                     ("panel2", "Panelistka", "Druga (demo)")]  # fmt: skip
        for panel, (username, first, last) in zip(rating, fictional, strict=True):
            if panel is not None:
                user = _panel_user(username, first, last)
                panel_set_members(actor=actor, panel=panel, members=[user])
                users.append(username)
    return len(groups), users


@transaction.atomic
def build_labour_market_demo(*, office_user: Any) -> LabourMarketDemo | None:
    """Load the synthetic demo evidence; None if it is there already."""
    if ImportRun.objects.filter(kind=ImportKind.MZDIN, source_name__startswith=SYNTHETIC).exists():
        return None
    if not Occupation.objects.exists():
        load_all()
    rng = random.Random(SEED)
    today = timezone.localdate()
    year = today.year
    school_year = year if today.month >= 9 else year - 1
    counties = list(County.objects.in_region().order_by("teryt"))
    codes = _occupations(rng)
    counts, results = _mzdin(rng, office_user, codes, counties)
    forecast = _forecast(rng, office_user, year)
    # The gap analysis reads the latest school year: join the portal's handed-down offers.
    latest = SchoolSupply.objects.aggregate(year=Max("year"))["year"]
    supply = _supply(rng, office_user, counties, max(latest or school_year, school_year))
    groups, users = _barometr(rng, office_user, codes, year)
    return LabourMarketDemo(
        occupations=len(codes),
        periods=len(PERIODS),
        counts=counts,
        results=results,
        forecast=forecast,
        supply=supply,
        groups=groups,
        users=users,
    )
