"""Barometr zawodów services and selectors: opening, rating, freezing, importing, and the
distribution of counties per level."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import AuditEntry
from skillshub.labour_market import selectors_barometr as selectors
from skillshub.labour_market import services_barometr as services
from skillshub.labour_market.choices import BarometrLevel, ImportStatus, RoundStatus
from skillshub.labour_market.models import BarometrGroup, BarometrRating, BarometrRound, ImportRun

from .factories import (
    BarometrGroupFactory,
    BarometrRoundFactory,
    barometr_panels,
    occupation_with_ancestors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panels(region):  # type: ignore[no-untyped-def]
    return barometr_panels()


@pytest.fixture
def open_round(panels):  # type: ignore[no-untyped-def]
    barometr_round = BarometrRoundFactory(year=2025)
    BarometrGroupFactory(round=barometr_round, name="Spawacze")
    BarometrGroupFactory(round=barometr_round, name="Kucharze")
    return barometr_round


def _group(barometr_round: BarometrRound, name: str) -> BarometrGroup:
    return BarometrGroup.objects.get(round=barometr_round, name=name)


# --- Opening a round ---------------------------------------------------------------------------


def test_groups_parse_reads_name_and_codes() -> None:
    groups = services.groups_parse("Spawacze;722204, 722206\n\nKucharze;512001\n")
    assert [(g.name, g.codes) for g in groups] == [
        ("Spawacze", ["722204", "722206"]),
        ("Kucharze", ["512001"]),
    ]


def test_groups_parse_reports_every_bad_line() -> None:
    with pytest.raises(services.GroupListError) as info:
        services.groups_parse("Spawacze 722204\nKucharze;51200\n;512001\nSpawacze;722204")
    assert [e.row for e in info.value.rows] == [1, 2, 3]


def test_round_open_maps_groups_to_occupations(coordinator, region) -> None:  # type: ignore[no-untyped-def]
    occupation_with_ancestors("722204")
    occupation_with_ancestors("512001")
    barometr_round = services.round_open(
        actor=coordinator,
        year=2026,
        groups=services.groups_parse("Spawacze;722204\nKucharze;512001"),
    )
    assert barometr_round.status == RoundStatus.OPEN
    assert list(_group(barometr_round, "Spawacze").occupations.values_list("code", flat=True)) == [
        "722204"
    ]
    assert AuditEntry.objects.filter(verb="round_open").count() == 1


def test_round_open_with_an_unknown_code_creates_nothing(coordinator, region) -> None:  # type: ignore[no-untyped-def]
    occupation_with_ancestors("722204")
    with pytest.raises(services.GroupListError) as info:
        services.round_open(
            actor=coordinator,
            year=2026,
            groups=services.groups_parse("Spawacze;722204\nNieznani;999999"),
        )
    assert [e.row for e in info.value.rows] == [2]
    assert not BarometrRound.objects.exists()
    assert not BarometrGroup.objects.exists()


def test_one_round_per_year(coordinator, region) -> None:  # type: ignore[no-untyped-def]
    occupation_with_ancestors("722204")
    groups = services.groups_parse("Spawacze;722204")
    services.round_open(actor=coordinator, year=2026, groups=groups)
    with pytest.raises(ValidationError):
        services.round_open(actor=coordinator, year=2026, groups=groups)
    assert BarometrRound.objects.count() == 1


# --- Ratings -----------------------------------------------------------------------------------


def test_ratings_save_upserts_and_audits(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    panel = panels["0811"]
    spawacze = _group(open_round, "Spawacze")
    kucharze = _group(open_round, "Kucharze")
    changed = services.ratings_save(
        actor=coordinator,
        barometr_round=open_round,
        panel=panel,
        ratings={spawacze.pk: BarometrLevel.DEFICIT, kucharze.pk: BarometrLevel.NO_RATING},
    )
    assert changed == 2
    changed = services.ratings_save(
        actor=coordinator,
        barometr_round=open_round,
        panel=panel,
        ratings={spawacze.pk: BarometrLevel.LARGE_DEFICIT, kucharze.pk: BarometrLevel.NO_RATING},
    )
    assert changed == 1
    assert BarometrRating.objects.get(group=spawacze, panel=panel).level == 1
    assert BarometrRating.objects.count() == 2
    assert AuditEntry.objects.filter(verb="ratings_save:2025").count() == 2


def test_ratings_save_refuses_a_group_of_another_round(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    other = BarometrGroupFactory(round=BarometrRoundFactory(year=2024), name="Spawacze")
    with pytest.raises(ValidationError):
        services.ratings_save(
            actor=coordinator,
            barometr_round=open_round,
            panel=panels["0811"],
            ratings={other.pk: 2},
        )
    assert not BarometrRating.objects.exists()


def test_closed_round_refuses_ratings(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    spawacze = _group(open_round, "Spawacze")
    services.ratings_save(
        actor=coordinator, barometr_round=open_round, panel=panels["0811"], ratings={spawacze.pk: 2}
    )
    closed = services.round_close(actor=coordinator, barometr_round=open_round)
    assert closed.status == RoundStatus.CLOSED
    assert closed.closed_at is not None
    # Even through a stale object that still says "open": the service reads the locked row.
    with pytest.raises(services.RoundClosed):
        services.ratings_save(
            actor=coordinator,
            barometr_round=open_round,
            panel=panels["0811"],
            ratings={spawacze.pk: 5},
        )
    assert BarometrRating.objects.get(group=spawacze).level == 2
    with pytest.raises(services.RoundClosed):
        services.round_close(actor=coordinator, barometr_round=closed)


def test_panel_set_members(panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    expert = UserFactory(username="expert-zary")
    services.panel_set_members(actor=coordinator, panel=panels["0811"], members=[expert])
    assert list(panels["0811"].members.all()) == [expert]
    assert AuditEntry.objects.filter(verb="panel_set_members").count() == 1


# --- Import ------------------------------------------------------------------------------------

GOOD = (
    "panel;grupa;ocena\n"
    "0811;Spawacze;2\n"
    "Panel PUP żarski;Kucharze;DUZA_NADWYZKA\n"
    "0862;Spawacze;równowaga popytu i podaży\n"
    "0801;Kucharze;0\n"
)


def test_import_writes_every_row(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    run = services.ratings_import(
        actor=coordinator, barometr_round=open_round, data=GOOD.encode(), file_name="b.csv"
    )
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert (run.rows_read, run.rows_written) == (4, 4)
    levels = {
        (r.panel_id, r.group.name): r.level for r in BarometrRating.objects.select_related("group")
    }
    assert levels == {
        (panels["0811"].pk, "Spawacze"): 2,
        (panels["0811"].pk, "Kucharze"): 5,
        (panels["0809"].pk, "Spawacze"): 3,
        (panels["0801"].pk, "Kucharze"): 0,
    }
    assert BarometrRating.objects.filter(import_run=run).count() == 4


def test_import_reads_cp1250(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    run = services.ratings_import(
        actor=coordinator,
        barometr_round=open_round,
        data=GOOD.encode("cp1250"),
        file_name="b.csv",
    )
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert run.encoding == "cp1250"


def test_import_same_file_twice_changes_nothing(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    services.ratings_import(
        actor=coordinator, barometr_round=open_round, data=GOOD.encode(), file_name="b.csv"
    )
    before = list(BarometrRating.objects.values_list("pk", "level", "updated_at"))
    again = services.ratings_import(
        actor=coordinator, barometr_round=open_round, data=GOOD.encode(), file_name="b.csv"
    )
    assert again.status == ImportStatus.UNCHANGED
    assert again.rows_written == 0
    assert list(BarometrRating.objects.values_list("pk", "level", "updated_at")) == before


def test_bad_import_writes_nothing_and_reports_rows(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    bad = (
        "panel;grupa;ocena\n"
        "0811;Spawacze;2\n"
        "9999;Spawacze;2\n"
        "0811;Tancerze;2\n"
        "0805;Kucharze;7\n"
        "0811;Spawacze;3\n"
    )
    run = services.ratings_import(
        actor=coordinator, barometr_round=open_round, data=bad.encode(), file_name="bad.csv"
    )
    assert run.status == ImportStatus.FAILED
    assert [(e["row"], e["column"]) for e in run.errors] == [
        (3, "panel"),
        (4, "grupa"),
        (5, "ocena"),
        (6, "grupa"),
    ]
    assert not BarometrRating.objects.exists()
    assert ImportRun.objects.get().pk == run.pk


def test_import_missing_column_is_reported(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    run = services.ratings_import(
        actor=coordinator,
        barometr_round=open_round,
        data=b"panel;grupa\n0811;Spawacze\n",
        file_name="bad.csv",
    )
    assert run.status == ImportStatus.FAILED
    assert run.errors[0]["row"] == 1
    assert run.errors[0]["column"] == "ocena"


def test_import_into_closed_round_is_refused(open_round, panels, coordinator) -> None:  # type: ignore[no-untyped-def]
    closed = services.round_close(actor=coordinator, barometr_round=open_round)
    with translation.override("en"):
        run = services.ratings_import(
            actor=coordinator, barometr_round=closed, data=GOOD.encode(), file_name="b.csv"
        )
    assert run.status == ImportStatus.FAILED
    assert "closed" in run.errors[0]["message"]
    assert not BarometrRating.objects.exists()


# --- Distribution and year-on-year change -------------------------------------------------------


def _rate(panel_levels: dict[str, int], group: BarometrGroup, panels: dict) -> None:  # type: ignore[type-arg]
    BarometrRating.objects.bulk_create(
        [
            BarometrRating(round=group.round, group=group, panel=panels[teryt], level=level)
            for teryt, level in panel_levels.items()
        ]
    )


def test_distribution_counts_counties_not_panels(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    spawacze = _group(open_round, "Spawacze")
    # The Zielona Góra panel covers two counties (0809 and the city 0862): it counts twice.
    _rate({"0809": 1, "0811": 1, "0805": 3, "0810": 0}, spawacze, panels)
    data = selectors.distribution(open_round)
    assert data.counties == 14
    row = next(r for r in data.rows if r.name == "Spawacze")
    assert row.counts == {1: 3, 2: 0, 3: 1, 4: 0, 5: 0}
    assert row.no_rating == 10  # one "no rating" county and nine panels not rated yet
    assert row.median == 1
    kucharze = next(r for r in data.rows if r.name == "Kucharze")
    assert kucharze.no_rating == 14
    assert kucharze.median is None
    chart = data.chart()
    assert chart["groups"] == ["Kucharze", "Spawacze"]
    assert chart["series"][0]["values"] == [0, 3]
    assert chart["series"][-1]["values"] == [14, 10]


def test_year_on_year_change_is_flagged(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    previous = BarometrRoundFactory(year=2024, status=RoundStatus.CLOSED)
    old_spawacze = BarometrGroupFactory(round=previous, name="Spawacze")
    old_kucharze = BarometrGroupFactory(round=previous, name="Kucharze")
    _rate({"0811": 3, "0805": 3, "0802": 4}, old_spawacze, panels)
    _rate({"0811": 2, "0805": 2}, old_kucharze, panels)
    _rate({"0811": 2, "0805": 2, "0802": 3}, _group(open_round, "Spawacze"), panels)
    _rate({"0811": 4, "0805": 4}, _group(open_round, "Kucharze"), panels)
    BarometrGroupFactory(round=open_round, name="Programiści")
    rows = {r.name: r for r in selectors.distribution(open_round).rows}
    assert (rows["Spawacze"].previous_median, rows["Spawacze"].median) == (3, 2)
    assert rows["Spawacze"].change == "up"  # towards deficit
    assert rows["Kucharze"].change == "down"  # towards surplus
    assert rows["Programiści"].change == "new"


def test_no_previous_round_flags_nothing(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    assert {r.change for r in selectors.distribution(open_round).rows} == {""}


def test_group_counties_lists_every_county_with_its_panel(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    spawacze = _group(open_round, "Spawacze")
    _rate({"0809": 2}, spawacze, panels)
    rows = {r.teryt: r for r in selectors.group_counties(spawacze)}
    assert len(rows) == 14
    assert rows["0862"].level == rows["0809"].level == 2
    assert rows["0862"].panel == panels["0809"].name
    assert rows["0811"].level == 0


def test_round_progress(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    _rate({"0811": 2}, _group(open_round, "Spawacze"), panels)
    _rate({"0811": 0}, _group(open_round, "Kucharze"), panels)
    progress = {p.panel_id: p for p in selectors.round_progress(open_round)}
    assert len(progress) == 12
    assert (progress[panels["0811"].pk].rated, progress[panels["0811"].pk].no_rating) == (1, 1)
    assert progress[panels["0809"].pk].counties == 2
