"""Load ZSU 2030 areas and the default target groups. Idempotent."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from skillshub.core.choices import StrategyPart
from skillshub.core.models import StrategyArea, TargetGroup

DATA = Path(__file__).resolve().parents[2] / "data"

TARGET_GROUPS = [
    ("pupils", "uczniowie"),
    ("students", "studenci"),
    ("adults", "osoby dorosłe"),
    ("disability", "osoby z niepełnosprawnościami"),
    ("50plus", "osoby 50+"),
    ("neet", "młodzież NEET"),
    ("migrants", "migranci"),
    ("employers", "pracodawcy"),
    ("teachers", "nauczyciele i kadra"),
]


class Command(BaseCommand):
    help = "Load the ZSU 2030 areas and the default target groups."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        parts = {"ogolna": StrategyPart.GENERAL, "szczegolowa": StrategyPart.DETAILED}
        with open(DATA / "zsu2030" / "zsu2030_obszary.csv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter=";"))
        for row in rows:
            StrategyArea.objects.update_or_create(
                part=parts[row["czesc"]],
                number=int(row["nr"]),
                defaults={"name": row["nazwa"], "source": row["zrodlo"]},
            )
        for order, (code, name) in enumerate(TARGET_GROUPS):
            TargetGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        self.stdout.write(f"Loaded {len(rows)} ZSU areas and {len(TARGET_GROUPS)} target groups.")
