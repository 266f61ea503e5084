"""A small adopted programme for the dashboard's tests (unit and browser), built through the
services: objectives, actions (one at risk, one delayed), a programme indicator with a target,
a context indicator and a county-level indicator with values for several counties."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from skillshub.core.models import County
from skillshub.programme import services as svc
from skillshub.programme.choices import ActionStatus, NodeKind, TerritorialLevel, VersionStatus
from skillshub.programme.models import Indicator, Measurement, Node, Programme, ProgrammeVersion
from skillshub.stakeholders.tests.factories import InstitutionFactory

MAPPED_COUNTIES = ["0801", "0802", "0861", "0862"]


@dataclass
class DashboardProgramme:
    programme: Programme
    version: ProgrammeVersion
    objectives: list[Node]
    actions: list[Node]
    region: Indicator
    context: Indicator
    county: Indicator


def build_programme(
    *, actor: Any, objectives: int = 2, adopt: bool = True, name: str = "Program ZSU (demo)"
) -> DashboardProgramme:
    programme = svc.programme_create(
        actor=actor, data={"name": name, "start_year": 2024, "end_year": 2030, "is_demo": True}
    )
    version = programme.versions.get()
    lead = InstitutionFactory(name="Centrum Kształcenia Zawodowego (demo)")
    nodes: list[Node] = []
    actions: list[Node] = []
    statuses = [ActionStatus.ON_TRACK, ActionStatus.AT_RISK, ActionStatus.DELAYED]
    for n in range(objectives):
        objective = svc.node_create(
            version=version,
            actor=actor,
            data={"kind": NodeKind.OBJECTIVE, "code": f"{n + 1}", "title": f"Cel {n + 1}"},
        )
        nodes.append(objective)
    for n in range(3):
        actions.append(
            svc.node_create(
                version=version,
                actor=actor,
                data={
                    "kind": NodeKind.ACTION,
                    "parent": nodes[n % len(nodes)],
                    "code": f"{n % len(nodes) + 1}.{n + 1}",
                    "title": f"Działanie {n + 1}",
                    "lead": lead,
                    "status": statuses[n],
                    "start_date": datetime.date(2024, 1, 1),
                    "end_date": datetime.date(2027, 12, 31),
                    "budget_planned": Decimal("100000"),
                    "budget_spent": Decimal("25000"),
                },
            )
        )
    region = svc.indicator_create(
        programme=programme,
        actor=actor,
        data={
            "code": "W1",
            "name": "Udział dorosłych w kształceniu",
            "unit": "%",
            "baseline_value": Decimal("4"),
            "baseline_year": 2023,
        },
    )
    svc.target_set(indicator=region, actor=actor, year=2030, value="8")
    for year, value in [(2023, "4"), (2024, "5"), (2025, "6")]:
        svc.measurement_record(indicator=region, actor=actor, year=year, value=value)
    context = svc.indicator_create(
        programme=programme,
        actor=actor,
        data={
            "code": "K1",
            "name": "NEET",
            "unit": "%",
            "is_context": True,
            "baseline_value": Decimal("12"),
            "baseline_year": 2023,
        },
    )
    for year, value in [(2023, "12"), (2024, "11")]:
        svc.measurement_record(indicator=context, actor=actor, year=year, value=value)
    county = svc.indicator_create(
        programme=programme,
        actor=actor,
        data={
            "code": "W2",
            "name": "Absolwenci szkół branżowych",
            "unit": "osoby",
            "level": TerritorialLevel.COUNTY,
            "baseline_value": Decimal("100"),
            "baseline_year": 2023,
        },
    )
    svc.target_set(indicator=county, actor=actor, year=2030, value="200")
    counties = {c.teryt: c for c in County.objects.filter(teryt__in=MAPPED_COUNTIES)}
    for i, teryt in enumerate(MAPPED_COUNTIES):
        for year in (2024, 2025):
            svc.measurement_record(
                indicator=county,
                actor=actor,
                year=year,
                value=str(10 * (i + 1) + year - 2024),
                county=counties[teryt],
            )
    svc.measurement_record(indicator=county, actor=actor, year=2024, value="120")
    svc.indicator_link(indicator=region, node=nodes[0], actor=actor)
    svc.indicator_link(indicator=county, node=nodes[-1], actor=actor)
    if adopt:
        version = svc.version_set_status(
            version=version,
            actor=actor,
            status=VersionStatus.ADOPTED,
            adopted_on=datetime.date(2024, 3, 1),
            adopted_by="Uchwała nr 1/2024 ZWL (demo)",
        )
    return DashboardProgramme(programme, version, nodes, actions, region, context, county)


def add_bulk(data: DashboardProgramme, *, objectives: int, years: int) -> None:
    """Scale a programme up: more objectives, each measured, and ``years`` of values
    in every county. Bulk writes: this is test volume, not behaviour under test."""
    version = data.version
    programme = data.programme
    counties = list(County.objects.in_region())
    start = Node.objects.filter(version=version, code__startswith="X").count()
    for n in range(start, start + objectives):
        node = Node.objects.create(
            version=version, kind=NodeKind.OBJECTIVE, code=f"X{n}", title=f"Cel dodatkowy {n}"
        )
        indicator = Indicator.objects.create(
            programme=programme,
            code=f"X{n}",
            name=f"Wskaźnik {n}",
            unit="%",
            level=TerritorialLevel.COUNTY,
            baseline_value=Decimal("1"),
            baseline_year=2020,
        )
        node.indicator_links.create(indicator=indicator)
        Measurement.objects.bulk_create(
            [
                Measurement(indicator=indicator, year=2020 + y, county=county, value=Decimal(y))
                for y in range(years)
                for county in [None, *counties]
            ]
        )
