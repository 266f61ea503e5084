from __future__ import annotations

from pathlib import Path

import pytest

from skillshub.labour_market.coding.model import CoderModelError, OccupationCoder, Prediction
from skillshub.labour_market.coding.training import data_hash

from .conftest import SEED

OBVIOUS = [
    (
        "Kierowca ciężarówki C+E",
        "Transport międzynarodowy, ciągnik siodłowy z naczepą, prawo jazdy kat. C+E.",
        "8332",
    ),
    (
        "Programista Python",
        "Tworzenie aplikacji webowych w Pythonie i Django, praca w zespole programistów.",
        "2514",
    ),
]


@pytest.mark.parametrize(("title", "description", "group"), OBVIOUS)
def test_obvious_ad_has_its_group_in_the_top_five(
    coder: OccupationCoder, title: str, description: str, group: str
) -> None:
    [prediction] = coder.predict([(title, description)])
    assert len(prediction.suggestions) == 5
    assert group in [suggestion.code[:4] for suggestion in prediction.suggestions]
    assert prediction.code == prediction.suggestions[0].code
    assert len(prediction.code) == 6


def test_probabilities_are_sorted_and_sum_to_at_most_one(coder: OccupationCoder) -> None:
    predictions = coder.predict(
        [(t, d) for t, d, _ in OBVIOUS] + [("Sprzedawca", "Obsługa klienta w sklepie.")]
    )
    for prediction in predictions:
        probabilities = [suggestion.probability for suggestion in prediction.suggestions]
        assert probabilities == sorted(probabilities, reverse=True)
        assert all(0.0 <= p <= 1.0 for p in probabilities)
        assert sum(probabilities) <= 1.0 + 1e-6
        assert prediction.confidence == probabilities[0]
        # The group's probability sums every code of the group, the best one included.
        assert prediction.group_code == prediction.code[:4]
        assert prediction.group_probability >= prediction.confidence - 1e-6


def test_explanation_names_words_of_the_ad(coder: OccupationCoder) -> None:
    [prediction] = coder.predict(
        [("Kierowca ciężarówki C+E", "Ciągnik siodłowy, transport międzynarodowy.")]
    )
    assert prediction.explanation
    assert len(prediction.explanation) <= 8
    text = "kierowca ciężarówki c+e ciągnik siodłowy, transport międzynarodowy."
    assert all(part in text for phrase in prediction.explanation for part in phrase.split())


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        ("", "", {"empty", "low_confidence"}),
        ("   ", "<p>&nbsp;</p>", {"empty", "markup_stripped", "low_confidence"}),
        ("<b>Magazynier</b>", "<p>Praca na magazynie &amp; obsługa wózka</p>", {"markup_stripped"}),
        ("Magazynier", "Praca na magazynie. " * 60_000, {"truncated"}),
        (
            "Senior software engineer",
            "We are looking for an experienced engineer to join our team. You will work with "
            "the latest technologies and our company offers a great salary.",
            {"not_polish", "low_confidence"},
        ),
    ],
)
def test_bad_input_gets_a_prediction_with_flags(
    coder: OccupationCoder, title: str, description: str, expected: set[str]
) -> None:
    [prediction] = coder.predict([(title, description)])
    assert isinstance(prediction, Prediction)
    assert expected <= set(prediction.flags)
    assert len(prediction.suggestions) == 5


def test_non_strings_do_not_raise(coder: OccupationCoder) -> None:
    predictions = coder.predict([(None, None), ("Kelner",), ("Kucharz", 12)], k=3)  # type: ignore[list-item]
    assert [len(p.suggestions) for p in predictions] == [3, 3, 3]
    assert "empty" in predictions[0].flags


def test_save_and_load_give_identical_predictions(coder: OccupationCoder, tmp_path: Path) -> None:
    path = coder.save(tmp_path)
    assert path.name == f"occupation-coder-{coder.version}.joblib"
    assert path.with_suffix(".json").is_file()
    loaded = OccupationCoder.load(path)
    ads = [(t, d) for t, d, _ in OBVIOUS] + [("Księgowa", "Prowadzenie ksiąg rachunkowych")]
    assert loaded.predict(ads) == coder.predict(ads)
    for key in (
        "version",
        "sha256",
        "data_hash",
        "seed",
        "trained_at",
        "n_examples",
        "n_codes",
        "sklearn_version",
        "params",
    ):
        assert key in loaded.metadata
    assert path.stat().st_size < 50 * 1024 * 1024


def test_a_flipped_byte_is_detected_before_unpickling(
    coder: OccupationCoder, tmp_path: Path
) -> None:
    path = coder.save(tmp_path)
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    path.write_bytes(bytes(content))
    with pytest.raises(CoderModelError, match="train_occupation_coder"):
        OccupationCoder.load(path)


def test_a_missing_sidecar_or_model_is_a_coder_model_error(
    coder: OccupationCoder, tmp_path: Path
) -> None:
    path = coder.save(tmp_path)
    path.with_suffix(".json").unlink()
    with pytest.raises(CoderModelError, match="train_occupation_coder"):
        OccupationCoder.load(path)
    with pytest.raises(CoderModelError, match="train_occupation_coder"):
        OccupationCoder.load(tmp_path / "absent.joblib")


def test_training_twice_with_the_same_seed_is_reproducible(
    material, coder: OccupationCoder
) -> None:
    again = OccupationCoder.train(material, seed=SEED)
    assert again.metadata["data_hash"] == coder.metadata["data_hash"] == data_hash(material)
    assert again.version == coder.version
    ads = [(t, d) for t, d, _ in OBVIOUS] + [("Sprzątaczka", "Sprzątanie biur")]
    assert again.predict(ads) == coder.predict(ads)


def test_centroid_mixture_is_fitted_by_likelihood_and_keeps_rows_normalised() -> None:
    """The product of experts recovers the exponents that generated the targets."""
    import numpy as np

    from skillshub.labour_market.coding.model import _fit_mix, _mix_in_centroids, _softmax

    rng = np.random.default_rng(0)
    log_p = np.log(_softmax(rng.normal(size=(3_000, 12)), 1.0))
    scores = rng.normal(size=(3_000, 12))
    truth = _softmax(0.6 * log_p + 4.0 * scores, 1.0)
    target = np.array([rng.choice(12, p=row / row.sum()) for row in truth])
    power, scale = _fit_mix(log_p, scores, target)
    assert power == pytest.approx(0.6, abs=0.15)
    assert scale == pytest.approx(4.0, abs=0.5)

    p = np.exp(log_p)
    _mix_in_centroids(p, scores.copy(), (power, scale))
    assert np.allclose(p.sum(axis=1), 1.0)
    unchanged = np.exp(log_p)
    _mix_in_centroids(unchanged, scores.copy(), (1.0, 0.0))
    assert np.array_equal(unchanged, np.exp(log_p))


def test_trained_model_records_its_centroid_mixture(coder: OccupationCoder) -> None:
    power, scale = coder.metadata["centroid_mix"]
    assert (power, scale) == coder.centroid_mix
    assert 0.0 < power <= 2.0 and scale >= 0.0
    assert coder.fitted.centroids.nnz > 0
