"""The demo evidence: synthetic and labelled so, loaded through the real services, idempotent,
and designed so that powiat żarski shows an unmet need and an oversupply."""

from __future__ import annotations

import pytest

from skillshub.accounts.tests.factories import UserFactory
from skillshub.labour_market.choices import (
    ImportKind,
    ImportStatus,
    MzdinClass,
    RoundStatus,
    TerritoryKind,
)
from skillshub.labour_market.demo import (
    PERIODS,
    SYNTHETIC,
    ZARY,
    ZARY_OVERSUPPLY,
    ZARY_UNMET,
    build_labour_market_demo,
)
from skillshub.labour_market.models import (
    BarometrPanel,
    BarometrRating,
    BarometrRound,
    CountyNeighbour,
    ForecastEntry,
    ImportRun,
    MzdinResult,
    SchoolSupply,
)
from skillshub.labour_market.tests.factories import county

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Built once for the module (it imports ~34,000 rows); rolled back at the end."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("load_region", "08", stdout=None)
        call_command("load_reference", stdout=None)
        office = UserFactory(username="demo-office", role="office_staff")
        summary = build_labour_market_demo(office_user=office)
        yield summary, office
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_demo_is_loaded_through_the_imports_and_labelled_synthetic(demo):
    summary, _office = demo
    assert summary is not None
    assert summary.periods == len(PERIODS) == 6
    assert summary.occupations > 300
    assert summary.counts == summary.occupations * 14 * 6
    runs = ImportRun.objects.filter(status=ImportStatus.SUCCEEDED)
    assert runs.filter(kind=ImportKind.MZDIN).count() == 6
    assert all(SYNTHETIC in r.source_name for r in runs)
    assert 15 <= ForecastEntry.objects.count() <= 25
    assert 30 <= SchoolSupply.objects.count() <= 60
    assert (
        MzdinResult.objects.filter(period="2025-H2").values("threshold_set").distinct().count() == 2
    )


def test_demo_is_not_loaded_twice(demo):
    _summary, office = demo
    assert build_labour_market_demo(office_user=office) is None


def test_zary_has_a_designed_unmet_need(demo):
    zary = county(ZARY)
    near = {
        zary.pk,
        *CountyNeighbour.objects.filter(county=zary).values_list("neighbour_id", flat=True),
    }
    for code in ZARY_UNMET:
        classes = set(
            MzdinResult.objects.filter(
                code=code, territory_kind=TerritoryKind.COUNTY, territory_code=ZARY
            ).values_list("klass", flat=True)
        )
        assert classes == {MzdinClass.DEFICIT}, code
        assert not SchoolSupply.objects.filter(
            school_occupation__code=code, county_id__in=near
        ).exists()


def test_zary_has_a_designed_oversupply(demo):
    for code, enrolment in ZARY_OVERSUPPLY.items():
        classes = set(
            MzdinResult.objects.filter(
                code=code, territory_kind=TerritoryKind.COUNTY, territory_code=ZARY
            ).values_list("klass", flat=True)
        )
        assert classes <= {MzdinClass.SURPLUS, MzdinClass.MAX_SURPLUS}, code
        row = SchoolSupply.objects.get(school_occupation__code=code, county__teryt=ZARY)
        assert row.enrolment == enrolment


def test_barometr_has_a_closed_round_and_an_open_one_for_two_panels(demo):
    closed, current = BarometrRound.objects.order_by("year")
    assert closed.status == RoundStatus.CLOSED and current.status == RoundStatus.OPEN
    assert closed.groups.count() == 30
    assert BarometrRating.objects.filter(round=closed).values("panel").distinct().count() == 12
    assert BarometrRating.objects.filter(round=current).values("panel").distinct().count() == 10
    zary_panel = BarometrPanel.objects.get(counties__teryt=ZARY)
    assert list(zary_panel.members.values_list("username", flat=True)) == ["panel1"]
    zg_panel = BarometrPanel.objects.get(counties__teryt="0862")
    assert list(zg_panel.members.values_list("username", flat=True)) == ["panel2"]
    assert not BarometrRating.objects.filter(round=current, panel=zary_panel).exists()


def test_the_gap_analysis_flags_zary_both_ways(demo):
    from skillshub.labour_market.choices import GapFlag
    from skillshub.labour_market.selectors_gaps import gap_report

    report = gap_report(county=county(ZARY))
    flags = {(row.code, row.flag) for row in report.rows}
    assert {(code, GapFlag.UNMET_NEED) for code in ZARY_UNMET} <= flags
    assert {(code, GapFlag.OVERSUPPLY) for code in ZARY_OVERSUPPLY} <= flags
