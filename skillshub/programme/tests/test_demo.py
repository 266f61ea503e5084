"""The demo programme built by ``seed_demo``: a plausible lubuskie programme, all demo data,
adopted once, linked to the reference strategy, with progress for most of its tree."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from skillshub.accounts.models import User
from skillshub.core.models import AuditEntry, County
from skillshub.programme import selectors
from skillshub.programme.choices import ActionStatus, NodeKind, TerritorialLevel, VersionStatus
from skillshub.programme.demo import EDITION_NAME, PROGRAMME_NAME, build_programme_demo
from skillshub.programme.models import (
    Indicator,
    Measurement,
    Node,
    Programme,
    StrategyEdition,
)

pytestmark = pytest.mark.usefixtures("region")


@pytest.fixture
def demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_programme_has_its_tree_and_indicators(demo):
    assert "Programme demo:" in demo
    programme = Programme.objects.get(name=PROGRAMME_NAME)
    assert programme.is_demo and (programme.start_year, programme.end_year) == (2024, 2030)
    version = programme.versions.get()
    nodes = Node.objects.filter(version=version)
    assert nodes.filter(kind=NodeKind.OBJECTIVE).count() == 5
    actions = nodes.filter(kind=NodeKind.ACTION)
    assert actions.count() == 25
    assert nodes.filter(kind=NodeKind.TASK).count() >= 3
    assert not actions.filter(lead__isnull=True).exists()
    assert not actions.filter(lead__is_demo=False).exists()
    statuses = set(actions.values_list("status", flat=True))
    assert {ActionStatus.AT_RISK, ActionStatus.DELAYED, ActionStatus.ON_TRACK} <= statuses
    for action in actions.prefetch_related("partners", "counties", "target_groups", "areas"):
        assert action.partners.exists() and action.counties.exists()
        assert action.target_groups.exists() and action.areas.exists()
        assert action.start_date.year >= 2024 and action.end_date.year <= 2030
        assert action.funding_source and action.budget_planned
        assert action.budget_spent is not None and action.budget_spent <= action.budget_planned

    indicators = Indicator.objects.filter(programme=programme)
    assert 28 <= indicators.count() <= 32
    assert not indicators.filter(is_demo=False).exists()
    assert indicators.filter(is_context=True).count() == 5
    assert indicators.filter(is_context=True, source__contains="trng_lfse_04").exists()
    county_level = indicators.filter(level=TerritorialLevel.COUNTY)
    assert county_level.count() >= 5
    counties = County.objects.in_region().count()
    for indicator in county_level:
        latest = Measurement.objects.filter(indicator=indicator, year=2025, county__isnull=False)
        assert latest.count() == counties == 14
    for indicator in indicators.filter(is_context=False):
        assert indicator.baseline_year == 2023
        assert sorted(indicator.targets.values_list("year", flat=True)) == [2027, 2030]
        assert indicator.links.exists()


def test_one_version_is_adopted_by_the_boards_resolution(demo):
    programme = Programme.objects.get(name=PROGRAMME_NAME)
    adopted = programme.versions.get(status=VersionStatus.ADOPTED)
    assert adopted.adopted_by.startswith("Uchwała nr 123/4567/24")
    assert adopted.adopted_on is not None
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"programme_create", "node_create", "measurement_record", "version_adopted"} <= verbs


def test_progress_is_computable_for_most_nodes(demo):
    programme = Programme.objects.get(name=PROGRAMME_NAME)
    tree = selectors.version_progress(version=selectors.current_version(programme))
    flat = []
    stack = list(tree)
    while stack:
        state = stack.pop()
        flat.append(state)
        stack.extend(state.children)
    known = [s for s in flat if s.progress.progress is not None]
    assert len(flat) == Node.objects.filter(version__programme=programme).count()
    assert len(known) >= 0.85 * len(flat)
    assert all(s.progress.progress is not None for s in tree)
    assert all(0 <= s.progress.progress <= 1 for s in known)


def test_the_strategy_edition_is_linked_from_the_programme(demo):
    edition = StrategyEdition.objects.get(name=EDITION_NAME)
    assert edition.is_current
    assert edition.themes.count() >= 16
    assert all(theme.directions.count() >= 2 for theme in edition.themes.all())
    linked = Node.objects.filter(directions__theme__edition=edition).distinct()
    assert linked.filter(kind=NodeKind.OBJECTIVE).count() == 5
    assert linked.filter(kind=NodeKind.ACTION).count() >= 20


def test_building_the_programme_demo_twice_does_nothing_the_second_time(demo):
    count = Node.objects.count()
    assert build_programme_demo(office_user=User.objects.get(username="biuro")) is None
    assert Node.objects.count() == count
    assert Programme.objects.count() == 1
