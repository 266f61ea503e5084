"""The progress arithmetic: the formula, both directions, and every edge case."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from skillshub.programme.progress import Part, final_target, indicator_progress, rollup


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "direction", "expected"),
    [
        (D("10"), D("20"), D("15"), "higher", 0.5),
        (D("10"), D("20"), D("20"), "higher", 1.0),
        (D("10"), D("20"), D("25"), "higher", 1.0),  # beyond the target: clamped
        (D("10"), D("20"), D("8"), "higher", 0.0),  # the wrong way: clamped
        (D("12"), D("8"), D("10"), "lower", 0.5),  # a decreasing indicator
        (D("12"), D("8"), D("7"), "lower", 1.0),
        (D("12"), D("8"), D("13"), "lower", 0.0),
        (D("5"), D("5"), D("5"), "higher", 1.0),  # target equal to the baseline, met
        (D("5"), D("5"), D("4.9"), "higher", 0.0),  # … and missed
        (D("5"), D("5"), D("4"), "lower", 1.0),
        (D("5"), D("5"), D("6"), "lower", 0.0),
        (None, D("20"), D("15"), "higher", None),  # missing data: no progress
        (D("10"), None, D("15"), "higher", None),
        (D("10"), D("20"), None, "higher", None),
    ],
)
def test_indicator_progress(baseline, target, latest, direction, expected):
    result = indicator_progress(
        baseline=baseline, target=target, latest=latest, direction=direction
    )
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def test_weighted_rollup_leaves_out_parts_without_data():
    result = rollup([Part(1.0, D("3")), Part(0.0, D("1")), Part(None, D("5"))], rule="weighted")
    assert result.progress == pytest.approx(0.75)
    assert (result.parts, result.with_data) == (3, 2)


def test_unweighted_rollup_is_the_plain_mean():
    result = rollup([Part(1.0, D("3")), Part(0.0, D("1"))], rule="unweighted")
    assert result.progress == pytest.approx(0.5)


def test_rollup_with_no_data_has_no_progress():
    assert rollup([Part(None), Part(None)]).progress is None
    assert rollup([]).progress is None


def test_rollup_with_zero_weights_falls_back_to_the_mean():
    result = rollup([Part(1.0, D("0")), Part(0.5, D("0"))], rule="weighted")
    assert result.progress == pytest.approx(0.75)


def test_the_final_target_is_the_latest_years():
    assert final_target([(2030, D("60")), (2027, D("50"))]) == (2030, D("60"))
    assert final_target([]) is None
