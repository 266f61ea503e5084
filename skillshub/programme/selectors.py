"""Reads of the programme: progress over a version's tree, indicator series, the diff between
versions. Each works in a fixed number of queries whatever the size of the programme."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .choices import VersionStatus
from .models import (
    Indicator,
    IndicatorLink,
    IndicatorTarget,
    Measurement,
    Node,
    Programme,
    ProgrammeVersion,
)
from .progress import Part, Rollup, final_target, indicator_progress, rollup

DIFF_FIELDS = ["code", "title", "description", "kind", "lead_id", "start_date", "end_date",
               "funding_source", "budget_planned", "status", "weight"]  # fmt: skip


@dataclass
class IndicatorState:
    indicator: Indicator
    latest_year: int | None
    latest: Decimal | None
    target_year: int | None
    target: Decimal | None
    progress: float | None
    series: list[tuple[int, Decimal]] = field(default_factory=list)
    targets: list[tuple[int, Decimal]] = field(default_factory=list)


def indicator_states(*, programme: Programme) -> dict[int, IndicatorState]:
    """Every indicator with its region series, targets, latest value and progress: 3 queries."""
    indicators = list(programme.indicators.all())
    series: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for indicator_id, year, value in (
        Measurement.objects.for_region()
        .filter(indicator__programme=programme)
        .order_by("indicator_id", "year")
        .values_list("indicator_id", "year", "value")
    ):
        series[indicator_id].append((year, value))
    targets: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for indicator_id, year, value in IndicatorTarget.objects.filter(
        indicator__programme=programme
    ).values_list("indicator_id", "year", "value"):
        targets[indicator_id].append((year, value))
    states = {}
    for indicator in indicators:
        points = series[indicator.pk]
        latest_year, latest = points[-1] if points else (None, None)
        aim = final_target(targets[indicator.pk])
        target_year, target = aim if aim else (None, None)
        states[indicator.pk] = IndicatorState(
            indicator=indicator,
            latest_year=latest_year,
            latest=latest,
            target_year=target_year,
            target=target,
            progress=None
            if indicator.is_context
            else indicator_progress(
                baseline=indicator.baseline_value,
                target=target,
                latest=latest,
                direction=indicator.direction,
            ),
            series=points,
            targets=sorted(targets[indicator.pk]),
        )
    return states


@dataclass
class NodeState:
    node: Node
    progress: Rollup
    children: list[NodeState] = field(default_factory=list)
    indicators: list[tuple[IndicatorState, Decimal]] = field(default_factory=list)


def version_progress(
    *, version: ProgrammeVersion, states: dict[int, IndicatorState] | None = None
) -> list[NodeState]:
    """The tree of ``version`` with each node's progress rolled up from its indicators and
    its children, by the programme's rule. Objectives first, in order."""
    programme = version.programme
    states = states if states is not None else indicator_states(programme=programme)
    nodes = list(version.nodes.select_related("lead").order_by("order", "code", "id"))
    links: dict[int, list[IndicatorLink]] = defaultdict(list)
    for link in IndicatorLink.objects.filter(node__version=version):
        links[link.node_id].append(link)
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)

    def build(node: Node) -> NodeState:
        kids = [build(child) for child in children[node.pk]]
        indicator_parts = [
            (states[link.indicator_id], link.weight)
            for link in links[node.pk]
            if link.indicator_id in states and not states[link.indicator_id].indicator.is_context
        ]
        parts = [Part(s.progress, weight) for s, weight in indicator_parts]
        parts += [Part(k.progress.progress, k.node.weight) for k in kids]
        return NodeState(
            node=node,
            progress=rollup(parts, rule=programme.rollup_rule),
            children=kids,
            indicators=indicator_parts,
        )

    return [build(node) for node in children[None]]


def current_version(programme: Programme) -> ProgrammeVersion | None:
    """The adopted version, or the latest one if none is adopted yet."""
    versions = list(programme.versions.all())
    adopted = [v for v in versions if v.status == VersionStatus.ADOPTED]
    if adopted:
        return adopted[0]
    return max(versions, key=lambda v: v.number) if versions else None


@dataclass
class NodeChange:
    kind: str  # "added", "removed", "changed"
    code: str
    title: str
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def version_diff(*, old: ProgrammeVersion, new: ProgrammeVersion) -> list[NodeChange]:
    """What a revision changes, node by node (matched by key): 2 queries."""
    before = {n.key: n for n in old.nodes.all()}
    after = {n.key: n for n in new.nodes.all()}
    changes: list[NodeChange] = []
    for key, node in after.items():
        if key not in before:
            changes.append(NodeChange("added", node.code, node.title))
            continue
        was = before[key]
        fields = {
            name: (getattr(was, name), getattr(node, name))
            for name in DIFF_FIELDS
            if getattr(was, name) != getattr(node, name)
        }
        if fields:
            changes.append(NodeChange("changed", node.code, node.title, fields))
    for key, node in before.items():
        if key not in after:
            changes.append(NodeChange("removed", node.code, node.title))
    return sorted(changes, key=lambda c: c.code)


def county_values(*, indicator: Indicator) -> dict[str, tuple[int, Decimal]]:
    """The latest value per county (TERYT → (year, value)) for the map: 1 query."""
    latest: dict[str, tuple[int, Decimal]] = {}
    for teryt, year, value in (
        Measurement.objects.filter(indicator=indicator, county__isnull=False)
        .order_by("county__teryt", "year")
        .values_list("county__teryt", "year", "value")
    ):
        latest[teryt] = (year, value)
    return latest
