"""The MZDiN arithmetic pinned against hand-computed values, in Python and in SQL.

Each case: counts (O, B, Bn, Bo, Bd) → the class under each default threshold set, worked out
by hand from DOMAIN.md's definitions and the sets' numbers.
"""

from __future__ import annotations

import pytest
from django.db.models import IntegerField, Value

from skillshub.labour_market import indicators
from skillshub.labour_market.choices import MzdinClass as C
from skillshub.labour_market.choices import ThresholdMethod
from skillshub.labour_market.indicators import DEFAULT_SETS, classify, compute
from skillshub.labour_market.models import ThresholdSet

W_2005 = DEFAULT_SETS[0]["params"]  # deficit W > 1.1, surplus W < 0.9
THREE_2015 = DEFAULT_SETS[1]["params"]

# (O, B, Bn, Bo, Bd), class under MZDiN-2005, class under MZDiN-2015, why
CASES = [
    ((0, 0, 0, 0, 0), C.NO_DATA, C.NO_DATA, "no offers, no unemployed"),
    ((5, 0, 0, 0, 0), C.MAX_DEFICIT, C.MAX_DEFICIT, "offers but no unemployed"),
    ((0, 7, 3, 2, 4), C.MAX_SURPLUS, C.MAX_SURPLUS, "unemployed but no offers"),
    ((12, 10, 4, 6, 1), C.DEFICIT, C.DEFICIT, "W=1.2; Bd/B=0.1; Bo/Bn=1.5"),
    ((11, 10, 4, 6, 1), C.BALANCE, C.DEFICIT, "W=1.1 is not above 1.1; 2015: W>1, all met"),
    ((9, 10, 4, 2, 5), C.BALANCE, C.SURPLUS, "W=0.9 is not below 0.9; 2015: Bd/B=0.5, Bo/Bn=0.5"),
    ((8, 10, 4, 2, 5), C.SURPLUS, C.SURPLUS, "W=0.8"),
    ((20, 10, 4, 6, 5), C.DEFICIT, C.BALANCE, "W=2 but Bd/B=0.5 is not small"),
    ((20, 10, 0, 3, 1), C.DEFICIT, C.DEFICIT, "Bn=0 with outflow: outflow above inflow"),
    ((20, 10, 0, 0, 1), C.DEFICIT, C.BALANCE, "no movement at all: fluidity undefined"),
    ((5, 10, 0, 0, 5), C.SURPLUS, C.BALANCE, "W=0.5, but Bn=0: not surplus on fluidity"),
    ((1, 1, 1, 1, 0), C.BALANCE, C.BALANCE, "W=1, Bo/Bn=1: neither above nor below"),
]


@pytest.mark.parametrize(("counts", "old", "new", "why"), CASES)
def test_classification_by_hand(counts, old, new, why):
    assert classify(ThresholdMethod.W_RATIO, W_2005, *counts) == old, why
    assert classify(ThresholdMethod.THREE_INDICATORS, THREE_2015, *counts) == new, why


def test_indicators_by_hand_and_undefined_instead_of_division_by_zero():
    values = compute(o=12, b=10, bn=4, bo=6, bd=1)
    assert values.intensity == pytest.approx(1.2)
    assert values.long_term_share == pytest.approx(0.1)
    assert values.fluidity == pytest.approx(1.5)
    empty = compute(o=3, b=0, bn=0, bo=0, bd=0)
    assert empty.intensity is None and empty.long_term_share is None and empty.fluidity is None


@pytest.mark.django_db
@pytest.mark.parametrize("method", [ThresholdMethod.W_RATIO, ThresholdMethod.THREE_INDICATORS])
def test_the_sql_case_agrees_with_python_on_every_case(method):
    params = W_2005 if method == ThresholdMethod.W_RATIO else THREE_2015
    rows = ThresholdSet.objects.all()[:1]  # any one row to annotate constants onto
    assert rows.exists(), "the data migration creates the default sets"
    for (o, b, bn, bo, bd), *_rest in CASES:
        value = (
            ThresholdSet.objects.filter(pk=rows[0].pk)
            .annotate(
                o=Value(o, IntegerField()),
                b=Value(b, IntegerField()),
                bn=Value(bn, IntegerField()),
                bo=Value(bo, IntegerField()),
                bd=Value(bd, IntegerField()),
            )
            .annotate(
                klass=indicators.class_expression(method, params),
                w=indicators.ratio("o", "b"),
            )
            .values_list("klass", "w")
            .get()
        )
        assert value[0] == classify(method, params, o, b, bn, bo, bd), (o, b, bn, bo, bd)
        assert value[1] == (pytest.approx(o / b) if b else None)


@pytest.mark.django_db
def test_the_default_sets_exist_after_migrating():
    names = set(ThresholdSet.objects.values_list("name", "version"))
    assert names == {("MZDiN-2005", 1), ("MZDiN-2015", 1)}
