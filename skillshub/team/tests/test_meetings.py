"""Sittings: numbering, agenda, convening with iCalendar invitations, attendance, quorum, votes."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from skillshub.core.models import AuditEntry, OutgoingEmail
from skillshub.team.choices import (
    AgendaItemKind,
    AttendanceKind,
    MeetingStatus,
    QuorumRule,
    ResolutionOutcome,
    VotingRule,
)
from skillshub.team.exceptions import IllegalTransition, NoQuorum
from skillshub.team.models import Meeting, roman
from skillshub.team.selectors import quorum_state
from skillshub.team.services import meetings as svc

from .factories import DeputyFactory, MeetingFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages are matched on their English source text; the UI shows them in Polish.
    with translation.override("en"):
        yield


def _ics(message) -> icalendar.Calendar:
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def _planned(team, coordinator, **extra):
    meeting = svc.meeting_create(
        team=team,
        actor=coordinator,
        data={"starts_at": timezone.now() + datetime.timedelta(days=10), "place": "WUP", **extra},
    )
    svc.agenda_item_add(meeting=meeting, actor=coordinator, data={"title": "Otwarcie"})
    return meeting


def test_roman_numerals():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90, 2026)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "XL",
        "XC",
        "MMXXVI",
    ]


def test_sittings_take_the_next_number_of_their_team(wzk, coordinator):
    MeetingFactory(team=wzk, number=3)
    meeting = _planned(wzk, coordinator)
    assert meeting.number == 4
    assert str(meeting) == "IV posiedzenie WZK"
    assert AuditEntry.objects.filter(verb="meeting_create", object_id=str(meeting.pk)).exists()


def test_convening_without_an_agenda_is_refused(wzk, coordinator):
    meeting = MeetingFactory(team=wzk)
    with pytest.raises(ValidationError, match="agenda"):
        svc.meeting_convene(meeting=meeting, actor=coordinator)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert not OutgoingEmail.objects.exists()


def test_convening_invites_every_member_and_deputy_with_an_ics(wzk, coordinator):
    deputy = DeputyFactory(deputy_of=wzk.memberships.first())
    meeting = _planned(wzk, coordinator)
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    assert len(mail.outbox) == 6
    assert deputy.person.email in [m.to[0] for m in mail.outbox]
    cal = _ics(mail.outbox[0])
    assert cal["method"] == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.uid}@skillshub"
    assert int(event["sequence"]) == 0
    assert OutgoingEmail.objects.filter(status="sent").count() == 6


def test_a_new_date_sends_an_update_and_a_cancel_keeps_the_uid(wzk, coordinator):
    meeting = _planned(wzk, coordinator)
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    mail.outbox.clear()
    svc.meeting_update(
        meeting=meeting,
        actor=coordinator,
        data={"starts_at": meeting.starts_at + datetime.timedelta(days=1)},
    )
    update = _ics(mail.outbox[0])
    (event,) = update.walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.uid}@skillshub"
    assert int(event["sequence"]) == 1
    mail.outbox.clear()
    svc.meeting_cancel(meeting=Meeting.objects.get(pk=meeting.pk), actor=coordinator)
    cancel = _ics(mail.outbox[0])
    assert cancel["method"] == "CANCEL"
    (event,) = cancel.walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.uid}@skillshub"
    assert int(event["sequence"]) == 2
    assert event["status"] == "CANCELLED"


def test_a_planned_sitting_sends_nothing_when_it_changes(wzk, coordinator):
    meeting = _planned(wzk, coordinator)
    svc.meeting_update(meeting=meeting, actor=coordinator, data={"place": "Online"})
    assert mail.outbox == []


def test_quorum_counts_a_deputy_standing_in_and_not_an_expired_term(wzk, coordinator):
    members = list(wzk.memberships.all())
    MembershipFactory(team=wzk, end_date=datetime.date(2024, 12, 31))  # expired: not counted
    deputy = DeputyFactory(deputy_of=members[0])
    meeting = _planned(wzk, coordinator)
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    assert quorum_state(meeting=meeting).members == 5
    svc.attendance_record(
        meeting=meeting, actor=coordinator, kind=AttendanceKind.DEPUTY, membership=deputy
    )
    svc.attendance_record(
        meeting=meeting, actor=coordinator, kind=AttendanceKind.MEMBER, membership=members[1]
    )
    svc.attendance_record(
        meeting=meeting, actor=coordinator, kind=AttendanceKind.GUEST, guest_name="Gość Demo"
    )
    state = quorum_state(meeting=meeting)
    assert (state.present, state.required, state.holds) == (2, 3, False)
    svc.attendance_record(
        meeting=meeting, actor=coordinator, kind=AttendanceKind.MEMBER, membership=members[2]
    )
    assert quorum_state(meeting=meeting).holds


def test_in_person_rule_does_not_count_deputies(region, coordinator):
    team = TeamFactory(quorum_rule=QuorumRule.MAJORITY_IN_PERSON)
    members = [MembershipFactory(team=team) for _ in range(3)]
    deputy = DeputyFactory(deputy_of=members[0])
    meeting = _planned(team, coordinator)
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    svc.attendance_record(meeting=meeting, actor=coordinator, kind="deputy", membership=deputy)
    svc.attendance_record(meeting=meeting, actor=coordinator, kind="member", membership=members[1])
    assert not quorum_state(meeting=meeting).holds


def test_a_member_present_in_person_cannot_also_be_stood_in_for(wzk, coordinator):
    member = wzk.memberships.first()
    deputy = DeputyFactory(deputy_of=member)
    meeting = _planned(wzk, coordinator)
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    svc.attendance_record(meeting=meeting, actor=coordinator, kind="member", membership=member)
    with pytest.raises(ValidationError, match="in person"):
        svc.attendance_record(meeting=meeting, actor=coordinator, kind="deputy", membership=deputy)


def _quorate(wzk, coordinator, present=3):
    meeting = _planned(wzk, coordinator)
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    for membership in list(wzk.memberships.all())[:present]:
        svc.attendance_record(
            meeting=meeting, actor=coordinator, kind="member", membership=membership
        )
    return meeting


def test_a_vote_without_quorum_is_refused(wzk, coordinator):
    meeting = _quorate(wzk, coordinator, present=2)
    draft = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "w sprawie X", "text": "Treść"}
    )
    with pytest.raises(NoQuorum, match="quorum"):
        svc.resolution_vote(resolution=draft, actor=coordinator, votes_for=2)
    draft.refresh_from_db()
    assert draft.outcome == ResolutionOutcome.PENDING


def test_adopted_resolutions_are_numbered_per_year(wzk, coordinator):
    meeting = _quorate(wzk, coordinator)
    item = svc.agenda_item_add(
        meeting=meeting,
        actor=coordinator,
        data={"title": "Stanowisko", "kind": AgendaItemKind.RESOLUTION},
    )
    first = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "A", "text": "T"}, agenda_item=item
    )
    rejected = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "B", "text": "T"}
    )
    second = svc.resolution_draft(
        meeting=meeting,
        actor=coordinator,
        data={
            "title": "C",
            "text": "T",
            "kind": "position",
            "addressee": "Zarząd Województwa Lubuskiego",
        },
    )
    first = svc.resolution_vote(resolution=first, actor=coordinator, votes_for=2, votes_against=1)
    rejected = svc.resolution_vote(
        resolution=rejected, actor=coordinator, votes_for=1, votes_against=2
    )
    second = svc.resolution_vote(resolution=second, actor=coordinator, votes_for=3)
    year = timezone.localtime(meeting.starts_at).year
    assert first.label == f"Uchwała nr 1/{year} WZK"
    assert rejected.outcome == ResolutionOutcome.REJECTED and rejected.number is None
    assert second.number == 2 and second.addressee_status == "to_send"


def test_more_votes_than_people_present_are_refused(wzk, coordinator):
    meeting = _quorate(wzk, coordinator)
    draft = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "A", "text": "T"}
    )
    with pytest.raises(ValidationError, match="present"):
        svc.resolution_vote(resolution=draft, actor=coordinator, votes_for=4)


def test_named_votes_set_the_counts(wzk, coordinator):
    meeting = _quorate(wzk, coordinator)
    present = list(wzk.memberships.all())[:3]
    draft = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "A", "text": "T"}
    )
    voted = svc.resolution_vote(
        resolution=draft,
        actor=coordinator,
        named_votes={present[0]: "for", present[1]: "for", present[2]: "abstain"},
    )
    assert (voted.votes_for, voted.votes_against, voted.votes_abstain) == (2, 0, 1)
    assert voted.named_votes.count() == 3


def test_an_absent_member_cannot_cast_a_named_vote(wzk, coordinator):
    meeting = _quorate(wzk, coordinator)
    absent = list(wzk.memberships.all())[4]
    draft = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "A", "text": "T"}
    )
    with pytest.raises(ValidationError, match="not present"):
        svc.resolution_vote(resolution=draft, actor=coordinator, named_votes={absent: "for"})


@pytest.mark.parametrize(
    ("rule", "votes", "present", "outcome"),
    [
        (VotingRule.SIMPLE_MAJORITY, (2, 1, 2), 5, "adopted"),
        (VotingRule.SIMPLE_MAJORITY, (1, 1, 3), 5, "rejected"),
        (VotingRule.ABSOLUTE_MAJORITY, (2, 0, 3), 5, "rejected"),
        (VotingRule.ABSOLUTE_MAJORITY, (3, 2, 0), 5, "adopted"),
        (VotingRule.TWO_THIRDS, (4, 2, 0), 6, "adopted"),
        (VotingRule.TWO_THIRDS, (3, 2, 0), 5, "rejected"),
    ],
)
def test_voting_rules(rule, votes, present, outcome):
    f, a, ab = votes
    assert (
        svc.outcome_of(rule=rule, votes_for=f, votes_against=a, votes_abstain=ab, present=present)
        == outcome
    )


def test_the_agenda_is_frozen_once_the_sitting_is_held(wzk, coordinator):
    meeting = _quorate(wzk, coordinator)
    svc.meeting_mark_held(meeting=meeting, actor=coordinator)
    with pytest.raises(IllegalTransition):
        svc.agenda_item_add(meeting=meeting, actor=coordinator, data={"title": "Późny punkt"})
    assert meeting.minutes.status == "draft"
