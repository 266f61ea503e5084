"""The gap analysis's flags for powiat żarski, one occupation per case, against a hand-built
fixture (``zary_gap_scenario``)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from skillshub.labour_market.choices import MzdinClass
from skillshub.labour_market.selectors_gaps import (
    OVERSUPPLY,
    UNMET_NEED,
    GapRow,
    evidence,
    gap_report,
    gap_rows,
)
from skillshub.labour_market.tests.factories import county, mzdin_result, zary_gap_scenario


@pytest.fixture
def scenario(region):  # type: ignore[no-untyped-def]
    return zary_gap_scenario()


def _zary(**filters: object) -> dict[str, GapRow]:
    return {row.code: row for row in gap_rows(county=county("0811"), **filters)}  # type: ignore[arg-type]


@pytest.mark.django_db
def test_a_deficit_occupation_taught_nowhere_near_is_an_unmet_need(scenario):
    row = _zary()[scenario["unmet_mzdin"].code]
    assert row.mzdin is not None and row.mzdin.klass == MzdinClass.DEFICIT
    assert (row.schools, row.neighbour_schools) == (0, 0)
    assert row.flag == UNMET_NEED


@pytest.mark.django_db
def test_a_school_in_the_neighbouring_county_meets_the_need(scenario):
    row = _zary()[scenario["served_by_neighbour"].code]
    assert row.has_demand
    assert (row.schools, row.neighbour_schools) == (0, 1)
    assert row.flag == ""


@pytest.mark.django_db
def test_a_surplus_occupation_with_large_enrolment_is_oversupplied(scenario):
    row = _zary()[scenario["oversupply"].code]
    # A school class (35) and a qualification course (25): 60 ≥ 50.
    assert (row.schools, row.courses, row.enrolment) == (2, 1, 60)
    assert row.flag == OVERSUPPLY


@pytest.mark.django_db
def test_a_surplus_occupation_with_small_enrolment_is_not_flagged(scenario):
    row = _zary()[scenario["small_surplus"].code]
    assert row.has_surplus and row.enrolment == 20
    assert row.flag == ""


@pytest.mark.django_db
def test_the_large_enrolment_threshold_is_a_setting(scenario):
    with override_settings(GAP_LARGE_ENROLMENT=20):
        assert _zary()[scenario["small_surplus"].code].flag == OVERSUPPLY
    with override_settings(GAP_LARGE_ENROLMENT=61):
        assert _zary()[scenario["oversupply"].code].flag == ""


@pytest.mark.django_db
def test_a_men_listed_occupation_with_no_supply_is_an_unmet_need(scenario):
    row = _zary()[scenario["unmet_men"].code]
    assert row.mzdin is None and row.forecast == ["regional_significant"]
    assert row.flag == UNMET_NEED


@pytest.mark.django_db
def test_a_barometr_deficit_from_the_county_panel_counts_as_demand(scenario):
    row = _zary()[scenario["unmet_barometr"].code]
    assert row.barometr is not None
    assert (row.barometr.level, row.barometr.panel) == (2, "Panel PUP żarski")
    assert row.flag == UNMET_NEED
    # The other panel's "large surplus" is that county's, not żarski's.
    elsewhere = {r.code: r for r in gap_rows(county=county("0802"))}
    assert elsewhere[scenario["unmet_barometr"].code].barometr.level == 5  # type: ignore[union-attr]


@pytest.mark.django_db
def test_an_open_round_is_ignored(scenario):
    rows = _zary()
    assert scenario["open_round_only"].code not in rows
    report = gap_report(county=county("0811"))
    assert report.sources.barometr_year == 2025


@pytest.mark.django_db
def test_only_occupations_with_a_signal_or_an_offer_are_listed(scenario):
    listed = set(_zary())
    expected = {so.code for key, so in scenario.items() if key != "open_round_only"}
    # żagański's school makes "served_by_neighbour" a row of żagański too, not of żarski twice.
    assert listed == expected
    zagan = {r.code for r in gap_rows(county=county("0810"))}
    # The MEN forecast is regional: it lists the occupation in every county.
    assert zagan == {scenario["served_by_neighbour"].code, scenario["unmet_men"].code}


@pytest.mark.django_db
def test_the_latest_period_of_the_active_2015_set_is_the_default(scenario):
    code = scenario["unmet_mzdin"].code
    mzdin_result(code, "0811", MzdinClass.SURPLUS, offers=1, unemployed=10, period="2024-H2")
    from skillshub.labour_market.models import ThresholdSet

    old = ThresholdSet.objects.get(name="MZDiN-2005", version=1)
    mzdin_result(code, "0811", MzdinClass.SURPLUS, offers=1, unemployed=10, threshold_set=old)
    report = gap_report(county=county("0811"))
    assert report.sources.period == "2025-H1"
    assert report.sources.threshold_set_label == "MZDiN-2015 v1"
    assert {r.code: r for r in report.rows}[code].flag == UNMET_NEED
    older = {r.code: r for r in gap_rows(county=county("0811"), period="2024-H2")}
    assert older[code].mzdin.klass == MzdinClass.SURPLUS  # type: ignore[union-attr]


@pytest.mark.django_db
def test_filters_and_the_summary(scenario):
    unmet = gap_rows(county=county("0811"), flag=UNMET_NEED)
    assert {r.code for r in unmet} == {
        scenario[k].code for k in ("unmet_mzdin", "unmet_men", "unmet_barometr")
    }
    assert [r.code for r in gap_rows(county=county("0811"), occupation_q="kucharz")] == [
        scenario["unmet_barometr"].code
    ]
    report = gap_report(flag=OVERSUPPLY)
    zary = next(s for s in report.summary if s.teryt == "0811")
    # The summary counts before the flag filter.
    assert (zary.unmet_need, zary.oversupply) == (3, 1)
    assert len(report.summary) == 14
    assert [r.flag for r in report.rows] == [OVERSUPPLY]


@pytest.mark.django_db
def test_the_evidence_names_every_source(scenario):
    report = gap_report(county=county("0811"))
    row = {r.code: r for r in report.rows}[scenario["unmet_mzdin"].code]
    labels = {
        "classes": {"deficit": "deficit"},
        "levels": {},
        "demands": {},
        "no_data": "no data",
        "panel": "panel",
        "schools": "schools in county",
        "neighbours": "in neighbours",
        "enrolment": "enrolment",
    }
    with translation.override("en"):
        text = evidence(row, report.sources, labels)
    assert text.startswith("MZDiN 2025-H1 (MZDiN-2015 v1): O=30, B=10, W=3.00")
    assert "Barometr 2025: no data" in text
    assert "MEN 2026: no data" in text
    assert text.endswith("schools in county: 0, in neighbours: 0")
    assert row.evidence_url.endswith("/occupations/723103/#county-0811")
