"""Load KZiS 2023, KZSB, the ESCO crosswalk and the region's subregions, Barometr panels and
neighbouring counties. Idempotent: run it again after ``load_region`` at any time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from skillshub.labour_market.reference import load_all


class Command(BaseCommand):
    help = "Load the occupation classifications (KZiS, KZSB, ESCO) and the region's territories."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--show-neighbours", action="store_true", help="List the neighbouring counties."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_all()
        for line in report.lines():
            self.stdout.write(line)
        if options["show_neighbours"]:
            for a, b in report.neighbour_pairs:
                self.stdout.write(f"  {a} – {b}")
