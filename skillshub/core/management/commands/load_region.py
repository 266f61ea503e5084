"""Load a voivodeship, its counties and (where the TERC file covers it) its communes.

Idempotent: re-running updates names in place and creates nothing twice.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from skillshub.core.choices import CountyKind
from skillshub.core.models import Commune, County, Voivodeship

DATA = Path(__file__).resolve().parents[2] / "data" / "region"

VOIVODESHIPS = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}  # fmt: skip


def county_kind(teryt: str) -> str:
    # TERYT numbers city counties from 61 upwards.
    return CountyKind.CITY if int(teryt[2:4]) >= 61 else CountyKind.LAND


class Command(BaseCommand):
    help = "Load a region's counties and communes from TERYT data, e.g. `load_region 08`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("teryt", help="2-digit TERYT code of the voivodeship, e.g. 08")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        code = options["teryt"].zfill(2)
        if code not in VOIVODESHIPS:
            raise CommandError(f"Unknown voivodeship TERYT code {code!r}.")
        voivodeship, _ = Voivodeship.objects.update_or_create(
            teryt=code, defaults={"name": VOIVODESHIPS[code]}
        )
        counties = self._counties(code)
        for teryt, (name, seat) in counties.items():
            County.objects.update_or_create(
                teryt=teryt,
                defaults={
                    "voivodeship": voivodeship,
                    "name": name,
                    "kind": county_kind(teryt),
                    "seat": seat,
                },
            )
        communes = self._communes(code)
        by_teryt = {c.teryt: c for c in County.objects.filter(voivodeship=voivodeship)}
        for teryt, (name, kind) in communes.items():
            Commune.objects.update_or_create(
                teryt=teryt, defaults={"county": by_teryt[teryt[:4]], "name": name, "kind": kind}
            )
        self.stdout.write(
            f"Loaded województwo {voivodeship.name}: {len(counties)} counties, "
            f"{len(communes)} communes."
        )

    def _counties(self, code: str) -> dict[str, tuple[str, str]]:
        if code == "08":
            with open(DATA / "powiaty_lubuskie.csv", encoding="utf-8") as f:
                return {
                    row["teryt"]: (row["nazwa"], row["siedziba"].split(" (")[0])
                    for row in csv.DictReader(f, delimiter=";")
                }
        with open(DATA / "mlaszdane_nazwy_jst_powiaty.csv", encoding="utf-8") as f:
            return {
                row["teryt"]: (row["powiat_nazwa"], "")
                for row in csv.DictReader(f)
                if row["teryt"].startswith(code)
            }

    def _communes(self, code: str) -> dict[str, tuple[str, str]]:
        path = DATA / f"teryt_terc_{VOIVODESHIPS[code]}_2020-01-01.csv"
        if not path.exists():
            return {}
        with open(path, encoding="utf-8") as f:
            return {
                row["WOJ"] + row["POW"] + row["GMI"] + row["RODZ"]: (row["NAZWA"], row["RODZ"])
                for row in csv.DictReader(f, delimiter=";")
                if row["GMI"]
            }
