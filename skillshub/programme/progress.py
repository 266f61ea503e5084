"""The progress arithmetic, as pure functions (no database), so the rules can be read and
tested on their own.

An indicator's progress is ``(latest − baseline) / (target − baseline)``, clamped to [0, 1].
The same formula serves both directions: for a "lower is better" indicator the target lies
below the baseline, so a fall in the value is progress. Edge cases:

- no baseline, no target or no measurement: no progress (``None``), never a division error;
- the target equals the baseline: 1 when the latest value meets the target in the indicator's
  direction, else 0;
- a value beyond the target: 1; a value that went the wrong way: 0.

A node's progress rolls up from its indicators and its children by the programme's rule: the
mean of the parts that have data, weighted by their weights or not. Parts without data are left
out (and counted, so a page can say "3 of 5 indicators have data"); a node with no part that has
data has no progress.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .choices import Direction, RollupRule


def indicator_progress(
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    latest: Decimal | None,
    direction: str = Direction.HIGHER,
) -> float | None:
    if baseline is None or target is None or latest is None:
        return None
    if target == baseline:
        if direction == Direction.LOWER:
            return 1.0 if latest <= target else 0.0
        return 1.0 if latest >= target else 0.0
    share = float((latest - baseline) / (target - baseline))
    return min(1.0, max(0.0, share))


@dataclass(frozen=True)
class Part:
    """One input of a roll-up: a progress (or None for no data) and its weight."""

    progress: float | None
    weight: Decimal = Decimal("1")


@dataclass(frozen=True)
class Rollup:
    progress: float | None
    parts: int
    with_data: int


def rollup(parts: Iterable[Part], *, rule: str = RollupRule.WEIGHTED) -> Rollup:
    parts = list(parts)
    known = [p for p in parts if p.progress is not None]
    if not known:
        return Rollup(None, len(parts), 0)
    if rule == RollupRule.WEIGHTED:
        total = sum((p.weight for p in known), Decimal("0"))
        if total > 0:
            value = sum(float(p.weight) * float(p.progress or 0) for p in known) / float(total)
            return Rollup(value, len(parts), len(known))
    # Unweighted, or every weight is zero: the plain mean.
    value = sum(float(p.progress or 0) for p in known) / len(known)
    return Rollup(value, len(parts), len(known))


def final_target(targets: Iterable[tuple[int, Decimal]]) -> tuple[int, Decimal] | None:
    """The target the programme aims at: the one for the latest year."""
    ordered = sorted(targets)
    return ordered[-1] if ordered else None
