"""The MZDiN arithmetic, in one place: the indicators computed from raw counts, and the
classification under a threshold set, both as plain Python (one value: for pages, tests and
documentation) and as SQL expressions (every occupation of a period at once, in the database).

The counts (DOMAIN.md, "Labour-market evidence"): O job offers, B registered unemployed,
Bn inflow, Bo outflow, Bd long-term unemployed.

- intensity W = O / B; undefined when B = 0;
- long-term share Bd / B; undefined when B = 0;
- fluidity Bo / Bn; undefined when Bn = 0.

Edge cases are named, never a division error: O > 0 with B = 0 is "maximally deficit", B > 0
with O = 0 is "maximally surplus", O = B = 0 is "no data". Under the three-indicator method an
undefined fluidity with some outflow (Bo > 0, Bn = 0) counts as "outflow above inflow"; with no
movement at all (Bo = Bn = 0) the occupation is neither deficit nor surplus on that criterion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThan

from .choices import MzdinClass, ThresholdMethod

# The defaults the office starts from; DOMAIN.md marks the numbers unverified, so they are
# data (ThresholdSet.params) the office edits, never constants the code decides with.
DEFAULT_SETS: list[dict[str, Any]] = [
    {
        "name": "MZDiN-2005",
        "method": ThresholdMethod.W_RATIO,
        "params": {"deficit_above": 1.1, "surplus_below": 0.9},
        "note": "W = O/B: W > 1.1 deficit, 0.9–1.1 balance, W < 0.9 surplus (unverified).",
    },
    {
        "name": "MZDiN-2015",
        "method": ThresholdMethod.THREE_INDICATORS,
        "params": {
            "deficit_intensity_above": 1.0,
            "deficit_long_term_below": 0.3,
            "deficit_fluidity_above": 1.0,
            "surplus_intensity_below": 1.0,
            "surplus_long_term_at_least": 0.3,
            "surplus_fluidity_below": 1.0,
        },
        "note": (
            "Deficit: more offers than unemployed, a small long-term share and outflow above "
            "inflow; surplus: the reverse on all three. Thresholds unverified."
        ),
    },
]


@dataclass(frozen=True)
class Indicators:
    intensity: float | None
    long_term_share: float | None
    fluidity: float | None


def compute(o: int, b: int, bn: int, bo: int, bd: int) -> Indicators:
    return Indicators(
        intensity=o / b if b else None,
        long_term_share=bd / b if b else None,
        fluidity=bo / bn if bn else None,
    )


def classify(method: str, params: dict[str, Any], o: int, b: int, bn: int, bo: int, bd: int) -> str:
    """The class of one occupation × territory × period under a threshold set.

    Ratios are compared as products (O > t·B, not O/B > t), exactly as the SQL does, so that
    the page and the database never disagree on a value at a threshold.
    """
    if o == 0 and b == 0:
        return MzdinClass.NO_DATA
    if b == 0:
        return MzdinClass.MAX_DEFICIT
    if o == 0:
        return MzdinClass.MAX_SURPLUS
    if method == ThresholdMethod.W_RATIO:
        if float(o) > float(b) * float(params["deficit_above"]):
            return MzdinClass.DEFICIT
        if float(o) < float(b) * float(params["surplus_below"]):
            return MzdinClass.SURPLUS
        return MzdinClass.BALANCE
    outflow_above = (
        bo > 0 if bn == 0 else float(bo) > float(bn) * float(params["deficit_fluidity_above"])
    )
    outflow_below = bn != 0 and float(bo) < float(bn) * float(params["surplus_fluidity_below"])
    if (
        float(o) > float(b) * float(params["deficit_intensity_above"])
        and float(bd) < float(b) * float(params["deficit_long_term_below"])
        and outflow_above
    ):
        return MzdinClass.DEFICIT
    if (
        float(o) < float(b) * float(params["surplus_intensity_below"])
        and float(bd) >= float(b) * float(params["surplus_long_term_at_least"])
        and outflow_below
    ):
        return MzdinClass.SURPLUS
    return MzdinClass.BALANCE


# --- The same in SQL ------------------------------------------------------------------------


def ratio(numerator: str, denominator: str) -> Case:
    """``numerator / denominator`` as a float, NULL when the denominator is 0 (names of fields
    or annotations)."""
    return Case(
        When(**{denominator: 0}, then=Value(None, output_field=FloatField())),
        default=Cast(F(numerator), FloatField()) / Cast(F(denominator), FloatField()),
        output_field=FloatField(),
    )


def _times(name: str, factor: float) -> Any:
    return Cast(F(name), FloatField()) * Value(float(factor))


def _float(name: str) -> Any:
    return Cast(F(name), FloatField())


def class_expression(method: str, params: dict[str, Any]) -> Case:
    """The class as a SQL CASE over annotations named ``o``, ``b``, ``bn``, ``bo``, ``bd``.

    It must agree with :func:`classify` (a test checks both on every edge case). Ratios are
    compared as products (O > t·B rather than O/B > t), so no division happens in SQL at all.
    """
    edge = [
        When(o=0, b=0, then=Value(MzdinClass.NO_DATA.value)),
        When(b=0, then=Value(MzdinClass.MAX_DEFICIT.value)),
        When(o=0, then=Value(MzdinClass.MAX_SURPLUS.value)),
    ]
    if method == ThresholdMethod.W_RATIO:
        return Case(
            *edge,
            When(
                GreaterThan(_float("o"), _times("b", params["deficit_above"])),
                then=Value(MzdinClass.DEFICIT.value),
            ),
            When(
                LessThan(_float("o"), _times("b", params["surplus_below"])),
                then=Value(MzdinClass.SURPLUS.value),
            ),
            default=Value(MzdinClass.BALANCE.value),
        )
    deficit = (
        Q(GreaterThan(_float("o"), _times("b", params["deficit_intensity_above"])))
        & Q(LessThan(_float("bd"), _times("b", params["deficit_long_term_below"])))
        & (
            Q(bn=0, bo__gt=0)
            | (
                ~Q(bn=0)
                & Q(GreaterThan(_float("bo"), _times("bn", params["deficit_fluidity_above"])))
            )
        )
    )
    surplus = (
        Q(LessThan(_float("o"), _times("b", params["surplus_intensity_below"])))
        & Q(GreaterThanOrEqual(_float("bd"), _times("b", params["surplus_long_term_at_least"])))
        & ~Q(bn=0)
        & Q(LessThan(_float("bo"), _times("bn", params["surplus_fluidity_below"])))
    )
    return Case(
        *edge,
        When(deficit, then=Value(MzdinClass.DEFICIT.value)),
        When(surplus, then=Value(MzdinClass.SURPLUS.value)),
        default=Value(MzdinClass.BALANCE.value),
    )
