from __future__ import annotations

from skillshub.labour_market.coding.text import (
    DESCRIPTION_CHARS,
    clean_ad,
    fold,
    looks_polish,
    title_document,
)


def test_markup_is_stripped_and_entities_decoded() -> None:
    ad = clean_ad(
        "<h1>Kucharz</h1>", "<script>alert(1)</script><p>Praca &amp; płaca&nbsp;od zaraz</p>"
    )
    assert ad.title == "kucharz"
    assert ad.description == "praca & płaca od zaraz"
    assert ad.flags == ("markup_stripped",)


def test_a_megabyte_description_is_cut_before_anything_else() -> None:
    ad = clean_ad("Magazynier", "x" * 1_000_000)
    assert len(ad.description) <= DESCRIPTION_CHARS
    assert "truncated" in ad.flags


def test_gender_markers_are_dropped_and_diacritics_folded() -> None:
    assert clean_ad("Kierowca (m/k)", "").title == "kierowca"
    assert fold("Łódź, żółć") == "Lodz, zolc"
    assert title_document("kierowca c+e") == "kierowca c+e t_kierowca"


def test_polish_detection() -> None:
    assert looks_polish("Kelner")
    assert looks_polish("Praca w magazynie, wymagania: prawo jazdy kat. B")
    assert not looks_polish("We are looking for a developer with experience in the team")
