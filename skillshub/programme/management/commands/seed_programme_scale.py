"""Make a programme of benchmark size: 12 objectives, 150 actions, 200 indicators (half of them
county-level) with 10 years of measurements in the 14 counties and the region, adopted.

Bulk inserts, not services: ``measurement_record`` locks the indicator, validates and writes an
audit entry for each value, and every service bumps the page cache; for the ~17,000 rows here
that would take minutes and fill the audit trail with work no one did. The rows still respect
what the services enforce (values inside the programme's period, a baseline before the targets,
targets on the right side of the baseline, counties only for county-level indicators, one
adopted version). Marked as demo data; never run it on a production database. Running it again
does nothing once the programme is there.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from skillshub.core.models import County, StrategyArea
from skillshub.core.pagecache import bump
from skillshub.stakeholders.models import Institution

from ...choices import (
    ActionStatus,
    Direction,
    FundingSource,
    NodeKind,
    TerritorialLevel,
    VersionStatus,
)
from ...models import (
    Indicator,
    IndicatorLink,
    IndicatorTarget,
    Measurement,
    Node,
    Programme,
    ProgrammeVersion,
)

NAME = "Program wdrażania ZSU 2030 – skala benchmarku (demo)"
START, END = 2021, 2030
BATCH = 2_000


class Command(BaseCommand):
    help = "Bulk-create a benchmark-size programme (12 objectives, 150 actions, 200 indicators)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--objectives", type=int, default=12)
        parser.add_argument("--actions", type=int, default=150)
        parser.add_argument("--indicators", type=int, default=200)
        parser.add_argument("--seed", type=int, default=5)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if Programme.objects.filter(name=NAME).exists():
            self.stdout.write("The scale programme exists already; nothing to do.")
            return
        counties = list(County.objects.in_region().order_by("teryt"))
        areas = list(StrategyArea.objects.filter(part="detailed"))
        if not counties or not areas:
            raise CommandError("Load the region first: manage.py load_region 08; load_reference")
        rng = random.Random(options["seed"])
        n_objectives, n_actions = options["objectives"], options["actions"]
        n_indicators = options["indicators"]
        leads = list(Institution.objects.order_by("pk").values_list("pk", flat=True)[:40])

        programme = Programme.objects.create(
            name=NAME,
            start_year=START,
            end_year=END,
            description="Dane do testów wydajności (demo).",
            is_demo=True,
        )
        version = ProgrammeVersion.objects.create(
            programme=programme,
            number=1,
            status=VersionStatus.ADOPTED,
            adopted_on=datetime.date(START, 3, 1),
            adopted_by="Uchwała nr 1/1/21 Zarządu Województwa (demo, benchmark)",
        )
        objectives = Node.objects.bulk_create(
            Node(
                version=version,
                kind=NodeKind.OBJECTIVE,
                code=str(i + 1),
                title=f"Cel regionalny {i + 1} (skala)",
                order=i + 1,
            )
            for i in range(n_objectives)
        )
        statuses = list(ActionStatus.values)
        actions = []
        for i in range(n_actions):
            parent = objectives[i % n_objectives]
            start = rng.randint(START, END - 2)
            planned = Decimal(rng.randint(100, 20_000) * 1000)
            actions.append(
                Node(
                    version=version,
                    parent=parent,
                    kind=NodeKind.ACTION,
                    code=f"{parent.code}.{i // n_objectives + 1}",
                    title=f"Działanie {i + 1} (skala)",
                    order=i // n_objectives + 1,
                    lead_id=leads[i % len(leads)] if leads else None,
                    start_date=datetime.date(start, 1, 1),
                    end_date=datetime.date(rng.randint(start + 1, END), 12, 31),
                    funding_source=rng.choice(FundingSource.values),
                    budget_planned=planned,
                    budget_spent=(planned * Decimal(rng.randint(0, 90)) / 100).quantize(
                        Decimal("1")
                    ),
                    status=rng.choice(statuses),
                )
            )
        actions = Node.objects.bulk_create(actions)
        areas_m2m = Node.areas.through
        areas_m2m.objects.bulk_create(
            areas_m2m(node_id=node.pk, strategyarea_id=areas[k % len(areas)].pk)
            for k, node in enumerate([*objectives, *actions])
        )
        counties_m2m = Node.counties.through
        counties_m2m.objects.bulk_create(
            counties_m2m(node_id=node.pk, county_id=county.pk)
            for node in actions
            for county in rng.sample(counties, 3)
        )

        indicators = []
        for i in range(n_indicators):
            lower = i % 7 == 0
            base = Decimal(rng.randint(20, 80))
            indicators.append(
                Indicator(
                    programme=programme,
                    code=f"S{i + 1:03d}",
                    name=f"Wskaźnik skali {i + 1}",
                    unit="%",
                    source="dane do testów wydajności",
                    level=TerritorialLevel.COUNTY if i % 2 else TerritorialLevel.REGION,
                    direction=Direction.LOWER if lower else Direction.HIGHER,
                    baseline_value=base,
                    baseline_year=START,
                    is_demo=True,
                )
            )
        indicators = Indicator.objects.bulk_create(indicators)
        targets, links, rows = [], [], []
        for i, indicator in enumerate(indicators):
            base = indicator.baseline_value or Decimal("50")
            sign = -1 if indicator.direction == Direction.LOWER else 1
            for year, step in ((2027, 8), (END, 15)):
                targets.append(
                    IndicatorTarget(indicator=indicator, year=year, value=base + sign * step)
                )
            links.append(IndicatorLink(indicator=indicator, node=actions[i % n_actions]))
            if i < n_objectives:
                links.append(IndicatorLink(indicator=indicator, node=objectives[i]))
            territories: list[County | None] = [None]
            if indicator.level == TerritorialLevel.COUNTY:
                territories += counties
            for county in territories:
                value = base
                for year in range(START, END + 1):  # 2021–2030: ten years
                    value += Decimal(sign * rng.uniform(-0.5, 2.0)).quantize(Decimal("0.01"))
                    rows.append(
                        Measurement(indicator=indicator, year=year, county=county, value=value)
                    )
        IndicatorTarget.objects.bulk_create(targets, batch_size=BATCH)
        IndicatorLink.objects.bulk_create(links, batch_size=BATCH)
        Measurement.objects.bulk_create(rows, batch_size=BATCH)
        bump("programme")
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale programme (pk {programme.pk}): {len(objectives)} objectives, "
                f"{len(actions)} actions, {len(indicators)} indicators "
                f"({sum(1 for i in indicators if i.level == TerritorialLevel.COUNTY)} "
                f"county-level), {len(rows)} measurements, adopted."
            )
        )
