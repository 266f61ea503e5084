"""Programme writes: versions, revision and adoption, the frozen rule, indicators, targets and
measurements with every refusal the issue names, and progress over the tree."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from skillshub.core.models import County
from skillshub.programme import selectors
from skillshub.programme import services as svc
from skillshub.programme.choices import NodeKind, VersionStatus
from skillshub.programme.models import Measurement, Node
from skillshub.programme.services import FrozenVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def programme(coordinator):
    return svc.programme_create(
        actor=coordinator,
        data={"name": "Program (demo)", "start_year": 2024, "end_year": 2030},
    )


def _tree(programme, coordinator):
    version = programme.versions.get()
    objective = svc.node_create(
        version=version,
        actor=coordinator,
        data={"kind": NodeKind.OBJECTIVE, "code": "1", "title": "Cel 1"},
    )
    action = svc.node_create(
        version=version,
        actor=coordinator,
        data={"kind": NodeKind.ACTION, "code": "1.1", "title": "Działanie", "parent": objective},
    )
    return version, objective, action


def _adopt(version, coordinator):
    return svc.version_set_status(
        version=version,
        actor=coordinator,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2024, 3, 1),
        adopted_by="Uchwała nr 1/2024 ZWL (demo)",
    )


def test_an_action_belongs_under_an_objective(programme, coordinator):
    version = programme.versions.get()
    with pytest.raises(ValidationError, match="belongs under"):
        svc.node_create(
            version=version, actor=coordinator, data={"kind": "action", "code": "X", "title": "X"}
        )


def test_an_adopted_version_is_frozen_and_a_revision_copies_it(programme, coordinator, region):
    version, objective, action = _tree(programme, coordinator)
    action.counties.set(County.objects.in_region()[:2])
    _adopt(version, coordinator)
    with pytest.raises(FrozenVersion, match="Start a revision"):
        svc.node_update(node=action, actor=coordinator, data={"title": "Zmiana"})
    revision = svc.version_revise(version=version, actor=coordinator, note="Przegląd 2026")
    copied = revision.nodes.get(key=action.key)
    assert copied.parent.key == objective.key
    assert copied.counties.count() == 2
    svc.node_update(node=copied, actor=coordinator, data={"title": "Działanie po zmianie"})
    svc.node_create(
        version=revision,
        actor=coordinator,
        data={"kind": "objective", "code": "2", "title": "Nowy cel"},
    )
    changes = {c.code: c for c in selectors.version_diff(old=version, new=revision)}
    assert changes["1.1"].kind == "changed" and "title" in changes["1.1"].fields
    assert changes["2"].kind == "added"
    _adopt(revision, coordinator)
    version.refresh_from_db()
    assert version.status == VersionStatus.SUPERSEDED
    assert Node.objects.get(pk=action.pk).title == "Działanie"  # the old version is untouched


def test_adoption_needs_the_boards_resolution(programme, coordinator):
    version, _o, _a = _tree(programme, coordinator)
    with pytest.raises(ValidationError):
        svc.version_set_status(version=version, actor=coordinator, status="adopted")


def test_only_one_revision_at_a_time(programme, coordinator):
    version, _o, _a = _tree(programme, coordinator)
    _adopt(version, coordinator)
    svc.version_revise(version=version, actor=coordinator)
    with pytest.raises(ValidationError, match="already in progress"):
        svc.version_revise(version=version, actor=coordinator)


def _indicator(programme, coordinator, **extra):
    data = {
        "code": "W1",
        "name": "Udział dorosłych w kształceniu",
        "unit": "%",
        "baseline_value": D("5.0"),
        "baseline_year": 2023,
        "level": "county",
        **extra,
    }
    return svc.indicator_create(programme=programme, actor=coordinator, data=data)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 2019, "value": "5"}, "year"),  # outside the programme
        ({"year": 2031, "value": "5"}, "year"),
        ({"year": 2025, "value": "pięć"}, "value"),  # not a number
        ({"year": 2025, "value": "5", "unit": "osoby"}, "unit"),  # unit mismatch
    ],
)
def test_a_bad_measurement_is_refused_and_nothing_saved(programme, coordinator, kwargs, field):
    indicator = _indicator(programme, coordinator)
    with pytest.raises(ValidationError) as refused:
        svc.measurement_record(indicator=indicator, actor=coordinator, **kwargs)
    assert field in refused.value.message_dict
    assert not Measurement.objects.exists()


def test_a_county_value_for_a_region_indicator_is_refused(programme, coordinator, region):
    indicator = _indicator(programme, coordinator, level="region")
    with pytest.raises(ValidationError):
        svc.measurement_record(
            indicator=indicator,
            actor=coordinator,
            year=2025,
            value="5",
            county=County.objects.in_region().first(),
        )


def test_a_measurement_is_recorded_once_and_corrected(programme, coordinator):
    indicator = _indicator(programme, coordinator)
    svc.measurement_record(indicator=indicator, actor=coordinator, year=2025, value="6,5")
    svc.measurement_record(indicator=indicator, actor=coordinator, year=2025, value="7")
    assert list(Measurement.objects.values_list("value", flat=True)) == [D("7")]


@pytest.mark.parametrize(
    ("direction", "year", "value", "field"),
    [("higher", 2022, "9", "year"), ("higher", 2030, "4", "value"), ("lower", 2030, "6", "value")],
)
def test_a_bad_target_is_refused(programme, coordinator, direction, year, value, field):
    indicator = _indicator(programme, coordinator, direction=direction)
    with pytest.raises(ValidationError) as refused:
        svc.target_set(indicator=indicator, actor=coordinator, year=year, value=value)
    assert field in refused.value.message_dict
    assert not indicator.targets.exists()


def test_progress_rolls_up_the_tree(programme, coordinator):
    version, _objective, action = _tree(programme, coordinator)
    rising = _indicator(programme, coordinator, code="W1")
    falling = _indicator(
        programme, coordinator, code="W2", direction="lower", baseline_value=D("20")
    )
    empty = _indicator(programme, coordinator, code="W3")
    svc.target_set(indicator=rising, actor=coordinator, year=2030, value="15")
    svc.target_set(indicator=falling, actor=coordinator, year=2030, value="10")
    svc.target_set(indicator=empty, actor=coordinator, year=2030, value="50")
    svc.measurement_record(indicator=rising, actor=coordinator, year=2025, value="10")  # 0.5
    svc.measurement_record(indicator=falling, actor=coordinator, year=2025, value="12")  # 0.8
    svc.indicator_link(indicator=rising, node=action, actor=coordinator, weight=1)
    svc.indicator_link(indicator=falling, node=action, actor=coordinator, weight=3)
    svc.indicator_link(indicator=empty, node=action, actor=coordinator)
    (tree,) = selectors.version_progress(version=version)
    (action_state,) = tree.children
    assert action_state.progress.progress == pytest.approx((0.5 * 1 + 0.8 * 3) / 4)
    assert (action_state.progress.parts, action_state.progress.with_data) == (3, 2)
    assert tree.progress.progress == pytest.approx(action_state.progress.progress)
