"""The demo matters built by ``seed_demo``: every state, through the services, and a matter of
``czlonek`` ready to go on sitting IV."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from skillshub.accounts.models import User
from skillshub.core.models import AuditEntry
from skillshub.matters.choices import MatterState as S
from skillshub.matters.demo import build_matters_demo
from skillshub.matters.models import Matter, MatterTransition

pytestmark = pytest.mark.usefixtures("region")


@pytest.fixture
def demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_matters_in_every_state(demo):
    matters = Matter.objects.all()
    assert 12 <= matters.count() <= 16
    assert not matters.filter(is_demo=False).exists()
    states = set(matters.values_list("state", flat=True))
    assert set(S.values) - {S.ON_AGENDA} <= states
    assert matters.filter(confidential=True).exists()
    rejected = matters.get(state=S.REJECTED)
    assert rejected.rejection_reason


def test_czlonek_raised_several_and_one_awaits_sitting_four(demo):
    czlonek = User.objects.get(username="czlonek")
    mine = Matter.objects.filter(raised_by=czlonek)
    assert mine.count() >= 5
    assert mine.filter(state=S.PROPOSAL_READY).exists()
    assert mine.filter(state=S.PROPOSAL_READY, proposals__isnull=False).exists()
    consulted = mine.get(state=S.PROPOSAL_READY, consultation_deadline__isnull=False)
    assert consulted.comments.count() == 2


def test_decided_matters_point_at_sitting_three_and_its_resolution(demo):
    # (matters never import team: the sitting is checked through the references it left)
    decided = Matter.objects.get(state=S.DECIDED)
    assert decided.sitting_key.startswith("meeting:")
    assert decided.sitting_label.startswith("III posiedzenie")
    assert decided.sitting_url.endswith(f"/{decided.sitting_key.split(':')[1]}/")
    assert decided.decision_label.startswith("Uchwała nr")
    assert decided.is_public


def test_every_demo_matter_has_its_timeline_and_audit_trail(demo):
    for matter in Matter.objects.all():
        moves = list(
            MatterTransition.objects.filter(matter=matter).values_list("to_state", flat=True)
        )
        assert moves[0] == S.DRAFT and moves[-1] == matter.state
        assert AuditEntry.objects.filter(object_id=str(matter.pk), verb="matter_create").exists()
    overdue = Matter.objects.overdue()
    assert overdue.filter(state=S.FORWARDED).exists()
    assert overdue.filter(state=S.ACCEPTED).exists()


def test_building_the_matters_demo_twice_does_nothing_the_second_time(demo):
    count = Matter.objects.count()
    assert build_matters_demo(office_user=User.objects.get(username="biuro"), sittings=[]) is None
    assert Matter.objects.count() == count
