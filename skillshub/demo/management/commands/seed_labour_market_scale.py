"""Write the MZDiN benchmark files: every 6-digit KZiS occupation (2,911) × the region's 14
counties × 20 half-years (2016-H1 … 2025-H2), about 815,000 rows, as one CSV per period (the
import takes one period per file) in ``var/bench/mzdin/``. SYNTHETIC numbers from a fixed
seed; the files are named ``dane-demonstracyjne-syntetyczne-…``.

It only writes the files (loading the occupation classification first if it is missing);
``bench/labour_market.py`` imports them through the real import service and times it. An
existing file is left as it is, so a second run costs nothing.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillshub.core.models import County
from skillshub.labour_market.models import Occupation
from skillshub.labour_market.reference import load_all

PREFIX = "dane-demonstracyjne-syntetyczne-mzdin"
HEADER = "kod_zawodu;teryt;okres;O;B;Bn;Bo;Bd\r\n"


def default_directory() -> Path:
    return Path(settings.BASE_DIR) / "var" / "bench" / "mzdin"


def periods(count: int, last_year: int = 2025) -> list[str]:
    """``count`` half-years ending with ``last_year``-H2, oldest first."""
    halves = [f"{y}-H{h}" for y in range(last_year - count, last_year + 1) for h in (1, 2)]
    return halves[-count:]


def period_file(directory: Path, period: str) -> Path:
    return directory / f"{PREFIX}-{period}.csv"


class Command(BaseCommand):
    help = "Write the MZDiN benchmark CSV files (2,911 occupations × 14 counties × 20 periods)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--periods", type=int, default=20)
        parser.add_argument("--occupations", type=int, default=0, help="0: all of them")
        parser.add_argument("--directory", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        counties = list(
            County.objects.in_region().order_by("teryt").values_list("teryt", flat=True)
        )
        if not counties:
            raise CommandError("Load the region first: manage.py load_region 08")
        if not Occupation.objects.filter(level=6).exists():
            load_all()
        codes = sorted(Occupation.objects.filter(level=6).values_list("code", flat=True))
        if options["occupations"]:
            codes = codes[: options["occupations"]]
        directory = Path(options["directory"]) if options["directory"] else default_directory()
        directory.mkdir(parents=True, exist_ok=True)
        rng = random.Random(815)
        # Each occupation × county has a size and a leaning that persist across periods.
        shape = {
            (code, teryt): (rng.lognormvariate(2.0, 1.0), rng.uniform(0.3, 2.0))
            for code in codes
            for teryt in counties
        }
        started = time.perf_counter()
        written = rows = 0
        for period in periods(options["periods"]):
            path = period_file(directory, period)
            rows += len(codes) * len(counties)
            if path.exists():
                continue
            lines = [HEADER]
            for code in codes:
                for teryt in counties:
                    size, lean = shape[(code, teryt)]
                    b = int(size * rng.uniform(0.8, 1.2))
                    o = int(b * lean * rng.uniform(0.8, 1.2))
                    bn = int(b * rng.uniform(0.3, 0.7))
                    bo = int(bn * rng.uniform(0.6, 1.4))
                    bd = int(b * rng.uniform(0.1, 0.5))
                    lines.append(f"{code};{teryt};{period};{o};{b};{bn};{bo};{bd}\r\n")
            path.write_text("".join(lines), encoding="utf-8")
            written += 1
        self.stdout.write(
            f"MZDiN benchmark files in {directory}: {written} written, "
            f"{options['periods'] - written} already there; {rows:,} rows "
            f"({len(codes)} occupations × {len(counties)} counties × {options['periods']} "
            f"periods) in {time.perf_counter() - started:.1f} s."
        )
