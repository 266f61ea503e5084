"""Computing a period at every level and territory, against hand-computed sums."""

from __future__ import annotations

import pytest

from skillshub.core.models import County
from skillshub.labour_market.choices import ImportKind, ImportStatus, MzdinClass, TerritoryKind
from skillshub.labour_market.models import (
    ImportRun,
    MzdinCount,
    MzdinResult,
    Occupation,
    Subregion,
    ThresholdSet,
)
from skillshub.labour_market.services_mzdin import mzdin_compute, threshold_set_revise


@pytest.fixture
def counts(region):  # type: ignore[no-untyped-def]
    parent = None
    for code in ("2", "25", "251", "2512"):
        parent = Occupation.objects.create(
            code=code, name=f"grupa {code}", level=len(code), parent=parent
        )
    programmer = Occupation.objects.create(
        code="251201", name="Programista", level=6, parent=parent
    )
    tester = Occupation.objects.create(code="251202", name="Tester", level=6, parent=parent)
    zary, zagan, wschowa = (County.objects.get(teryt=t) for t in ("0811", "0810", "0812"))
    south = Subregion.objects.create(code="PL432", name="zielonogórski")
    south.counties.set([zary, zagan])
    run = ImportRun.objects.create(
        kind=ImportKind.MZDIN, source_name="t.csv", file_sha256="x", status=ImportStatus.SUCCEEDED
    )
    rows = [
        # occupation, county, O, B, Bn, Bo, Bd
        (programmer, zary, 12, 10, 4, 6, 1),
        (programmer, zagan, 0, 5, 2, 1, 3),
        (tester, zary, 3, 0, 0, 0, 0),
        (tester, wschowa, 0, 0, 0, 0, 0),
    ]
    for occupation, county, o, b, bn, bo, bd in rows:
        MzdinCount.objects.create(
            occupation=occupation, county=county, period="2025-H1", offers=o, unemployed=b,
            inflow=bn, outflow=bo, long_term=bd, import_run=run,
        )  # fmt: skip
    return {"zary": zary, "zagan": zagan, "wschowa": wschowa}


def _result(level: int, code: str, kind: str, territory: str, threshold_set: ThresholdSet):
    return MzdinResult.objects.get(
        threshold_set=threshold_set,
        period="2025-H1",
        level=level,
        code=code,
        territory_kind=kind,
        territory_code=territory,
    )


@pytest.mark.django_db
def test_every_level_and_territory_is_computed_from_the_raw_counts(counts, coordinator):
    old = ThresholdSet.objects.get(name="MZDiN-2005")
    written = mzdin_compute(actor=coordinator, period="2025-H1", threshold_set=old)
    # county: 2 occupations in żarski + 1 in żagański + 1 in wschowski = 4 rows per 6-digit;
    # per group level (1-4 digits): 3 counties each.
    # subregion PL432 (żarski + żagański): 2 occupations; 1 row per group level.
    # region: 2 occupations; 1 row per group level.
    assert written == (4 + 3 * 4) + (2 + 1 * 4) + (2 + 1 * 4)

    programmer_zary = _result(6, "251201", TerritoryKind.COUNTY, "0811", old)
    assert (programmer_zary.offers, programmer_zary.unemployed) == (12, 10)
    assert programmer_zary.intensity == pytest.approx(1.2)
    assert programmer_zary.klass == MzdinClass.DEFICIT
    assert _result(6, "251201", TerritoryKind.COUNTY, "0810", old).klass == MzdinClass.MAX_SURPLUS
    assert _result(6, "251202", TerritoryKind.COUNTY, "0811", old).klass == MzdinClass.MAX_DEFICIT
    assert _result(6, "251202", TerritoryKind.COUNTY, "0812", old).klass == MzdinClass.NO_DATA

    # The unit group 2512 in żarski: O = 12 + 3 = 15, B = 10 + 0 = 10 → W = 1.5, deficit.
    group = _result(4, "2512", TerritoryKind.COUNTY, "0811", old)
    assert (group.offers, group.unemployed, group.intensity) == (15, 10, pytest.approx(1.5))
    assert group.klass == MzdinClass.DEFICIT
    # The subregion: O = 12 + 0 + 3 = 15, B = 10 + 5 + 0 = 15 → W = 1.0: balanced.
    south = _result(1, "2", TerritoryKind.SUBREGION, "PL432", old)
    assert (south.offers, south.unemployed, south.klass) == (15, 15, MzdinClass.BALANCE)
    # The region adds wschowski's zeros: the same sums.
    region = _result(2, "25", TerritoryKind.REGION, "08", old)
    assert (region.offers, region.unemployed, region.inflow, region.outflow, region.long_term) == (
        15, 15, 6, 7, 4,
    )  # fmt: skip
    assert region.fluidity == pytest.approx(7 / 6)
    assert region.long_term_share == pytest.approx(4 / 15)


@pytest.mark.django_db
def test_recomputing_replaces_and_a_revised_set_keeps_the_old_results(counts, coordinator):
    old = ThresholdSet.objects.get(name="MZDiN-2005")
    first = mzdin_compute(actor=coordinator, period="2025-H1", threshold_set=old)
    assert mzdin_compute(actor=coordinator, period="2025-H1", threshold_set=old) == first
    stricter = threshold_set_revise(
        actor=coordinator,
        threshold_set=old,
        params={"deficit_above": 1.3, "surplus_below": 0.5},
    )
    assert (stricter.name, stricter.version) == ("MZDiN-2005", 2)
    mzdin_compute(actor=coordinator, period="2025-H1", threshold_set=stricter)
    # W = 1.2 is a deficit under v1 and balanced under v2; both results are kept, each with
    # the set it used.
    assert _result(6, "251201", TerritoryKind.COUNTY, "0811", old).klass == MzdinClass.DEFICIT
    assert _result(6, "251201", TerritoryKind.COUNTY, "0811", stricter).klass == MzdinClass.BALANCE
    old.refresh_from_db()
    assert not old.is_active and stricter.is_active


@pytest.mark.django_db
def test_a_revision_with_a_bad_number_is_refused(counts, coordinator):
    from django.core.exceptions import ValidationError

    old = ThresholdSet.objects.get(name="MZDiN-2005")
    with pytest.raises(ValidationError):
        threshold_set_revise(
            actor=coordinator, threshold_set=old, params={"deficit_above": "x", "surplus_below": -1}
        )
    assert ThresholdSet.objects.filter(name="MZDiN-2005").count() == 1
