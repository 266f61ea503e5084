"""Loading the labour-market reference data: KZiS 2023, KZSB, the ESCO crosswalk, and the
region's subregions, Barometr panels and neighbouring counties.

Everything is idempotent and bulk: a second load changes nothing and costs a handful of
queries (the ``occupations`` test fixture runs it for every test that needs it).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from skillshub.core.models import County

from .models import (
    LEVEL_DIGITS,
    BarometrPanel,
    CountyNeighbour,
    EscoLink,
    Occupation,
    SchoolOccupation,
    Subregion,
)

DATA = Path(__file__).resolve().parent / "data"
REGION_DATA = Path(__file__).resolve().parents[1] / "core" / "data" / "region"
KZIS_FILE = DATA / "ojalab_kzis-hierarchy-2023.tsv"
KZSB_FILE = DATA / "mlaszdane_kzsb_klasyfikacja_zawodow_szkolnictwa_branzowego.csv"
ESCO_FILE = DATA / "ojalab_kzis_esco_crosswalk.csv"
COUNTIES_FILE = REGION_DATA / "powiaty_lubuskie.csv"
GEOJSON_FILE = REGION_DATA / "powiaty_lubuskie.geojson"

# Two counties whose simplified boundaries come this close (in degrees, lon/lat) touch.
NEIGHBOUR_TOLERANCE = 0.02

# KZSB columns → the school type's readable name. ``spolic`` holds the length of the
# post-secondary course in years ("2", "1,5") rather than T/N: anything but N means taught.
SCHOOL_TYPES = [
    ("zsz", "ZSZ"),
    ("bs_i", "BS I"),
    ("bs_ii", "BS II"),
    ("techn", "technikum"),
    ("spolic", "szkoła policealna"),
    ("kurs_kwal", "KKZ"),
]
# The source marks school occupations with a trailing "S" glued to the name ("FryzjerS");
# the link to KZSB says that already, so the mark is dropped from the name.
SCHOOL_MARK_RE = re.compile(r"(?<=[a-ząćęłńóśźż)])S$")
SHARED_PANEL_RE = re.compile(r"\(wspólny z (\d{4})\)")


@dataclass
class LoadReport:
    levels: dict[int, int] = field(default_factory=dict)
    occupations_created: int = 0
    occupations_updated: int = 0
    school_occupations: int = 0
    school_linked: int = 0
    esco_links: int = 0
    esco_created: int = 0
    esco_skipped: int = 0
    subregions: int = 0
    panels: int = 0
    neighbour_pairs: list[tuple[str, str]] = field(default_factory=list)
    territories_skipped: bool = False

    def lines(self) -> list[str]:
        levels = " / ".join(f"{self.levels.get(d, 0):,}" for d in LEVEL_DIGITS)
        out = [
            f"KZiS 2023: {levels} (1/2/3/4/6 digits); "
            f"{self.occupations_created} created, {self.occupations_updated} updated.",
            f"KZSB: {self.school_occupations} school occupations, "
            f"{self.school_linked} linked to a KZiS occupation.",
            f"ESCO: {self.esco_links} links ({self.esco_created} new), "
            f"{self.esco_skipped} rows skipped (unknown KZiS code).",
        ]
        if self.territories_skipped:
            out.append("Territories skipped: load the region first (load_region).")
        else:
            out.append(
                f"Territories: {self.subregions} subregions, {self.panels} Barometr panels, "
                f"{len(self.neighbour_pairs)} pairs of neighbouring counties."
            )
        return out


def _parent_code(code: str, known: set[str]) -> str | None:
    """The longest existing prefix of a shorter level: 722204 → 7222 → 722 → 72 → 7."""
    for digits in reversed(LEVEL_DIGITS):
        if digits < len(code) and code[:digits] in known:
            return code[:digits]
    return None


def load_kzis(report: LoadReport) -> dict[str, int]:
    """The KZiS hierarchy, level by level so each parent exists before its children."""
    with open(KZIS_FILE, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        names = {
            row[0].strip(): SCHOOL_MARK_RE.sub("", " ".join(row[1].split()))
            for row in reader
            if row and row[0]
        }
    codes = set(names)
    existing = {o.code: o for o in Occupation.objects.all()}
    ids = {code: o.pk for code, o in existing.items()}
    changed: list[Occupation] = []
    for digits in LEVEL_DIGITS:
        level_codes = sorted(c for c in codes if len(c) == digits)
        report.levels[digits] = len(level_codes)
        new: list[Occupation] = []
        for code in level_codes:
            parent = _parent_code(code, codes)
            parent_id = ids[parent] if parent else None
            occupation = existing.get(code)
            if occupation is None:
                new.append(
                    Occupation(code=code, name=names[code], level=digits, parent_id=parent_id)
                )
            elif (occupation.name, occupation.level, occupation.parent_id) != (
                names[code],
                digits,
                parent_id,
            ):
                occupation.name, occupation.level = names[code], digits
                occupation.parent_id = parent_id
                changed.append(occupation)
        created = Occupation.objects.bulk_create(new, batch_size=1000)
        ids.update({o.code: o.pk for o in created})
        report.occupations_created += len(created)
    if changed:
        Occupation.objects.bulk_update(changed, ["name", "level", "parent"], batch_size=1000)
    report.occupations_updated = len(changed)
    return ids


def load_kzsb(report: LoadReport, occupation_ids: dict[str, int]) -> None:
    with open(KZSB_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    existing = {s.code: s for s in SchoolOccupation.objects.all()}
    new: list[SchoolOccupation] = []
    changed: list[SchoolOccupation] = []
    fields = ["name", "sector", "area", "school_types", "prk_level", "occupation_id"]
    for row in rows:
        code = row["kod_zawodu"].strip()
        types = [
            label for column, label in SCHOOL_TYPES if row[column].strip().upper() not in {"N", ""}
        ]
        prk = row["poziom_prk"].strip()
        values = {
            "name": row["nazwa"].strip(),
            "sector": row["branza_2019"].strip(),
            "area": row["obszar"].strip(),
            "school_types": ", ".join(types),
            "prk_level": int(prk) if prk.isdigit() else None,
            "occupation_id": occupation_ids.get(code),
        }
        report.school_linked += values["occupation_id"] is not None
        school = existing.get(code)
        if school is None:
            new.append(SchoolOccupation(code=code, **values))
        elif any(getattr(school, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(school, k, v)
            changed.append(school)
    SchoolOccupation.objects.bulk_create(new)
    if changed:
        SchoolOccupation.objects.bulk_update(changed, fields)
    report.school_occupations = len(rows)


def load_esco(report: LoadReport, occupation_ids: dict[str, int]) -> None:
    with open(ESCO_FILE, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        wanted: set[tuple[int, str, str]] = set()
        for row in reader:
            if len(row) < 5:
                continue
            occupation_id = occupation_ids.get(row[3].strip())
            if occupation_id is None:
                report.esco_skipped += 1
                continue
            wanted.add((occupation_id, row[1].strip(), " ".join(row[2].split())))
    have = set(EscoLink.objects.values_list("occupation_id", "esco_code", "esco_label"))
    missing = sorted(wanted - have)
    EscoLink.objects.bulk_create(
        [EscoLink(occupation_id=o, esco_code=c, esco_label=label) for o, c, label in missing],
        batch_size=1000,
    )
    report.esco_links = len(wanted)
    report.esco_created = len(missing)


def _vertices(geometry: dict[str, Any]) -> list[tuple[float, float]]:
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    return [
        (float(point[0]), float(point[1]))
        for polygon in polygons
        for ring in polygon
        for point in ring
    ]


def neighbour_pairs(tolerance: float = NEIGHBOUR_TOLERANCE) -> list[tuple[str, str]]:
    """Pairs (a, b), a < b, of counties with a vertex of one within ``tolerance`` of a vertex
    of the other. The shipped boundaries are simplified, so shared borders do not share exact
    vertices; a grid of ``tolerance``-sized cells keeps the search linear."""
    with open(GEOJSON_FILE, encoding="utf-8") as f:
        features = json.load(f)["features"]
    shapes = {f["properties"]["teryt"]: _vertices(f["geometry"]) for f in features}
    grid: dict[tuple[int, int], set[str]] = {}
    for teryt, points in shapes.items():
        for x, y in points:
            grid.setdefault((int(x // tolerance), int(y // tolerance)), set()).add(teryt)
    pairs: set[tuple[str, str]] = set()
    for teryt, points in shapes.items():
        for x, y in points:
            cx, cy = int(x // tolerance), int(y // tolerance)
            for dx, dy in itertools.product((-1, 0, 1), repeat=2):
                for other in grid.get((cx + dx, cy + dy), ()):
                    if other == teryt or (min(teryt, other), max(teryt, other)) in pairs:
                        continue
                    if any(
                        abs(x - ox) <= tolerance and abs(y - oy) <= tolerance
                        for ox, oy in shapes[other]
                    ):
                        pairs.add((min(teryt, other), max(teryt, other)))
    return sorted(pairs)


def load_territories(report: LoadReport) -> None:
    counties = {c.teryt: c for c in County.objects.in_region()}
    with open(COUNTIES_FILE, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if r["teryt"] in counties]
    if not rows:
        report.territories_skipped = True
        return
    # NUTS 3 subregions ("PL431 gorzowski").
    by_subregion: dict[tuple[str, str], list[County]] = {}
    for row in rows:
        code, _sep, name = row["nuts3_2021"].strip().partition(" ")
        by_subregion.setdefault((code, name.strip()), []).append(counties[row["teryt"]])
    for (code, name), members in sorted(by_subregion.items()):
        subregion, _created = Subregion.objects.update_or_create(code=code, defaults={"name": name})
        subregion.counties.set(members)
    report.subregions = len(by_subregion)
    # One Barometr panel per labour office; "(wspólny z 0861)" joins that city county's panel.
    panels: dict[str, list[County]] = {}
    names: dict[str, str] = {}
    for row in rows:
        shared = SHARED_PANEL_RE.search(row["pup_obszar"])
        owner = shared.group(1) if shared else row["teryt"]
        panels.setdefault(owner, []).append(counties[row["teryt"]])
        if not shared:
            names[owner] = "Panel " + row["pup_obszar"].strip()
    for owner, members in sorted(panels.items()):
        panel, _created = BarometrPanel.objects.get_or_create(name=names[owner])
        panel.counties.set(members)
    report.panels = len(panels)
    # Neighbours, both directions.
    pairs = [(a, b) for a, b in neighbour_pairs() if a in counties and b in counties]
    wanted = {(counties[a].pk, counties[b].pk) for a, b in pairs}
    wanted |= {(b, a) for a, b in wanted}
    have = set(CountyNeighbour.objects.values_list("county_id", "neighbour_id"))
    stale = have - wanted
    for county_id, neighbour_id in stale:
        CountyNeighbour.objects.filter(county_id=county_id, neighbour_id=neighbour_id).delete()
    CountyNeighbour.objects.bulk_create(
        [CountyNeighbour(county_id=a, neighbour_id=b) for a, b in sorted(wanted - have)]
    )
    report.neighbour_pairs = pairs


@transaction.atomic
def load_all() -> LoadReport:
    report = LoadReport()
    ids = load_kzis(report)
    load_kzsb(report, ids)
    load_esco(report, ids)
    load_territories(report)
    return report
