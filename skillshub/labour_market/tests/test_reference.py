from __future__ import annotations

import time

import pytest
from django.core.management import call_command

from skillshub.core.models import County
from skillshub.labour_market.models import (
    BarometrPanel,
    CountyNeighbour,
    EscoLink,
    Occupation,
    SchoolOccupation,
    Subregion,
)
from skillshub.labour_market.reference import neighbour_pairs

pytestmark = pytest.mark.django_db


def _neighbours(teryt: str) -> set[str]:
    return set(
        County.objects.filter(
            pk__in=CountyNeighbour.objects.filter(county__teryt=teryt).values("neighbour_id")
        ).values_list("teryt", flat=True)
    )


def test_the_loader_loads_the_whole_kzis_hierarchy(occupations):  # type: ignore[no-untyped-def]
    counts = {d: Occupation.objects.filter(level=d).count() for d in (1, 2, 3, 4, 6)}
    assert counts == {1: 10, 2: 43, 3: 134, 4: 445, 6: 2911}
    assert Occupation.objects.get(code="514101").name == "Fryzjer"  # school mark "S" dropped
    welder = Occupation.objects.select_related("parent__parent").get(code="722204")
    assert welder.parent.code == "7222"
    assert welder.parent.parent.code == "722"
    assert not Occupation.objects.filter(level__gt=1, parent__isnull=True).exists()
    assert not Occupation.objects.filter(level=1, parent__isnull=False).exists()


def test_the_loader_loads_school_occupations_and_esco(occupations):  # type: ignore[no-untyped-def]
    assert SchoolOccupation.objects.count() == 261
    analyst = SchoolOccupation.objects.get(code="311103")
    assert analyst.name == "Technik analityk"
    assert analyst.school_types == "technikum, KKZ"
    assert analyst.prk_level == 4
    assert analyst.occupation is not None and analyst.occupation.code == "311103"
    assert EscoLink.objects.count() > 2000
    assert EscoLink.objects.filter(occupation__code="263102", esco_label="ekonomista").exists()


def test_the_loader_builds_subregions_panels_and_neighbours(occupations):  # type: ignore[no-untyped-def]
    assert set(Subregion.objects.values_list("code", "name")) == {
        ("PL431", "gorzowski"),
        ("PL432", "zielonogórski"),
    }
    assert Subregion.objects.get(code="PL432").counties.count() == 8
    assert BarometrPanel.objects.count() == 12
    gorzow = BarometrPanel.objects.get(name="Panel PUP Gorzów Wielkopolski")
    assert set(gorzow.counties.values_list("teryt", flat=True)) == {"0801", "0861"}
    zary = BarometrPanel.objects.get(name="Panel PUP Żary")
    assert list(zary.counties.values_list("teryt", flat=True)) == ["0811"]
    assert _neighbours("0811") == {"0802", "0809", "0810"}
    assert _neighbours("0861") == {"0801"}
    assert "0809" in _neighbours("0862")
    pairs = set(CountyNeighbour.objects.values_list("county_id", "neighbour_id"))
    assert pairs == {(b, a) for a, b in pairs}


def test_neighbours_are_symmetric_pairs_without_self() -> None:
    pairs = neighbour_pairs()
    assert all(a < b for a, b in pairs)
    assert ("0810", "0811") in pairs
    assert ("0804", "0811") not in pairs


def test_loading_twice_changes_nothing(occupations, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    before = (Occupation.objects.count(), EscoLink.objects.count(), CountyNeighbour.objects.count())
    started = time.perf_counter()
    with django_assert_max_num_queries(80):
        call_command("load_occupations", stdout=None)
    assert time.perf_counter() - started < 2
    after = (Occupation.objects.count(), EscoLink.objects.count(), CountyNeighbour.objects.count())
    assert before == after


def test_the_loader_without_the_region_skips_territories(db):  # type: ignore[no-untyped-def]
    call_command("load_occupations", stdout=None)
    assert Occupation.objects.count() == 3543
    assert not BarometrPanel.objects.exists()
