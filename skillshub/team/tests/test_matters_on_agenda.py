"""A matter at a sitting: the team's services move it, never the other way round."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from skillshub.matters.choices import Decision, MatterState
from skillshub.matters.exceptions import IllegalTransition
from skillshub.matters.models import Matter
from skillshub.matters.tests.factories import MatterFactory, ProposalFactory
from skillshub.team.services import meetings as svc

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_matter(region):
    matter = MatterFactory(state=MatterState.PROPOSAL_READY)
    ProposalFactory(matter=matter)
    return matter


def _quorate_with_matter(wzk, coordinator, matter):
    meeting = MeetingFactory(team=wzk, number=4)
    item = svc.agenda_item_add(
        meeting=meeting, actor=coordinator, data={"title": ""}, matter=matter
    )
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    for member in list(wzk.memberships.all())[:3]:
        svc.attendance_record(meeting=meeting, actor=coordinator, kind="member", membership=member)
    return meeting, item


def test_placing_a_matter_on_the_agenda_moves_it(wzk, coordinator, ready_matter):
    meeting, item = _quorate_with_matter(wzk, coordinator, ready_matter)
    ready_matter.refresh_from_db()
    assert ready_matter.state == MatterState.ON_AGENDA
    assert ready_matter.sitting_label == "IV posiedzenie WZK"
    assert ready_matter.sitting_url == meeting.get_absolute_url()
    assert item.kind == "matter" and item.title == ready_matter.title


def test_only_a_ready_matter_goes_on_the_agenda(wzk, coordinator, region):
    draft = MatterFactory(state=MatterState.SUBMITTED)
    meeting = MeetingFactory(team=wzk)
    with pytest.raises(IllegalTransition):
        svc.agenda_item_add(meeting=meeting, actor=coordinator, data={"title": "X"}, matter=draft)
    assert not meeting.agenda_items.exists()  # the whole add rolled back


@pytest.mark.parametrize(
    ("votes", "amended", "decision"),
    [((3, 0, 0), False, Decision.ADOPTED), ((3, 0, 0), True, Decision.AMENDED),
     ((0, 3, 0), False, Decision.REJECTED)],
)  # fmt: skip
def test_the_vote_decides_the_matter(wzk, coordinator, ready_matter, votes, amended, decision):
    meeting, item = _quorate_with_matter(wzk, coordinator, ready_matter)
    resolution = svc.resolution_draft(
        meeting=meeting,
        actor=coordinator,
        data={"title": "w sprawie kwestii", "text": "T", "kind": "position"},
        agenda_item=item,
    )
    f, a, ab = votes
    resolution = svc.resolution_vote(
        resolution=resolution,
        actor=coordinator,
        votes_for=f,
        votes_against=a,
        votes_abstain=ab,
        amended=amended,
    )
    ready_matter.refresh_from_db()
    assert ready_matter.state == MatterState.DECIDED
    assert ready_matter.decision == decision
    assert ready_matter.decision_url == resolution.get_absolute_url()


def test_taking_the_item_off_the_agenda_returns_the_matter(wzk, coordinator, ready_matter):
    meeting = MeetingFactory(team=wzk)
    item = svc.agenda_item_add(meeting=meeting, actor=coordinator, data={}, matter=ready_matter)
    svc.agenda_item_remove(item=item, actor=coordinator)
    ready_matter.refresh_from_db()
    assert ready_matter.state == MatterState.PROPOSAL_READY
    assert ready_matter.sitting_label == ""


def test_cancelling_the_sitting_returns_the_matter(wzk, coordinator, ready_matter):
    meeting = MeetingFactory(team=wzk)
    svc.agenda_item_add(meeting=meeting, actor=coordinator, data={}, matter=ready_matter)
    AgendaItemFactory(meeting=meeting)
    svc.meeting_cancel(meeting=meeting, actor=coordinator)
    assert Matter.objects.get(pk=ready_matter.pk).state == MatterState.PROPOSAL_READY


def test_the_agenda_form_offers_ready_matters(wzk, coordinator_client, ready_matter):
    meeting = MeetingFactory(team=wzk)
    response = coordinator_client.post(
        reverse("team:agenda_item_create", args=[meeting.pk]),
        {"kind": "matter", "title": "", "matter": ready_matter.pk},
    )
    assert response.status_code == 302
    assert meeting.agenda_items.get().matter == ready_matter
    page = coordinator_client.get(meeting.get_absolute_url())
    assert ready_matter.get_absolute_url() in page.content.decode()


def test_a_new_date_of_the_sitting_reaches_the_matter(wzk, coordinator, ready_matter):
    import datetime

    meeting = MeetingFactory(team=wzk)
    svc.agenda_item_add(meeting=meeting, actor=coordinator, data={}, matter=ready_matter)
    later = meeting.starts_at + datetime.timedelta(days=7)
    svc.meeting_update(meeting=meeting, actor=coordinator, data={"starts_at": later})
    ready_matter.refresh_from_db()
    assert ready_matter.sitting_date == timezone.localtime(later).date()
