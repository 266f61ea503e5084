"""The occupation coder: two linear levels, a title lookup and a calibrated confidence.

Features: the title as word unigrams + bigrams (plus a whole-title token) and as character
2-5-grams (robust to Polish inflection and typos), and the first 3,000 characters of the
description as words. Each block is TF-IDF, L2-normalised and weighted.

Hierarchy: p(code) = p(group) * p(code | group). The 4-digit group level is one-vs-rest linear
SVM (SGD, over every example); the code level is a linear SVM per group, trained on the group's
examples only (a code competes with its siblings). Training examples are the ads plus the
auxiliary texts (thesaurus names, KZiS names, ESCO, official descriptions, weighted x2), which
give every KZiS code at least one example. Weights are pruned to the largest and stored sparse.

A flat level joins the hierarchy as a product of experts: p(code) is proportional to
p_hier(code) ** power * exp(scale * cosine(ad, centroid of the code)), the centroid being the
normalised mean of the code's normalised examples (a nearest-centroid classifier over all
codes, which ranks the codes of other groups better than the hierarchy alone).

A title lookup (the codes of training examples with exactly the same folded title) is blended
in, more strongly the more examples share the title. Two softmax temperatures, the two
exponents of the product, the blend and an isotonic map of the top probability are fitted on
out-of-fold scores of the training ads (grouped 3-fold cross-validation), so the confidence is
calibrated on training data only. The 4-digit group probability is the sum over the group's
codes.
"""

from __future__ import annotations

import hashlib
import json
import math
import platform
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
import sklearn
from scipy.optimize import minimize, minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from .text import clean_ad, description_document, fold, title_document, title_key, words
from .training import Example, data_hash, grouped_folds

FORMAT_VERSION = 2
RETRAIN_HINT = "Retrain it with: python manage.py train_occupation_coder"
DEFAULT_THRESHOLD = 0.5

DEFAULT_PARAMS: dict[str, Any] = {
    "title_word_weight": 1.0,
    "title_char_weight": 1.0,
    "description_weight": 0.6,
    "char_ngrams": [2, 5],
    "description_ngrams": [1, 1],
    "description_min_df": 2,
    "description_max_features": 60_000,
    "group_learner": "sgd",
    "group_C": 0.3,
    "group_alpha": 2e-5,
    "group_epochs": 8,
    "code_C": 0.5,
    "aux_weight": 2.0,
    "max_group_weights": 3_000_000,
    "max_code_weights": 1_000_000,
    "max_centroid_weights": 1_500_000,
    "calibration_folds": 3,
    "class_chunk": 150,
    "threshold": DEFAULT_THRESHOLD,
    # (top, half) of the title-lookup blend; None = fitted on the cross-validated scores.
    "lookup_blend": None,
    # (power, scale) of the product with the code centroids; None = fitted on the same scores.
    "centroid_mix": None,
}

_TOKEN = r"(?u)\b\w\w+\b"
_SAFE_VERSION = re.compile(r"^[0-9A-Za-z.-]+$")


class CoderModelError(Exception):
    """The model file is missing, corrupted or of another format."""


@dataclass(frozen=True)
class Suggestion:
    code: str
    probability: float


@dataclass(frozen=True)
class Prediction:
    suggestions: list[Suggestion]
    group_code: str
    group_probability: float
    explanation: list[str]
    flags: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        return self.suggestions[0].probability if self.suggestions else 0.0

    @property
    def code(self) -> str:
        return self.suggestions[0].code if self.suggestions else ""


class _Features:
    """The three TF-IDF blocks, fitted together and stacked with their weights."""

    def __init__(self, params: dict[str, Any]) -> None:
        low, high = params["char_ngrams"]
        d_low, d_high = params["description_ngrams"]
        self.title_words = TfidfVectorizer(
            token_pattern=_TOKEN, ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32
        )
        self.title_chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(low, high),
            min_df=2,
            sublinear_tf=True,
            dtype=np.float32,
        )
        self.description = TfidfVectorizer(
            token_pattern=_TOKEN,
            ngram_range=(d_low, d_high),
            min_df=params["description_min_df"],
            max_df=0.5,
            max_features=params["description_max_features"],
            sublinear_tf=True,
            dtype=np.float32,
        )
        self.weights = (
            float(params["title_word_weight"]),
            float(params["title_char_weight"]),
            float(params["description_weight"]),
        )

    @staticmethod
    def documents(
        titles: Sequence[str], descriptions: Sequence[str]
    ) -> tuple[list[str], list[str], list[str]]:
        return (
            [title_document(t) for t in titles],
            [fold(t) for t in titles],
            [description_document(d) for d in descriptions],
        )

    def fit_transform(self, titles: Sequence[str], descriptions: Sequence[str]) -> sp.csr_matrix:
        tw, tc, de = self.documents(titles, descriptions)
        blocks = [
            self.title_words.fit_transform(tw),
            self.title_chars.fit_transform(tc),
            self.description.fit_transform(de),
        ]
        return self._stack(blocks)

    def transform(self, titles: Sequence[str], descriptions: Sequence[str]) -> sp.csr_matrix:
        tw, tc, de = self.documents(titles, descriptions)
        blocks = [
            self.title_words.transform(tw),
            self.title_chars.transform(tc),
            self.description.transform(de),
        ]
        return self._stack(blocks)

    def _stack(self, blocks: list[sp.csr_matrix]) -> sp.csr_matrix:
        weighted = [block * weight for block, weight in zip(blocks, self.weights, strict=True)]
        return sp.hstack(weighted, format="csr", dtype=np.float32)

    def sizes(self) -> tuple[int, int, int]:
        return (
            len(self.title_words.vocabulary_),
            len(self.title_chars.vocabulary_),
            len(self.description.vocabulary_),
        )

    def feature_names(self) -> np.ndarray:
        return np.concatenate(
            [
                self.title_words.get_feature_names_out(),
                self.title_chars.get_feature_names_out(),
                self.description.get_feature_names_out(),
            ]
        )


def _prune(W: sp.csc_matrix, budget: int) -> sp.csc_matrix:
    """Keep the ``budget`` largest weights (by magnitude); the rest are noise for ranking."""
    W = W.tocsc()
    if W.nnz > budget:
        threshold = np.partition(np.abs(W.data), W.nnz - budget)[W.nnz - budget]
        W.data[np.abs(W.data) < threshold] = 0.0
        W.eliminate_zeros()
    return W


def _fit_groups(
    X: sp.csr_matrix,
    y: np.ndarray,
    weights: np.ndarray,
    n_classes: int,
    params: dict[str, Any],
    seed: int,
) -> tuple[sp.csc_matrix, np.ndarray]:
    """The 4-digit group level: one-vs-rest linear SVM (SGD) over all examples.

    Trained in chunks of classes to bound memory: a chunk relabels every other class as one
    "rest" class (-1), so the one-vs-rest problems of the chunk's classes are exactly those of
    the full problem (the extra "rest" problem is dropped). Returns W (features x classes, CSC,
    pruned) and the intercepts; a class absent from ``y`` gets a prohibitive intercept.
    """
    chunk = int(params["class_chunk"])
    columns: list[sp.csc_matrix] = []
    intercepts = np.full(n_classes, -1e3, dtype=np.float32)
    for start in range(0, n_classes, chunk):
        stop = min(start + chunk, n_classes)
        labels = np.where((y >= start) & (y < stop), y, -1)
        coef = np.zeros((stop - start, X.shape[1]), dtype=np.float32)
        present = np.unique(labels)
        if len(present) > 1:
            model: SGDClassifier | LinearSVC
            if params["group_learner"] == "svc":
                model = LinearSVC(C=float(params["group_C"]), random_state=seed, max_iter=2000)
            else:
                model = SGDClassifier(
                    loss="hinge",
                    alpha=float(params["group_alpha"]),
                    max_iter=int(params["group_epochs"]),
                    tol=None,
                    random_state=seed,
                )
            model.fit(X, labels, sample_weight=weights)
            for row, label in enumerate(model.classes_):
                if label >= 0:
                    coef[label - start] = model.coef_[row]
                    intercepts[label] = model.intercept_[row]
            del model
        columns.append(sp.csc_matrix(coef.T))
    W = sp.hstack(columns, format="csc", dtype=np.float32)
    return _prune(W, int(params["max_group_weights"])), intercepts


def _fit_codes(
    X: sp.csr_matrix,
    y: np.ndarray,
    weights: np.ndarray,
    group_of: np.ndarray,
    params: dict[str, Any],
    seed: int,
) -> tuple[sp.csc_matrix, np.ndarray]:
    """The 6-digit level inside each 4-digit group: a linear SVM on the group's examples only.

    A code scores only against its siblings, so each problem is small. Codes of a group with
    one code, or absent from ``y``, get no weights (the group softmax gives a lone code 1).
    """
    n_codes = len(group_of)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    intercepts = np.zeros(n_codes, dtype=np.float32)
    present = np.zeros(n_codes, dtype=bool)
    present[np.unique(y)] = True
    intercepts[~present] = -1e3
    example_group = group_of[y]
    order = np.argsort(example_group, kind="stable")
    bounds = np.flatnonzero(np.diff(example_group[order])) + 1
    for members in np.split(order, bounds):
        labels = y[members]
        distinct = np.unique(labels)
        if len(distinct) < 2:
            continue
        X_group = X[members]
        used = np.unique(X_group.indices)
        X_group = X_group[:, used]
        svm = LinearSVC(C=float(params["code_C"]), random_state=seed, max_iter=5000)
        svm.fit(X_group, labels, sample_weight=weights[members])
        coef = svm.coef_ if len(distinct) > 2 else np.vstack([-svm.coef_[0], svm.coef_[0]])
        intercept = (
            svm.intercept_
            if len(distinct) > 2
            else np.array([-svm.intercept_[0], svm.intercept_[0]])
        )
        for row, label in enumerate(svm.classes_):
            nonzero = np.flatnonzero(coef[row])
            rows.append(used[nonzero])
            cols.append(np.full(len(nonzero), label))
            vals.append(coef[row][nonzero].astype(np.float32))
            intercepts[label] = intercept[row]
    if rows:
        data = (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols)))
        W = sp.csc_matrix(data, shape=(X.shape[1], n_codes), dtype=np.float32)
    else:
        W = sp.csc_matrix((X.shape[1], n_codes), dtype=np.float32)
    return _prune(W, int(params["max_code_weights"])), intercepts


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def _group_softmax(
    scores: np.ndarray, temperature: float, starts: np.ndarray, group_of: np.ndarray
) -> np.ndarray:
    """Softmax of each row within each run of columns (the codes of one group)."""
    z = scores / temperature
    z -= np.maximum.reduceat(z, starts, axis=1)[:, group_of]
    np.exp(z, out=z)
    z /= np.add.reduceat(z, starts, axis=1)[:, group_of]
    return z


def _fit_temperature(scores: np.ndarray, targets: np.ndarray, nll_of: Any = None) -> float:
    """The temperature minimising the negative log-likelihood of the true classes."""
    rows = np.arange(len(targets))
    probabilities = nll_of or (lambda t: _softmax(scores.copy(), t))

    def nll(log_t: float) -> float:
        p = probabilities(math.exp(log_t))
        return float(-np.log(np.clip(p[rows, targets], 1e-12, None)).mean())

    result = minimize_scalar(nll, bounds=(-7.0, 3.0), method="bounded", options={"xatol": 1e-4})
    return math.exp(float(result.x))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class _Fitted:
    """Weights of one fit: the group level and the code-within-group level."""

    features: _Features
    group_weights: sp.csc_matrix
    group_intercepts: np.ndarray
    code_weights: sp.csc_matrix
    code_intercepts: np.ndarray
    # Title lookup: the folded title words -> (code indices, their shares among the examples).
    lookup: dict[str, tuple[np.ndarray, np.ndarray, float]]
    # Flat code level: the unit centroid of each code's (unit) examples, features x codes, CSR.
    centroids: sp.csr_matrix


def _fit(
    titles: list[str],
    descriptions: list[str],
    y: np.ndarray,
    weights: np.ndarray,
    group_of: np.ndarray,
    n_groups: int,
    params: dict[str, Any],
    seed: int,
) -> tuple[_Fitted, sp.csr_matrix]:
    features = _Features(params)
    X = features.fit_transform(titles, descriptions)
    Wg, bg = _fit_groups(X, group_of[y], weights, n_groups, params, seed)
    Wc, bc = _fit_codes(X, y, weights, group_of, params, seed)
    centroids = _fit_centroids(X, y, weights, len(group_of), int(params["max_centroid_weights"]))
    return _Fitted(features, Wg, bg, Wc, bc, _build_lookup(titles, y, weights), centroids), X


def _fit_centroids(
    X: sp.csr_matrix, y: np.ndarray, weights: np.ndarray, n_codes: int, budget: int
) -> sp.csr_matrix:
    """The flat code level: each code's weighted mean of its L2-normalised examples, normalised.

    Scored by cosine (``_centroid_scores``), every code against every other, whatever its
    group: a nearest-centroid classifier. It ranks codes of other groups better than the
    hierarchical product (whose group level is sure of one group), so mixing it in lifts
    top-3/top-5 and the likelihood of the true code (see docs/benchmarks.md).
    """
    unit = normalize(X)
    membership = sp.csr_matrix(
        (weights.astype(np.float32), (y, np.arange(len(y)))), shape=(n_codes, len(y))
    )
    centroids = normalize((membership @ unit).tocsr())
    return _prune(centroids.T.tocsc(), budget).tocsr()


def _centroid_scores(fitted: _Fitted, X: sp.csr_matrix) -> np.ndarray:
    """Cosine of each (row-normalised) row of X with each code centroid."""
    return np.asarray((normalize(X) @ fitted.centroids).todense())


def _build_lookup(
    titles: list[str], y: np.ndarray, weights: np.ndarray
) -> dict[str, tuple[np.ndarray, np.ndarray, float]]:
    """The codes of the training examples with exactly this (folded) title, with their shares.

    This is the lexical "the title is a known name" signal: 47 % of held-out ads have a title
    seen in training, and the most frequent code of that title is right 78 % of the time.
    """
    counts: dict[str, dict[int, float]] = {}
    for title, label, weight in zip(titles, y.tolist(), weights.tolist(), strict=True):
        key = title_key(title)
        if key:
            bucket = counts.setdefault(key, {})
            bucket[label] = bucket.get(label, 0.0) + weight
    lookup = {}
    for key, bucket in counts.items():
        labels = np.array(sorted(bucket), dtype=np.int32)
        mass = np.array([bucket[label] for label in labels.tolist()], dtype=np.float64)
        lookup[key] = (labels, (mass / mass.sum()).astype(np.float32), float(mass.sum()))
    return lookup


def _lookup_rows(
    lookup: dict[str, tuple[np.ndarray, np.ndarray, float]], titles: Sequence[str], n_codes: int
) -> tuple[sp.csr_matrix, np.ndarray]:
    """(the lookup distributions as rows, the example count behind each; 0 = no match)."""
    indptr = [0]
    indices: list[np.ndarray] = []
    data: list[np.ndarray] = []
    support = np.zeros(len(titles))
    for row, title in enumerate(titles):
        found = lookup.get(title_key(title))
        if found is not None:
            indices.append(found[0])
            data.append(found[1])
            support[row] = found[2]
            indptr.append(indptr[-1] + len(found[0]))
        else:
            indptr.append(indptr[-1])
    matrix = sp.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0, dtype=np.float32),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32),
            np.array(indptr),
        ),
        shape=(len(titles), n_codes),
    )
    return matrix, support


def _blend_weight(support: np.ndarray, blend: tuple[float, float]) -> np.ndarray:
    """How much the title lookup counts: ``top * n / (n + half)`` for n matching examples."""
    top, half = blend
    return top * support / (support + half)


def _blend_in(
    p_code: np.ndarray, lookup: sp.csr_matrix, support: np.ndarray, blend: tuple[float, float]
) -> None:
    """Mix the title-lookup distribution into ``p_code`` (in place) where the title matched."""
    hit = np.flatnonzero(support)
    if len(hit):
        share = _blend_weight(support[hit], blend)
        p_code[hit] *= (1.0 - share)[:, None]
        p_code[hit] += lookup[hit].multiply(share[:, None]).toarray()


def _recalibrate(p_code: np.ndarray, confidence_map: tuple[np.ndarray, np.ndarray]) -> None:
    """Map each row's top probability through the isotonic map (in place).

    The other codes are rescaled to share what is left, so a row still sums to 1 and its
    ranking is kept (the new top is never set below the rescaled runner-up).
    """
    xs, ys = confidence_map
    if len(xs) == 0:
        return
    rows = np.arange(len(p_code))
    best = p_code.argmax(axis=1)
    top = p_code[rows, best]
    runner_up = (
        np.partition(p_code, -2, axis=1)[:, -2] if p_code.shape[1] > 1 else np.zeros(len(rows))
    )
    mapped = np.interp(top, xs, ys)
    rest = np.clip(1.0 - top, 1e-12, None)
    mapped = np.maximum(mapped, runner_up / (rest + runner_up))
    mapped = np.clip(mapped, 1e-6, 1.0 - 1e-6)
    p_code *= ((1.0 - mapped) / rest)[:, None]
    p_code[rows, best] = mapped


def _fit_confidence_map(p_code: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Isotonic regression of "the top code is right" on the top probability (held-out)."""
    best = p_code.argmax(axis=1)
    top = p_code[np.arange(len(target)), best]
    isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    isotonic.fit(top, (best == target).astype(float))
    return (
        np.asarray(isotonic.X_thresholds_, dtype=np.float64),
        np.asarray(isotonic.y_thresholds_, dtype=np.float64),
    )


def _fit_blend(
    p_true: np.ndarray, lookup_true: np.ndarray, support: np.ndarray
) -> tuple[float, float]:
    """The (top, half) of ``_blend_weight`` minimising the held-out negative log-likelihood."""
    best = (0.0, 1.0)
    best_nll = math.inf
    for top in np.linspace(0.0, 0.95, 20):
        for half in (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0):
            share = _blend_weight(support, (float(top), half))
            p = (1.0 - share) * p_true + share * lookup_true
            nll = float(-np.log(np.clip(p, 1e-12, None)).mean())
            if nll < best_nll - 1e-9:
                best, best_nll = (float(top), half), nll
    return best


def _mix_in_centroids(p_code: np.ndarray, scores: np.ndarray, mix: tuple[float, float]) -> None:
    """The product of experts ``p_code ** power * exp(scale * scores)``, normalised, in place.

    ``scores`` are the centroid cosines (overwritten). ``mix = (1, 0)`` leaves ``p_code`` as is.
    """
    power, scale = mix
    if scale == 0.0 and power == 1.0:
        return
    np.clip(p_code, 1e-30, None, out=p_code)
    np.log(p_code, out=p_code)
    p_code *= power
    scores *= scale
    p_code += scores
    p_code -= p_code.max(axis=1, keepdims=True)
    np.exp(p_code, out=p_code)
    p_code /= p_code.sum(axis=1, keepdims=True)


def _fit_mix(log_p: np.ndarray, scores: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """(power, scale) of ``_mix_in_centroids`` minimising the held-out negative log-likelihood.

    ``log_p`` is the log of the hierarchical p(code); a logistic stacking of the two levels
    with two coefficients, fitted by Nelder-Mead from a coarse grid's best point.
    """
    rows = np.arange(len(target))

    def nll(point: np.ndarray) -> float:
        power, scale = float(point[0]), float(point[1])
        z = power * log_p + scale * scores
        z -= z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z).sum(axis=1))
        return float((log_norm - z[rows, target]).mean())

    grid = [np.array([p, s]) for p in (0.5, 0.75, 1.0) for s in (0.0, 5.0, 10.0, 20.0)]
    start = min(grid, key=nll)
    result = minimize(nll, start, method="Nelder-Mead", options={"maxiter": 40, "xatol": 0.02})
    best = result.x if result.fun < nll(start) else start
    return float(best[0]), float(best[1])


class OccupationCoder:
    """A trained coder: features, sparse weights of both levels, temperatures and metadata.

    p(code) = p(group) * p(code | group): a softmax over the 4-digit groups times a softmax
    over the group's codes, each with its own temperature.
    """

    version: str
    metadata: dict[str, Any]

    def __init__(
        self,
        *,
        fitted: _Fitted,
        codes: list[str],
        group_temperature: float,
        code_temperature: float,
        blend: tuple[float, float],
        confidence_map: tuple[np.ndarray, np.ndarray],
        metadata: dict[str, Any],
        centroid_mix: tuple[float, float] = (1.0, 0.0),
    ) -> None:
        self.fitted = fitted
        self.centroid_mix = centroid_mix
        self.codes = codes
        self.group_temperature = group_temperature
        self.code_temperature = code_temperature
        self.blend = blend
        self.confidence_map = confidence_map
        self.metadata = metadata
        self.version = metadata["version"]
        self._prepare()

    def _prepare(self) -> None:
        self.group_codes, self._group_of, self._starts = _hierarchy(self.codes)
        # The three levels' weights side by side, CSR: one sparse product scores a batch.
        self._weights_csr = sp.hstack(
            [self.fitted.group_weights, self.fitted.code_weights, self.fitted.centroids],
            format="csr",
            dtype=np.float32,
        )
        self._names: np.ndarray | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        for key in ("group_codes", "_group_of", "_starts", "_weights_csr", "_names"):
            state.pop(key, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._prepare()

    @property
    def threshold(self) -> float:
        return float(self.metadata.get("params", {}).get("threshold", DEFAULT_THRESHOLD))

    # -- training ---------------------------------------------------------------------------

    @classmethod
    def train(
        cls, examples: list[Example], *, seed: int = 2030, params: dict[str, Any] | None = None
    ) -> OccupationCoder:
        """Fit on ``examples``; the temperatures are fitted by grouped cross-validation on them."""
        merged = {**DEFAULT_PARAMS, **(params or {})}
        started = datetime.now(UTC)
        codes = sorted({example.code for example in examples})
        group_codes, group_of, starts = _hierarchy(codes)
        index = {code: i for i, code in enumerate(codes)}
        y = np.array([index[example.code] for example in examples], dtype=np.int64)
        cleaned = [clean_ad(example.title, example.description) for example in examples]
        titles = [ad.title for ad in cleaned]
        descriptions = [ad.description for ad in cleaned]
        is_ad = np.array([example.source in ("ads", "correction") for example in examples])
        sample_weights = np.where(is_ad, 1.0, float(merged["aux_weight"]))

        group_temperature = code_temperature = 1.0
        blend = tuple(merged["lookup_blend"] or (0.5, 2.0))
        centroid_mix = tuple(merged["centroid_mix"] or (0.5, 10.0))
        confidence_map = (np.zeros(0), np.zeros(0))
        n_folds = int(merged["calibration_folds"])
        if n_folds >= 2:
            folds = np.array(grouped_folds(examples, n_folds, seed))
            group_scores: list[np.ndarray] = []
            code_scores: list[np.ndarray] = []
            centroid_scores: list[np.ndarray] = []
            targets: list[np.ndarray] = []
            lookup_true: list[np.ndarray] = []
            lookup_rows: list[sp.csr_matrix] = []
            supports: list[np.ndarray] = []
            for fold_number in range(n_folds):
                held = np.flatnonzero(folds == fold_number)
                if len(held) == 0:
                    continue
                kept = np.flatnonzero(folds != fold_number)
                fitted, _ = _fit(
                    [titles[i] for i in kept],
                    [descriptions[i] for i in kept],
                    y[kept],
                    sample_weights[kept],
                    group_of,
                    len(group_codes),
                    merged,
                    seed,
                )
                X_held = fitted.features.transform(
                    [titles[i] for i in held], [descriptions[i] for i in held]
                )
                group_scores.append(
                    np.asarray((X_held @ fitted.group_weights).todense()) + fitted.group_intercepts
                )
                code_scores.append(
                    np.asarray((X_held @ fitted.code_weights).todense()) + fitted.code_intercepts
                )
                centroid_scores.append(_centroid_scores(fitted, X_held))
                targets.append(y[held])
                rows, support = _lookup_rows(fitted.lookup, [titles[i] for i in held], len(codes))
                lookup_true.append(np.asarray(rows[np.arange(len(held)), y[held]]).ravel())
                lookup_rows.append(rows)
                supports.append(support)
            if targets:
                target = np.concatenate(targets)
                group_temperature = _fit_temperature(np.vstack(group_scores), group_of[target])
                # The code level is calibrated on ads whose group has several codes.
                sizes = np.diff(np.append(starts, len(codes)))
                several = sizes[group_of[target]] > 1
                scores = np.vstack(code_scores)[several]
                code_temperature = _fit_temperature(
                    scores,
                    target[several],
                    lambda t: _group_softmax(scores, t, starts, group_of),
                )
                del scores
                p_group = _softmax(np.vstack(group_scores), group_temperature)
                p_within = _group_softmax(
                    np.vstack(code_scores), code_temperature, starts, group_of
                )
                rows = np.arange(len(target))
                p_all = p_group[:, group_of] * p_within
                del p_group, p_within
                # The flat centroid level joins as a product of experts whose two exponents
                # are fitted by likelihood on the same held-out scores.
                centroid = np.vstack(centroid_scores)
                if merged["centroid_mix"] is None:
                    centroid_mix = _fit_mix(np.log(np.clip(p_all, 1e-30, None)), centroid, target)
                _mix_in_centroids(p_all, centroid, centroid_mix)
                del centroid
                p_true = p_all[rows, target]
                support = np.concatenate(supports)
                if merged["lookup_blend"] is None:
                    blend = _fit_blend(p_true, np.concatenate(lookup_true), support)
                # Last, the top probability is mapped by isotonic regression fitted on the
                # same held-out scores: the two softmaxes, the mixture and the blend are each
                # fitted by likelihood, which leaves the top code under-confident when unsure
                # and over-confident when sure (ECE 0.09 on a validation split without this
                # map).
                _blend_in(p_all, sp.vstack(lookup_rows, format="csr"), support, blend)
                confidence_map = _fit_confidence_map(p_all, target)
                del p_all

        fitted, X = _fit(
            titles, descriptions, y, sample_weights, group_of, len(group_codes), merged, seed
        )
        material_hash = data_hash(examples)
        fingerprint = hashlib.sha256(
            json.dumps([material_hash, seed, merged], sort_keys=True).encode("utf-8")
        ).hexdigest()
        finished = datetime.now(UTC)
        metadata: dict[str, Any] = {
            "version": f"{FORMAT_VERSION}-{fingerprint[:12]}",
            "format": FORMAT_VERSION,
            "data_hash": material_hash,
            "seed": seed,
            "trained_at": finished.isoformat(timespec="seconds"),
            "training_seconds": round((finished - started).total_seconds(), 1),
            "n_examples": len(examples),
            "n_ads": int(is_ad.sum()),
            "n_codes": len(codes),
            "n_groups": len(group_codes),
            "n_features": int(X.shape[1]),
            "n_weights": int(
                fitted.group_weights.nnz + fitted.code_weights.nnz + fitted.centroids.nnz
            ),
            "group_temperature": group_temperature,
            "code_temperature": code_temperature,
            "lookup_blend": list(blend),
            "centroid_mix": list(centroid_mix),
            "confidence_map_points": len(confidence_map[0]),
            "sklearn_version": sklearn.__version__,
            "python_version": platform.python_version(),
            "params": merged,
        }
        return cls(
            fitted=fitted,
            codes=codes,
            group_temperature=group_temperature,
            code_temperature=code_temperature,
            blend=blend,
            confidence_map=confidence_map,
            metadata=metadata,
            centroid_mix=(float(centroid_mix[0]), float(centroid_mix[1])),
        )

    # -- prediction -------------------------------------------------------------------------

    def _probabilities(
        self, X: sp.csr_matrix, titles: Sequence[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(p(code), p(group)) for each row of X (and its cleaned title)."""
        scores = (X @ self._weights_csr).toarray()
        n_groups, n_codes = len(self.group_codes), len(self.codes)
        p_group = _softmax(
            scores[:, :n_groups] + self.fitted.group_intercepts, self.group_temperature
        )
        p_code = _group_softmax(
            scores[:, n_groups : n_groups + n_codes] + self.fitted.code_intercepts,
            self.code_temperature,
            self._starts,
            self._group_of,
        )
        p_code *= p_group[:, self._group_of]
        # Cosines with the centroids: the product with X over the norm of X's row.
        centroid = scores[:, n_groups + n_codes :]
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1), dtype=np.float32))
        centroid /= np.maximum(norms, 1e-12)
        _mix_in_centroids(p_code, centroid, self.centroid_mix)
        lookup, support = _lookup_rows(self.fitted.lookup, titles, len(self.codes))
        _blend_in(p_code, lookup, support, self.blend)
        _recalibrate(p_code, self.confidence_map)
        p_group = np.add.reduceat(p_code, self._starts, axis=1)
        return p_code, p_group

    def probabilities(self, titles: Sequence[str], descriptions: Sequence[str]) -> np.ndarray:
        """p(code) for cleaned titles and descriptions (see ``text.clean_ad``); columns = codes."""
        X = self.fitted.features.transform(titles, descriptions)
        return self._probabilities(X, titles)[0]

    def predict(
        self,
        ads: Sequence[tuple[str, str]],
        *,
        k: int = 5,
        threshold: float | None = None,
        explain: bool = True,
        batch_size: int = 512,
    ) -> list[Prediction]:
        """Code ``(title, description)`` pairs. Never raises on bad text; see ``flags``."""
        limit = self.threshold if threshold is None else threshold
        k = max(1, min(int(k), len(self.codes)))
        results: list[Prediction] = []
        for start in range(0, len(ads), batch_size):
            batch = [clean_ad(*_pair(ad)) for ad in ads[start : start + batch_size]]
            X = self.fitted.features.transform(
                [ad.title for ad in batch], [ad.description for ad in batch]
            )
            p_code, p_group = self._probabilities(X, [ad.title for ad in batch])
            top = np.argpartition(-p_code, k - 1, axis=1)[:, :k]
            for row, ad in enumerate(batch):
                order = top[row][np.argsort(-p_code[row, top[row]], kind="stable")]
                suggestions = [
                    Suggestion(self.codes[c], round(float(p_code[row, c]), 6)) for c in order
                ]
                best = int(order[0])
                group = int(self._group_of[best])
                flags = list(ad.flags)
                if suggestions[0].probability < limit or "empty" in flags or "not_polish" in flags:
                    flags.append("low_confidence")
                results.append(
                    Prediction(
                        suggestions=suggestions,
                        group_code=self.group_codes[group],
                        group_probability=round(float(p_group[row, group]), 6),
                        explanation=self._explain(X, row, best, group, ad.title, ad.description)
                        if explain
                        else [],
                        flags=flags,
                    )
                )
        return results

    def _explain(
        self, X: sp.csr_matrix, row: int, code: int, group: int, title: str, description: str
    ) -> list[str]:
        """Up to 8 words or phrases with the largest positive contribution to ``code``.

        A feature's contribution is its value times its weight for the group (over the group
        temperature) plus its weight for the code within the group (over the code temperature).
        Character n-grams are credited to the title words that contain them; folded words are
        shown in their original spelling.
        """
        if self._names is None:
            self._names = self.fitted.features.feature_names()
        start, stop = X.indptr[row], X.indptr[row + 1]
        columns = X.indices[start:stop]
        if len(columns) == 0:
            return []
        weights = _column(self.fitted.group_weights, group, columns) / self.group_temperature
        weights += _column(self.fitted.code_weights, code, columns) / self.code_temperature
        contributions = X.data[start:stop] * weights
        # Only the strongest positive contributions can make the top eight.
        strongest = np.argsort(-contributions, kind="stable")[:40]
        strongest = strongest[contributions[strongest] > 0]
        columns, contributions = columns[strongest], contributions[strongest]
        n_title_words, n_title_chars, _ = self.fitted.features.sizes()
        title_words = words(fold(title))
        credit: dict[str, float] = {}
        for column, value in zip(columns.tolist(), contributions.tolist(), strict=True):
            if value <= 0:
                continue
            name = str(self._names[column])
            if n_title_words <= column < n_title_words + n_title_chars:
                gram = name.strip()
                owners = [word for word in title_words if gram in word]
                for word in owners:
                    credit[word] = credit.get(word, 0.0) + value / len(owners)
            elif not any(part.startswith("t_") for part in name.split()):
                credit[name] = credit.get(name, 0.0) + value
        ranked = sorted(credit.items(), key=lambda item: (-item[1], item[0]))[:8]
        return _original_spelling(title + " " + description, [phrase for phrase, _ in ranked])

    # -- persistence ------------------------------------------------------------------------

    def save(self, directory: Path) -> Path:
        """Write ``occupation-coder-<version>.joblib`` and its JSON sidecar; return its path."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"occupation-coder-{self.version}.joblib"
        joblib.dump(self, path, compress=3)
        sidecar = {**self.metadata, "sha256": sha256_file(path), "size_bytes": path.stat().st_size}
        path.with_suffix(".json").write_text(
            json.dumps(sidecar, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return path

    @classmethod
    def load(cls, path: Path) -> OccupationCoder:
        """Load a saved model after checking its sha256 against the sidecar (before unpickling)."""
        path = Path(path)
        sidecar_path = path.with_suffix(".json")
        if not path.is_file():
            raise CoderModelError(
                f"The occupation coder model {path} does not exist. {RETRAIN_HINT}"
            )
        try:
            sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CoderModelError(
                f"The metadata file {sidecar_path} of the occupation coder is missing or "
                "unreadable "
                f"({error}). {RETRAIN_HINT}"
            ) from error
        expected = sidecar.get("sha256") if isinstance(sidecar, dict) else None
        actual = sha256_file(path)
        if not expected or actual != expected:
            raise CoderModelError(
                f"The occupation coder model {path} is corrupted: its sha256 is {actual}, "
                f"the metadata expects {expected}. {RETRAIN_HINT}"
            )
        if sidecar.get("format") != FORMAT_VERSION:
            raise CoderModelError(
                f"The occupation coder model {path} has format {sidecar.get('format')}, this code "
                f"reads format {FORMAT_VERSION}. {RETRAIN_HINT}"
            )
        try:
            model = joblib.load(path)
        except Exception as error:  # the hash matched, so this is a version mismatch
            raise CoderModelError(
                f"The occupation coder model {path} cannot be read ({error}). {RETRAIN_HINT}"
            ) from error
        if not isinstance(model, cls):
            raise CoderModelError(f"{path} does not hold an occupation coder. {RETRAIN_HINT}")
        model.metadata = {**model.metadata, "sha256": expected}
        return model


def _hierarchy(codes: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Sorted codes -> (4-digit groups, group index of each code, first code of each group)."""
    groups = sorted({code[:4] for code in codes})
    position = {group: index for index, group in enumerate(groups)}
    group_of = np.array([position[code[:4]] for code in codes], dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, group_of[1:] != group_of[:-1]])
    return groups, group_of, starts


def _column(W: sp.csc_matrix, label: int, columns: np.ndarray) -> np.ndarray:
    """W[columns, label] as a dense vector (W is CSC with sorted indices)."""
    start, stop = W.indptr[label], W.indptr[label + 1]
    indices = W.indices[start:stop]
    position = np.searchsorted(indices, columns)
    position = np.clip(position, 0, max(len(indices) - 1, 0))
    if len(indices) == 0:
        return np.zeros(len(columns), dtype=np.float32)
    found = indices[position] == columns
    return np.where(found, W.data[start:stop][position], 0.0).astype(np.float32)


def _pair(ad: object) -> tuple[object, object]:
    if isinstance(ad, (tuple, list)) and len(ad) >= 2:
        return ad[0], ad[1]
    if isinstance(ad, (tuple, list)) and len(ad) == 1:
        return ad[0], ""
    return ad, ""


def _original_spelling(text: str, phrases: list[str]) -> list[str]:
    """Each folded phrase as first spelled in ``text`` (folding keeps Polish text's length)."""
    folded = fold(text)
    if len(folded) != len(text):
        return phrases
    spelled = []
    for phrase in phrases:
        position = folded.find(phrase)
        while position >= 0:
            end = position + len(phrase)
            before = folded[position - 1] if position else " "
            after = folded[end] if end < len(folded) else " "
            if not before.isalnum() and not after.isalnum():
                break
            position = folded.find(phrase, position + 1)
        spelled.append(text[position : position + len(phrase)] if position >= 0 else phrase)
    return spelled
