"""The occupation page: its place in the hierarchy and every piece of evidence per county."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from skillshub.core.models import County
from skillshub.labour_market.choices import (
    BarometrLevel,
    ForecastDemand,
    MzdinClass,
    Provision,
    RoundStatus,
)
from skillshub.labour_market.models import Occupation, ThresholdSet
from skillshub.labour_market.services_mzdin import mzdin_compute
from skillshub.labour_market.tests.factories import (
    BarometrGroupFactory,
    BarometrRatingFactory,
    BarometrRoundFactory,
    ForecastEntryFactory,
    SchoolOccupationFactory,
    SchoolSupplyFactory,
    barometr_panels,
    county,
    mzdin_counts,
)

ROWS = [
    # code, county, period, O, B, Bn, Bo, Bd
    ("251201", "0811", "2025-H1", 12, 10, 4, 6, 1),
    ("251201", "0810", "2025-H1", 0, 5, 2, 1, 3),
    ("251202", "0811", "2025-H1", 3, 0, 0, 0, 0),
    ("251201", "0811", "2024-H2", 5, 10, 4, 2, 5),
]


def _url(code: str) -> str:
    return reverse("labour_market:occupation_detail", args=[code])


@pytest.fixture
def evidence(region, coordinator):  # type: ignore[no-untyped-def]
    mzdin_counts(ROWS)
    Occupation.objects.filter(code="251201").update(name="Programista aplikacji")
    current = ThresholdSet.objects.get(name="MZDiN-2015", is_active=True)
    for period in ("2024-H2", "2025-H1"):
        mzdin_compute(actor=coordinator, period=period, threshold_set=current)
    programmer = Occupation.objects.get(code="251201")
    school = SchoolOccupationFactory(
        code="351406", name="Technik programista", sector="informatyczna", occupation=programmer
    )
    SchoolSupplyFactory(
        school_name="ZS Elektronicznych w Żarach", school_occupation=school, county=county("0811"),
        year=2024, enrolment=48, provision=Provision.SCHOOL,
    )  # fmt: skip
    ForecastEntryFactory(
        year=2025, school_occupation=school, demand=ForecastDemand.NATIONAL_SPECIAL
    )
    panels = barometr_panels()
    barometr_round = BarometrRoundFactory(year=2025, status=RoundStatus.CLOSED)
    group = BarometrGroupFactory(round=barometr_round, name="Programiści i testerzy")
    group.occupations.add(programmer)
    BarometrRatingFactory(group=group, panel=panels["0811"], level=BarometrLevel.LARGE_DEFICIT)
    return programmer


@pytest.mark.django_db
def test_the_page_shows_the_hierarchy_and_the_numbers_per_county(anonymous_client, evidence):
    with translation.override("en"):
        response = anonymous_client.get(_url("251201"))
    assert response.status_code == 200
    page = response.content.decode()
    # The breadcrumb links every ancestor.
    for code in ("2", "25", "251", "2512"):
        assert _url(code) in page
    data = response.context["evidence"]
    assert data.latest_period == "2025-H1"
    assert data.threshold_set.name == "MZDiN-2015"
    results = {c.teryt: r for c, r in data.county_results}
    assert len(results) == 14
    zary = results["0811"]
    assert (zary.offers, zary.unemployed, zary.klass) == (12, 10, MzdinClass.DEFICIT)
    assert results["0810"].klass == MzdinClass.MAX_SURPLUS
    assert results["0801"] is None
    assert "1,20" in page or "1.20" in page  # W in żarski (localised)
    # The region's trend over both periods: 5/10 then 12/15.
    assert [(r.period, r.intensity) for r in data.trend] == [
        ("2024-H2", pytest.approx(0.5)),
        ("2025-H1", pytest.approx(0.8)),
    ]
    assert response.context["trend_data"]["values"] == [0.5, 0.8]
    # School occupation, supply, MEN forecast and Barometr.
    assert "Technik programista" in page and "informatyczna" in page
    assert "ZS Elektronicznych w Żarach" in page and "48" in page
    assert [f.demand for f in data.forecast] == [ForecastDemand.NATIONAL_SPECIAL]
    assert {(b.teryt, b.level) for b in data.barometr} == {("0811", BarometrLevel.LARGE_DEFICIT)}
    assert "Programiści i testerzy" in page


@pytest.mark.django_db
def test_a_group_page_lists_its_children_and_its_own_level(anonymous_client, evidence):
    response = anonymous_client.get(_url("2512"))
    assert response.status_code == 200
    data = response.context["evidence"]
    assert [c.code for c in data.children] == ["251201", "251202"]
    # The unit group's results are at level 4: żarski O = 12 + 3, B = 10 + 0.
    zary = dict((c.teryt, r) for c, r in data.county_results)["0811"]
    assert (zary.level, zary.offers, zary.unemployed) == (4, 15, 10)
    # Groups see the school offer of their occupations.
    assert [s.school_occupation.code for s in data.supply] == ["351406"]


@pytest.mark.django_db
def test_the_map_json_carries_each_countys_w(anonymous_client, evidence):
    response = anonymous_client.get(_url("251201"), {"format": "geojson"})
    assert response["Content-Type"] == "application/json"
    geo = response.json()
    by_teryt = {f["properties"]["teryt"]: f["properties"] for f in geo["features"]}
    assert by_teryt["0811"]["value"] == 1.2
    assert by_teryt["0811"]["klass"] == MzdinClass.DEFICIT
    assert by_teryt["0801"]["value"] is None
    assert geo["period"] == "2025-H1"


@pytest.mark.django_db
def test_an_unknown_code_is_404(anonymous_client, region):
    assert anonymous_client.get(_url("999999")).status_code == 404


@pytest.mark.django_db
def test_an_occupation_without_evidence_still_renders(anonymous_client, region):
    Occupation.objects.create(code="9", name="Pracownicy przy pracach prostych", level=1)
    response = anonymous_client.get(_url("9"))
    assert response.status_code == 200
    assert response.context["evidence"].latest_period is None


@pytest.mark.django_db
def test_the_page_has_a_query_ceiling_whatever_the_data(
    anonymous_client, evidence, coordinator, django_assert_max_num_queries
):
    others = County.objects.in_region().exclude(teryt__in=["0811", "0810"])
    more = [
        ("251201", c.teryt, period, 3, 4, 1, 1, 1)
        for c in others
        for period in ("2023-H1", "2023-H2")
    ]
    mzdin_counts(more)
    current = ThresholdSet.objects.get(name="MZDiN-2015", is_active=True)
    for period in ("2023-H1", "2023-H2"):
        mzdin_compute(actor=coordinator, period=period, threshold_set=current)
    for _n in range(5):
        SchoolSupplyFactory(school_occupation=evidence.school_occupations.first())
    with django_assert_max_num_queries(15):
        response = anonymous_client.get(_url("251201"))
    assert response.status_code == 200
    assert len(response.context["evidence"].trend) == 4
    with django_assert_max_num_queries(15):
        assert anonymous_client.get(_url("251201"), {"format": "geojson"}).status_code == 200


@pytest.mark.django_db
def test_an_open_barometr_round_is_not_shown(anonymous_client, evidence):
    from skillshub.labour_market.models import BarometrRound

    BarometrRound.objects.update(status=RoundStatus.OPEN)
    response = anonymous_client.get(_url("251201"))
    assert response.context["evidence"].barometr == []
