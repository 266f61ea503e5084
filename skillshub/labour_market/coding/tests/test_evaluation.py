from __future__ import annotations

import math
from collections import Counter, defaultdict

import pytest

from skillshub.labour_market.coding.evaluation import (
    EvaluationReport,
    coverage_at,
    digit_accuracy,
    expected_calibration_error,
    holdout_split,
    macro_f1,
    top_k_accuracy,
)
from skillshub.labour_market.coding.text import duplicate_key
from skillshub.labour_market.coding.training import Example, grouped_folds, load_ads


def test_top_k_accuracy_counts_the_true_code_among_the_first_k() -> None:
    truth = ["111111", "222222", "333333", "444444"]
    ranked = [["111111", "x"], ["x", "222222"], ["x", "y", "333333"], ["x", "y", "z"]]
    assert top_k_accuracy(truth, ranked, 1) == 0.25
    assert top_k_accuracy(truth, ranked, 2) == 0.5
    assert top_k_accuracy(truth, ranked, 3) == 0.75


def test_digit_accuracy_compares_code_prefixes_as_strings() -> None:
    truth = ["011001", "251401", "833203"]
    predicted = ["011002", "251490", "722201"]
    assert digit_accuracy(truth, predicted, 6) == 0.0
    assert digit_accuracy(truth, predicted, 4) == pytest.approx(2 / 3)
    assert digit_accuracy(truth, predicted, 2) == pytest.approx(2 / 3)
    assert digit_accuracy(truth, predicted, 1) == pytest.approx(2 / 3)


def test_expected_calibration_error_by_hand() -> None:
    # Bin (0.8667, 0.9333]: confidences 0.9, 0.9, accuracy 1/2 -> |0.5 - 0.9| = 0.4, weight 2/4.
    # Bin (0.2667, 0.3333]: confidences 0.3, 0.3, accuracy 0/2 -> |0 - 0.3| = 0.3, weight 2/4.
    assert expected_calibration_error(
        [0.9, 0.9, 0.3, 0.3], [True, False, False, False]
    ) == pytest.approx(0.35)
    # A perfectly calibrated bin contributes nothing.
    assert expected_calibration_error([0.5, 0.5], [True, False]) == pytest.approx(0.0)
    assert expected_calibration_error([1.0, 0.0], [True, False]) == pytest.approx(0.0)


def test_coverage_and_accuracy_at_a_threshold() -> None:
    covered, accuracy = coverage_at([0.9, 0.6, 0.4, 0.2], [True, False, True, False], 0.5)
    assert covered == 0.5
    assert accuracy == 0.5
    covered, accuracy = coverage_at([0.1], [True], 0.5)
    assert covered == 0.0 and math.isnan(accuracy)


def test_macro_f1_by_hand() -> None:
    # Code a: precision 1, recall 1/2 -> F1 2/3; code b: precision 1/2, recall 1 -> F1 2/3.
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"]) == pytest.approx(2 / 3)


def test_report_table_has_model_baseline_and_difference() -> None:
    table = EvaluationReport(
        [("top-1 accuracy, 6 digits", 0.7, 0.5), ("ECE", 0.03, None)]
    ).as_table()
    assert "| metric" in table and "baseline" in table and "difference" in table
    assert "+0.2000" in table


def _ads() -> list[Example]:
    ads = [Example("111111", f"Kelner {i}", "opis") for i in range(10)]
    ads += [Example("222222", "Kucharz", "ten sam opis")] * 4  # one group of duplicates
    ads += [Example("222222", f"Kucharz {i}", "opis") for i in range(3)]
    ads += [Example("333333", "Sam jeden", "")]
    ads += [
        Example("444444", "Para", "a"),
        Example("444444", "PARA ", "A"),
    ]  # duplicates after normalising
    return ads


def test_duplicates_share_a_fold_and_single_ad_codes_stay_in_training() -> None:
    ads = _ads()
    folds = grouped_folds(ads, 5, seed=3)
    by_key: dict[str, set[int]] = defaultdict(set)
    for ad, fold in zip(ads, folds, strict=True):
        by_key[duplicate_key(ad.title, ad.description)].add(fold)
    assert all(len(seen) == 1 for seen in by_key.values())
    assert folds[ads.index(Example("333333", "Sam jeden", ""))] == -1
    # Two spellings of one ad are one group: the code has a single group, so training only.
    assert folds[-1] == folds[-2] == -1
    # Every fold holds about a fifth of the ten-group code.
    assert Counter(f for ad, f in zip(ads, folds, strict=True) if ad.code == "111111") == {
        i: 2 for i in range(5)
    }


def test_the_holdout_split_of_the_shipped_ads_is_grouped_and_stratified() -> None:
    ads = load_ads()
    train, test = holdout_split(ads, seed=2030)
    assert len(train) + len(test) == len(ads)
    assert 0.15 < len(test) / len(ads) < 0.25
    train_keys = {duplicate_key(ad.title, ad.description) for ad in train}
    assert not any(duplicate_key(ad.title, ad.description) in train_keys for ad in test)
    train_codes = Counter(ad.code for ad in train)
    test_codes = Counter(ad.code for ad in test)
    # A test code is missing from training only when its ad's copies were coded differently
    # (the group goes with its most frequent code).
    codes_of_key: dict[str, set[str]] = defaultdict(set)
    for ad in ads:
        codes_of_key[duplicate_key(ad.title, ad.description)].add(ad.code)
    for ad in test:
        if ad.code not in train_codes:
            assert len(codes_of_key[duplicate_key(ad.title, ad.description)]) > 1
    # Stratified: large codes keep close to a fifth of their ads in the test part.
    for code, n in (train_codes + test_codes).most_common(20):
        assert 0.1 < test_codes[code] / n < 0.3, code
