"""Held-out evaluation of the occupation coder against a plain TF-IDF + linear SVM baseline.

The split (``training.grouped_folds``, fold 0 of 5) keeps identical ads on one side,
stratifies by code and keeps codes with a single ad in training. The baseline is trained on the
same training ads (and only those: no auxiliary texts), the model on those ads plus the
auxiliary material. Hyper-parameters are never chosen on this split: ``DEFAULT_PARAMS`` were
chosen on a validation split carved out of the training ads (see docs/benchmarks.md).

Run: ``python -m skillshub.labour_market.coding.evaluation [--sample N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.svm import LinearSVC

from .model import DEFAULT_THRESHOLD, OccupationCoder
from .text import clean_ad
from .training import Example, grouped_folds, load_ads, load_auxiliary, subsample

TEST_FOLD = 0
N_FOLDS = 5


def holdout_split(ads: list[Example], seed: int) -> tuple[list[Example], list[Example]]:
    """(training ads, test ads): fold 0 of the grouped, code-stratified 5-fold split."""
    folds = grouped_folds(ads, N_FOLDS, seed)
    train = [ad for ad, fold in zip(ads, folds, strict=True) if fold != TEST_FOLD]
    test = [ad for ad, fold in zip(ads, folds, strict=True) if fold == TEST_FOLD]
    return train, test


# -- metrics (plain functions, tested on hand-made inputs) -----------------------------------


def top_k_accuracy(truth: Sequence[str], ranked: Sequence[Sequence[str]], k: int) -> float:
    """Share of items whose true code is among the first ``k`` ranked codes."""
    if not truth:
        return 0.0
    return sum(code in list(row)[:k] for code, row in zip(truth, ranked, strict=True)) / len(truth)


def digit_accuracy(truth: Sequence[str], predicted: Sequence[str], digits: int) -> float:
    """Share of items whose predicted code agrees with the truth on the first ``digits`` digits."""
    if not truth:
        return 0.0
    hits = sum(a[:digits] == b[:digits] for a, b in zip(truth, predicted, strict=True))
    return hits / len(truth)


def expected_calibration_error(confidence: ArrayLike, correct: ArrayLike, bins: int = 15) -> float:
    """ECE: sum over equal-width confidence bins of |accuracy - mean confidence| x bin share.

    Bins are (0, 1/15], (1/15, 2/15], ... ; a confidence of exactly 0 goes to the first bin.
    """
    conf = np.asarray(confidence, dtype=float)
    hit = np.asarray(correct, dtype=float)
    if len(conf) == 0:
        return 0.0
    index = np.clip(np.ceil(conf * bins).astype(int) - 1, 0, bins - 1)
    total = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            total += members.mean() * abs(hit[members].mean() - conf[members].mean())
    return float(total)


def coverage_at(confidence: ArrayLike, correct: ArrayLike, threshold: float) -> tuple[float, float]:
    """(share of items with confidence >= threshold, accuracy on those items)."""
    conf = np.asarray(confidence, dtype=float)
    hit = np.asarray(correct, dtype=bool)
    kept = conf >= threshold
    if not kept.any():
        return 0.0, math.nan
    return float(kept.mean()), float(hit[kept].mean())


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro-F1 over the codes in the truth or the predictions (scikit-learn's default)."""
    return float(f1_score(list(truth), list(predicted), average="macro", zero_division=0))


# -- the report ------------------------------------------------------------------------------


@dataclass
class EvaluationReport:
    """The metrics of the model and the baseline on one held-out split."""

    rows: list[tuple[str, float | None, float | None]]
    info: dict[str, Any] = field(default_factory=dict)
    # The model trained on the training part (to inspect it or code more ads with it).
    model: OccupationCoder | None = None

    def metric(self, name: str) -> tuple[float | None, float | None]:
        for label, model, baseline in self.rows:
            if label == name:
                return model, baseline
        raise KeyError(name)

    def as_table(self) -> str:
        def cell(value: float | None) -> str:
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return "—"
            return f"{value:.4f}" if abs(value) < 1.5 else f"{value:,.0f}"

        header = ("metric", "model", "baseline", "difference")
        lines = [header]
        for name, model, baseline in self.rows:
            difference = None if model is None or baseline is None else model - baseline
            lines.append(
                (
                    name,
                    cell(model),
                    cell(baseline),
                    "—" if difference is None else f"{difference:+.4f}",
                )
            )
        widths = [max(len(str(line[i])) for line in lines) for i in range(4)]
        out = []
        for number, line in enumerate(lines):
            out.append(
                "| "
                + " | ".join(
                    str(v).ljust(w) if i == 0 else str(v).rjust(w)
                    for i, (v, w) in enumerate(zip(line, widths, strict=True))
                )
                + " |"
            )
            if number == 0:
                out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        details = ", ".join(f"{key}={value}" for key, value in self.info.items())
        return "\n".join(out) + ("\n\n" + details if details else "")


def _baseline(train: list[Example], test: list[Example]) -> list[list[str]]:
    """TF-IDF word unigrams + bigrams on title + description, LinearSVC: ranked codes per ad."""
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    X = vectoriser.fit_transform([ad.title + " " + ad.description for ad in train])
    svm = LinearSVC(random_state=0).fit(X, [ad.code for ad in train])
    scores = svm.decision_function(
        vectoriser.transform([ad.title + " " + ad.description for ad in test])
    )
    if scores.ndim == 1:
        scores = np.vstack([-scores, scores]).T
    order = np.argsort(-scores, axis=1, kind="stable")[:, :5]
    return [[str(svm.classes_[c]) for c in row] for row in order]


def evaluate(
    *,
    seed: int = 2030,
    sample: int | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    params: dict[str, Any] | None = None,
    with_baseline: bool = True,
) -> EvaluationReport:
    """Train the model and the baseline on the training part of the split; score the test part.

    ``sample`` trains and tests on a subsample of about that many ads (with the auxiliary texts
    of their codes only), for CI.
    """
    ads = load_ads()
    auxiliary = load_auxiliary()
    if sample:
        chosen = subsample(ads + auxiliary, sample, seed)
        ads = [example for example in chosen if example.source == "ads"]
        auxiliary = [example for example in chosen if example.source != "ads"]
    train, test = holdout_split(ads, seed)

    started = time.perf_counter()
    model = OccupationCoder.train(train + auxiliary, seed=seed, params=params)
    training_seconds = time.perf_counter() - started
    cleaned = [clean_ad(ad.title, ad.description) for ad in test]
    probabilities = model.probabilities(
        [ad.title for ad in cleaned], [ad.description for ad in cleaned]
    )
    order = np.argsort(-probabilities, axis=1, kind="stable")[:, :5]
    ranked = [[model.codes[c] for c in row] for row in order]
    confidence = probabilities[np.arange(len(test)), order[:, 0]]
    truth = [ad.code for ad in test]
    top1 = [row[0] for row in ranked]
    correct = [a == b for a, b in zip(truth, top1, strict=True)]

    baseline_ranked: list[list[str]] | None = None
    baseline_seconds = 0.0
    if with_baseline:
        started = time.perf_counter()
        baseline_ranked = _baseline(train, test)
        baseline_seconds = time.perf_counter() - started
    base_top1 = [row[0] for row in baseline_ranked] if baseline_ranked else None

    def both(metric: Any) -> tuple[float, float | None]:
        return metric(top1, ranked), (metric(base_top1, baseline_ranked) if base_top1 else None)

    rows: list[tuple[str, float | None, float | None]] = []
    for digits in (6, 4, 2, 1):
        rows.append(
            (
                f"top-1 accuracy, {digits} digits",
                *both(lambda p, r, d=digits: digit_accuracy(truth, p, d)),
            )
        )
    for k in (3, 5):
        rows.append(
            (f"top-{k} accuracy, 6 digits", *both(lambda p, r, k=k: top_k_accuracy(truth, r, k)))
        )
    rows.append(("macro-F1, 6 digits", *both(lambda p, r: macro_f1(truth, p))))
    covered, accuracy = coverage_at(confidence, correct, threshold)
    rows.append((f"coverage at confidence >= {threshold:g}", covered, None))
    rows.append((f"accuracy at confidence >= {threshold:g}", accuracy, None))
    rows.append(
        ("ECE (15 bins), 6-digit top-1", expected_calibration_error(confidence, correct), None)
    )
    rows.append(("mean confidence, 6-digit top-1", float(np.mean(confidence)), None))
    # The backoff: the 4-digit group with the largest summed probability.
    groups = np.add.reduceat(probabilities, model._starts, axis=1)
    best_group = groups.argmax(axis=1)
    group_hit = [
        model.group_codes[g] == code[:4] for g, code in zip(best_group, truth, strict=True)
    ]
    group_confidence = groups[np.arange(len(test)), best_group]
    rows.append(("4-digit group by summed probability (backoff)", float(np.mean(group_hit)), None))
    rows.append(
        (
            "ECE (15 bins), 4-digit backoff",
            expected_calibration_error(group_confidence, group_hit),
            None,
        )
    )
    info = {
        "seed": seed,
        "train_ads": len(train),
        "test_ads": len(test),
        "auxiliary": len(auxiliary),
        "codes_in_model": len(model.codes),
        "training_s": round(training_seconds, 1),
        "baseline_s": round(baseline_seconds, 1),
        "model_version": model.version,
    }
    return EvaluationReport(rows, info, model)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2030)
    parser.add_argument("--sample", type=int, default=None)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    report = evaluate(
        seed=args.seed,
        sample=args.sample,
        threshold=args.threshold,
        with_baseline=not args.no_baseline,
    )
    print(report.as_table())


if __name__ == "__main__":
    main()
