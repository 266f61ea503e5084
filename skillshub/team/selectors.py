"""Reads that span the secretariat's models: composition on a date, quorum, "my WZK"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from skillshub.matters.models import Matter

from .choices import AttendanceKind, MeetingStatus, MemberRole, MinutesStatus, QuorumRule
from .models import (
    AgendaItem,
    Attendance,
    Document,
    Meeting,
    Membership,
    Minutes,
    Resolution,
    Team,
)

ROLE_ORDER: dict[str, int] = {MemberRole.CHAIR: 0, MemberRole.VICE_CHAIR: 1, MemberRole.MEMBER: 2}


def composition_on(*, team: Team, day: datetime.date) -> list[Membership]:
    """The team's voting members on ``day``, chair first, each with their deputies."""
    current = Membership.objects.filter(team=team).current_on(day)
    members = list(
        current.voting()
        .select_related("person", "institution", "pillar")
        .prefetch_related(
            Prefetch(
                "deputies",
                queryset=current.deputies().select_related("person", "institution"),
                to_attr="current_deputies",
            )
        )
    )
    members.sort(key=lambda m: (ROLE_ORDER.get(m.role, 9), m.person.last_name, m.person.first_name))
    return members


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


@dataclass(frozen=True)
class Quorum:
    """Whether a sitting can decide: ``present`` of ``members`` count, ``required`` needed."""

    members: int
    present: int
    required: int
    rule: str

    @property
    def holds(self) -> bool:
        return self.members > 0 and self.present >= self.required


def required_for(team: Team, members: int) -> int:
    if team.quorum_rule == QuorumRule.FIXED:
        return int(team.quorum_fixed or 1)
    if team.quorum_rule == QuorumRule.ONE_THIRD_WITH_DEPUTIES:
        return max(1, -(-members // 3))
    return members // 2 + 1


def quorum_state(*, meeting: Meeting) -> Quorum:
    """Count who is present for the quorum, by the team's rule.

    Only voting members whose term covers the sitting's date count. Under the rules "with
    deputies", a deputy standing in counts for the member they replace.
    """
    team = meeting.team
    voting_ids = set(
        Membership.objects.filter(team=team)
        .current_on(meeting_day(meeting))
        .voting()
        .values_list("id", flat=True)
    )
    rows = Attendance.objects.filter(meeting=meeting).exclude(kind=AttendanceKind.GUEST)
    present: set[int] = set()
    with_deputies = team.quorum_rule != QuorumRule.MAJORITY_IN_PERSON
    for kind, membership_id, stands_in_for_id in rows.values_list(
        "kind", "membership_id", "stands_in_for_id"
    ):
        if kind == AttendanceKind.MEMBER and membership_id in voting_ids:
            present.add(membership_id)
        elif kind == AttendanceKind.DEPUTY and with_deputies and stands_in_for_id in voting_ids:
            present.add(stands_in_for_id)
    return Quorum(
        members=len(voting_ids),
        present=len(present),
        required=required_for(team, len(voting_ids)),
        rule=team.quorum_rule,
    )


def present_voters(*, meeting: Meeting) -> list[Membership]:
    """The voting memberships represented at the sitting (in person or by a deputy)."""
    day = meeting_day(meeting)
    rows = Attendance.objects.filter(meeting=meeting).exclude(kind=AttendanceKind.GUEST)
    ids = {r.stands_in_for_id or r.membership_id for r in rows}
    return list(
        Membership.objects.filter(team=meeting.team, id__in=ids)
        .current_on(day)
        .voting()
        .select_related("person", "institution")
    )


def meeting_detail(*, pk: int) -> Meeting | None:
    """A sitting with everything its page shows, in a fixed number of queries."""
    return (
        Meeting.objects.select_related("team", "team__parent")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("resolution").prefetch_related(
                    Prefetch(
                        "documents",
                        queryset=Document.objects.select_related("current_version"),
                    )
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def attendance_candidates(*, meeting: Meeting) -> QuerySet[Membership]:
    """Members and deputies whose term covers the sitting and who are not yet listed."""
    listed = Attendance.objects.filter(meeting=meeting, membership__isnull=False).values(
        "membership_id"
    )
    return (
        Membership.objects.filter(team=meeting.team)
        .current_on(meeting_day(meeting))
        .exclude(id__in=listed)
        .select_related("person", "institution", "deputy_of__person")
    )


def next_meeting_number(*, team: Team) -> int:
    last = Meeting.objects.filter(team=team).order_by("-number").values_list("number", flat=True)
    return (last.first() or 0) + 1


@dataclass
class MyTeam:
    memberships: list[Membership]
    upcoming: list[Meeting]
    to_read: list[Document]
    minutes_for_comment: list[Minutes]
    awaiting_answer: list[Resolution]
    matters_raised: list[Matter]


def my_team(*, user: Any) -> MyTeam:
    """What a member needs on their "my WZK" page, in a handful of queries."""
    today = timezone.localdate()
    memberships = list(
        Membership.objects.filter(person__user=user)
        .current_on(today)
        .select_related("team", "institution", "pillar", "deputy_of__person")
    )
    teams = Team.objects.visible_to(user)
    upcoming = list(
        Meeting.objects.filter(team__in=teams)
        .upcoming()
        .select_related("team")
        .order_by("starts_at")[:10]
    )
    convened = [m.pk for m in upcoming if m.status == MeetingStatus.CONVENED]
    to_read = list(
        Document.objects.filter(agenda_items__meeting_id__in=convened)
        .select_related("current_version", "meeting", "team")
        .distinct()
        .order_by("meeting__starts_at", "title")
    )
    minutes = list(
        Minutes.objects.filter(meeting__team__in=teams, status=MinutesStatus.CONSULTATION)
        .select_related("meeting", "meeting__team")
        .order_by("comment_deadline")
    )
    awaiting = list(
        Resolution.objects.filter(team__in=teams)
        .awaiting_answer()
        .select_related("team")
        .order_by("answer_due")
    )
    raised = list(Matter.objects.filter(raised_by=user).order_by("-created_at")[:20])
    return MyTeam(memberships, upcoming, to_read, minutes, awaiting, raised)
