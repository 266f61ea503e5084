"""Every write of the WZK secretariat. Each service is atomic, validates, and leaves an audit
entry; e-mails are queued inside the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record, check_version, diff, snapshot
from skillshub.matters import services as matter_services
from skillshub.matters.choices import Decision, MatterState
from skillshub.matters.models import Matter
from skillshub.stakeholders.models import Pillar

from .. import notifications
from ..choices import (
    AddresseeStatus,
    AgendaItemKind,
    AttendanceKind,
    MeetingStatus,
    MemberRole,
    ResolutionOutcome,
    VoteChoice,
    VotingRule,
)
from ..exceptions import IllegalTransition, NoQuorum
from ..models import (
    AgendaItem,
    Attendance,
    Document,
    Meeting,
    Membership,
    Minutes,
    NamedVote,
    Resolution,
    Team,
)
from ..selectors import meeting_day, next_meeting_number, quorum_state
from ..workflow import AGENDA_EDITABLE, RECORDING_OPEN, can_move_meeting

TEAM_FIELDS = ["name", "short_name", "parent", "description", "quorum_rule", "quorum_fixed",
               "voting_rule"]  # fmt: skip
MEMBERSHIP_FIELDS = ["person", "institution", "pillar", "role", "deputy_of", "appointed_by",
                     "start_date", "end_date"]  # fmt: skip
MEETING_FIELDS = ["number", "title", "starts_at", "ends_at", "place", "online_url"]
# A change to any of these after convening sends members an updated invitation.
MEETING_INVITATION_FIELDS = ["starts_at", "ends_at", "place", "online_url"]
AGENDA_FIELDS = ["kind", "title", "description", "presenter", "programme_node"]
RESOLUTION_FIELDS = ["kind", "title", "text", "addressee"]


def _set(obj: Any, data: dict[str, Any], fields: Iterable[str]) -> list[str]:
    changed = []
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
            changed.append(name)
    return changed


# --- The team and its terms -------------------------------------------------------------------


@transaction.atomic
def team_create(*, actor: Any, data: dict[str, Any], pillars: Iterable[Pillar] = ()) -> Team:
    team = Team()
    _set(team, data, TEAM_FIELDS)
    team.is_demo = bool(data.get("is_demo", False))
    team.full_clean()
    team.save()
    team.pillars.set(pillars)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=team,
        changes=diff({}, snapshot(team, [*TEAM_FIELDS, "pillars"])),
        verb="team_create",
    )
    return team


@transaction.atomic
def team_update(*, team: Team, actor: Any, data: dict[str, Any]) -> Team:
    locked = Team.objects.select_for_update().get(pk=team.pk)
    audited = [*TEAM_FIELDS, "pillars"]
    before = snapshot(locked, audited)
    _set(locked, data, TEAM_FIELDS)
    locked.full_clean()
    locked.save()
    if "pillars" in data:
        locked.pillars.set(data["pillars"])
    changes = diff(before, snapshot(locked, audited))
    if changes:
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb="team_update"
        )
    return locked


def _validate_membership(membership: Membership) -> None:
    membership.full_clean()
    errors: dict[str, str] = {}
    if membership.deputy_of_id:
        principal = membership.deputy_of
        assert principal is not None
        if principal.team_id != membership.team_id:
            errors["deputy_of"] = _("The member must belong to the same team.")
        elif principal.role == MemberRole.DEPUTY:
            errors["deputy_of"] = _("A deputy stands in for a member, not for another deputy.")
    if membership.person.institution_id != membership.institution_id and not membership.pk:
        # Allowed (a person may represent another body), but the usual case is their own.
        pass
    if membership.role == MemberRole.CHAIR:
        start, end = membership.start_date, membership.end_date or datetime.date.max
        overlapping = (
            Membership.objects.filter(team_id=membership.team_id, role=MemberRole.CHAIR)
            .exclude(pk=membership.pk)
            .filter(start_date__lte=end)
        )
        for other in overlapping:
            if (other.end_date or datetime.date.max) >= start:
                errors["role"] = _("The team already has a chair for these dates: %(name)s.") % {
                    "name": other.person
                }
                break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_create(*, team: Team, actor: Any, data: dict[str, Any]) -> Membership:
    membership = Membership(team=team)
    _set(membership, data, MEMBERSHIP_FIELDS)
    membership.is_demo = bool(data.get("is_demo", False))
    if membership.role != MemberRole.DEPUTY:
        membership.deputy_of = None
    _validate_membership(membership)
    membership.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=membership,
        changes=diff({}, snapshot(membership, MEMBERSHIP_FIELDS)),
        verb="membership_create",
    )
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, actor: Any, data: dict[str, Any]) -> Membership:
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    before = snapshot(locked, MEMBERSHIP_FIELDS)
    _set(locked, data, MEMBERSHIP_FIELDS)
    if locked.role != MemberRole.DEPUTY:
        locked.deputy_of = None
    _validate_membership(locked)
    locked.save()
    changes = diff(before, snapshot(locked, MEMBERSHIP_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="membership_update",
        )
    return locked


# --- Sittings ---------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, team: Team, actor: Any, data: dict[str, Any]) -> Meeting:
    """Plan a sitting. Without a number it takes the team's next one."""
    Team.objects.select_for_update().get(pk=team.pk)  # serialise numbering per team
    meeting = Meeting(team=team)
    _set(meeting, data, MEETING_FIELDS)
    if not meeting.number:
        meeting.number = next_meeting_number(team=team)
    meeting.is_demo = bool(data.get("is_demo", False))
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=meeting,
        changes=diff({}, snapshot(meeting, MEETING_FIELDS)),
        verb="meeting_create",
    )
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, actor: Any, data: dict[str, Any], expected_version: int | None = None
) -> Meeting:
    """Edit a sitting. Once convened, a change of date or place sends members an update that
    keeps the invitation's UID and raises its SEQUENCE."""
    locked = Meeting.objects.select_for_update().select_related("team").get(pk=meeting.pk)
    check_version(locked, expected_version, MEETING_FIELDS, data)
    if locked.status in (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED):
        raise IllegalTransition(_("A cancelled sitting, or one with approved minutes, is closed."))
    before = snapshot(locked, MEETING_FIELDS)
    _set(locked, data, MEETING_FIELDS)
    locked.full_clean()
    changes = diff(before, snapshot(locked, MEETING_FIELDS))
    if not changes:
        return locked
    locked.version += 1
    resend = locked.status == MeetingStatus.CONVENED and any(
        f in changes for f in MEETING_INVITATION_FIELDS
    )
    if resend:
        locked.ics_sequence += 1
    locked.save()
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb="meeting_update"
    )
    if "starts_at" in changes:
        for item in locked.agenda_items.filter(matter__isnull=False).select_related("matter"):
            assert item.matter is not None
            if item.matter.sitting_key == f"meeting:{locked.pk}":
                matter_services.matter_sitting_moved(
                    matter=item.matter, actor=actor, sitting_date=meeting_day(locked)
                )
    if resend:
        notifications.invitations_send(meeting=locked, kind="update")
        notifications.reminder_schedule(meeting=locked)
    return locked


def _move(meeting: Meeting, actor: Any, target: str, verb: str) -> Meeting:
    if not can_move_meeting(meeting.status, target):
        raise IllegalTransition(
            _("A sitting that is “%(current)s” cannot become “%(target)s”.")
            % {
                "current": meeting.get_status_display(),
                "target": MeetingStatus(target).label,
            }
        )
    before = meeting.status
    meeting.status = MeetingStatus(target)
    meeting.version += 1
    meeting.save(update_fields=["status", "version", "convened_at", "ics_sequence", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=meeting,
        changes={"status": [before, meeting.status]},
        verb=verb,
    )
    return meeting


@transaction.atomic
def meeting_convene(*, meeting: Meeting, actor: Any) -> Meeting:
    """Convene the sitting: every member and deputy gets an invitation with an .ics file."""
    locked = Meeting.objects.select_for_update().select_related("team").get(pk=meeting.pk)
    if not locked.agenda_items.exists():
        raise ValidationError(_("Draft the agenda before convening the sitting."))
    if locked.starts_at < timezone.now():
        raise ValidationError(_("The sitting's date has passed: change it before convening."))
    locked.convened_at = timezone.now()
    _move(locked, actor, MeetingStatus.CONVENED, "meeting_convene")
    notifications.invitations_send(meeting=locked, kind="invitation")
    notifications.reminder_schedule(meeting=locked)
    return locked


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Any) -> Meeting:
    locked = Meeting.objects.select_for_update().select_related("team").get(pk=meeting.pk)
    was_convened = locked.status == MeetingStatus.CONVENED
    if was_convened:
        locked.ics_sequence += 1
    _move(locked, actor, MeetingStatus.CANCELLED, "meeting_cancel")
    if was_convened:
        notifications.invitations_send(meeting=locked, kind="cancel")
    for item in locked.agenda_items.filter(matter__isnull=False).select_related("matter"):
        assert item.matter is not None
        _release_matter(
            item.matter, actor=actor, meeting=locked, note=_("The sitting was cancelled.")
        )
    return locked


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, actor: Any) -> Meeting:
    """The sitting took place: its minutes open as a draft."""
    locked = Meeting.objects.select_for_update().select_related("team").get(pk=meeting.pk)
    _move(locked, actor, MeetingStatus.HELD, "meeting_held")
    Minutes.objects.get_or_create(meeting=locked)
    return locked


# --- The agenda -------------------------------------------------------------------------------


def _require_agenda_editable(meeting: Meeting) -> None:
    if meeting.status not in AGENDA_EDITABLE:
        raise IllegalTransition(_("The agenda of this sitting can no longer change."))


def _sitting_ref(meeting: Meeting) -> dict[str, Any]:
    """How a matter refers to a sitting: matters never import team, so they get this."""
    return {
        "sitting_key": f"meeting:{meeting.pk}",
        "sitting_label": str(meeting),
        "sitting_url": meeting.get_absolute_url(),
        "sitting_date": meeting_day(meeting),
    }


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    actor: Any,
    data: dict[str, Any],
    documents: Iterable[Document] = (),
    matter: Matter | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda. With a matter (its proposal ready), the matter
    moves "on the agenda" of this sitting, in the same transaction."""
    locked = Meeting.objects.select_for_update().select_related("team").get(pk=meeting.pk)
    _require_agenda_editable(locked)
    last = locked.agenda_items.aggregate(m=Max("order"))["m"] or 0
    item = AgendaItem(meeting=locked, order=last + 1)
    _set(item, data, AGENDA_FIELDS)
    if matter is not None:
        item.matter = matter
        item.kind = AgendaItemKind.MATTER
        if not item.title:
            item.title = matter.title[:300]
    item.full_clean()
    item.save()
    item.documents.set(documents)
    if matter is not None:
        matter_services.matter_place_on_agenda(matter=matter, actor=actor, **_sitting_ref(locked))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=item,
        changes=diff({}, snapshot(item, [*AGENDA_FIELDS, "order", "documents"])),
        verb="agenda_item_add",
    )
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    actor: Any,
    data: dict[str, Any],
    documents: Iterable[Document] | None = None,
) -> AgendaItem:
    locked = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    _require_agenda_editable(locked.meeting)
    audited = [*AGENDA_FIELDS, "documents"]
    before = snapshot(locked, audited)
    _set(locked, data, AGENDA_FIELDS)
    locked.full_clean()
    locked.save()
    if documents is not None:
        locked.documents.set(documents)
    changes = diff(before, snapshot(locked, audited))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="agenda_item_update",
        )
    return locked


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, actor: Any) -> None:
    locked = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    _require_agenda_editable(locked.meeting)
    if (
        Resolution.objects.filter(agenda_item=locked)
        .exclude(outcome=ResolutionOutcome.PENDING)
        .exists()
    ):
        raise ValidationError(_("A resolution was voted under this item; it cannot be removed."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=locked,
        changes=diff(snapshot(locked, [*AGENDA_FIELDS, "order"]), {}),
        verb="agenda_item_remove",
    )
    meeting = locked.meeting
    matter = locked.matter
    locked.delete()
    _renumber(meeting)
    if matter is not None:
        _release_matter(matter, actor=actor, meeting=meeting, note=_("Taken off the agenda."))


def _release_matter(matter: Matter, *, actor: Any, meeting: Meeting, note: str) -> None:
    """A matter waiting on this sitting goes back to "proposal ready"."""
    current = Matter.objects.get(pk=matter.pk)
    if current.state == MatterState.ON_AGENDA and current.sitting_key == f"meeting:{meeting.pk}":
        matter_services.matter_remove_from_agenda(matter=current, actor=actor, note=note)


def _renumber(meeting: Meeting) -> None:
    for n, item in enumerate(meeting.agenda_items.order_by("order", "id"), start=1):
        if item.order != n:
            item.order = n
            item.save(update_fields=["order"])


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, actor: Any, offset: int) -> AgendaItem:
    """Move an item up (``-1``) or down (``+1``) the agenda."""
    locked = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    _require_agenda_editable(locked.meeting)
    items = list(locked.meeting.agenda_items.order_by("order", "id"))
    index = next(i for i, it in enumerate(items) if it.pk == locked.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return locked
    items[index], items[target] = items[target], items[index]
    for n, it in enumerate(items, start=1):
        if it.order != n:
            it.order = n
            it.save(update_fields=["order"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"order": [index + 1, target + 1]},
        verb="agenda_item_move",
    )
    return locked


# --- Attendance -------------------------------------------------------------------------------


def _require_recording(meeting: Meeting) -> None:
    if meeting.status not in RECORDING_OPEN:
        raise IllegalTransition(
            _("Attendance and votes are recorded once the sitting is convened.")
        )


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    actor: Any,
    kind: str,
    membership: Membership | None = None,
    stands_in_for: Membership | None = None,
    guest_name: str = "",
    institution: Any = None,
) -> Attendance:
    """Put someone on the attendance list: a member, a deputy standing in, or a guest."""
    locked = Meeting.objects.select_for_update().select_related("team").get(pk=meeting.pk)
    _require_recording(locked)
    day = meeting_day(locked)
    errors: dict[str, str] = {}
    if kind in (AttendanceKind.MEMBER, AttendanceKind.DEPUTY):
        if membership is None:
            errors["membership"] = _("Choose the member or deputy.")
        elif membership.team_id != locked.team_id or not membership.is_current_on(day):
            errors["membership"] = _("This person's term does not cover the sitting's date.")
    if kind == AttendanceKind.MEMBER and membership and membership.role == MemberRole.DEPUTY:
        errors["kind"] = _("A deputy is present as a deputy standing in for a member.")
    if kind == AttendanceKind.DEPUTY and membership and not errors:
        stands_in_for = stands_in_for or membership.deputy_of
        if stands_in_for is None or stands_in_for.team_id != locked.team_id:
            errors["stands_in_for"] = _("Choose the member this deputy stands in for.")
        elif Attendance.objects.filter(
            meeting=locked, membership=stands_in_for, kind=AttendanceKind.MEMBER
        ).exists():
            errors["stands_in_for"] = _(
                "%(name)s is present in person; their deputy cannot stand in for them."
            ) % {"name": stands_in_for.person}
    if (
        kind == AttendanceKind.MEMBER
        and membership
        and not errors
        and Attendance.objects.filter(meeting=locked, stands_in_for=membership).exists()
    ):
        errors["membership"] = _(
            "A deputy already stands in for this member; remove the deputy first."
        )
    if kind == AttendanceKind.GUEST and not guest_name.strip():
        errors["guest_name"] = _("Give the guest's name.")
    if errors:
        raise ValidationError(errors)
    row = Attendance(
        meeting=locked,
        kind=kind,
        membership=membership if kind != AttendanceKind.GUEST else None,
        stands_in_for=stands_in_for if kind == AttendanceKind.DEPUTY else None,
        guest_name=guest_name.strip() if kind == AttendanceKind.GUEST else "",
        institution=institution or (membership.institution if membership else None),
    )
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=row,
        changes=diff(
            {}, snapshot(row, ["kind", "membership", "stands_in_for", "guest_name", "institution"])
        ),
        verb="attendance_record",
    )
    return row


@transaction.atomic
def attendance_remove(*, attendance: Attendance, actor: Any) -> None:
    locked = Attendance.objects.select_for_update().select_related("meeting").get(pk=attendance.pk)
    _require_recording(locked.meeting)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=locked,
        changes=diff(snapshot(locked, ["kind", "membership", "stands_in_for", "guest_name"]), {}),
        verb="attendance_remove",
    )
    locked.delete()


# --- Resolutions and votes --------------------------------------------------------------------


@transaction.atomic
def resolution_draft(
    *,
    meeting: Meeting,
    actor: Any,
    data: dict[str, Any],
    agenda_item: AgendaItem | None = None,
) -> Resolution:
    """A draft resolution (or position, opinion, recommendation) to be voted at the sitting."""
    resolution = Resolution(team=meeting.team, meeting=meeting, agenda_item=agenda_item)
    _set(resolution, data, RESOLUTION_FIELDS)
    resolution.is_demo = bool(data.get("is_demo", False))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("The item belongs to another sitting.")})
    resolution.full_clean()
    resolution.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=resolution,
        changes=diff({}, snapshot(resolution, RESOLUTION_FIELDS)),
        verb="resolution_draft",
    )
    return resolution


@transaction.atomic
def resolution_update(*, resolution: Resolution, actor: Any, data: dict[str, Any]) -> Resolution:
    locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if locked.outcome != ResolutionOutcome.PENDING and any(
        f in data for f in ("title", "text", "kind")
    ):
        raise IllegalTransition(_("The text of a voted resolution cannot change."))
    before = snapshot(locked, RESOLUTION_FIELDS)
    _set(locked, data, RESOLUTION_FIELDS)
    locked.full_clean()
    locked.save()
    changes = diff(before, snapshot(locked, RESOLUTION_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="resolution_update",
        )
    return locked


def outcome_of(
    *, rule: str, votes_for: int, votes_against: int, votes_abstain: int, present: int
) -> str:
    """Adopted or rejected under the team's voting rule."""
    cast = votes_for + votes_against + votes_abstain
    if rule == VotingRule.ABSOLUTE_MAJORITY:
        adopted = 2 * votes_for > present
    elif rule == VotingRule.TWO_THIRDS:
        adopted = cast > 0 and 3 * votes_for >= 2 * cast
    else:
        adopted = votes_for > votes_against
    return ResolutionOutcome.ADOPTED if adopted else ResolutionOutcome.REJECTED


@transaction.atomic
def resolution_vote(
    *,
    resolution: Resolution,
    actor: Any,
    votes_for: int = 0,
    votes_against: int = 0,
    votes_abstain: int = 0,
    named_votes: dict[Membership, str] | None = None,
    amended: bool = False,
) -> Resolution:
    """Record the vote. Refused without quorum. With named votes the counts follow from them.

    An adopted resolution takes the team's next number for the year of the sitting. When the
    resolution decides a matter on the agenda, the matter moves to "decided" (adopted, adopted
    with ``amended`` proposals, or rejected) with a link to the resolution.
    """
    locked = (
        Resolution.objects.select_for_update()
        .select_related("meeting", "team")
        .get(pk=resolution.pk)
    )
    meeting = locked.meeting
    _require_recording(meeting)
    if locked.outcome != ResolutionOutcome.PENDING:
        raise IllegalTransition(_("This resolution has already been voted."))
    quorum = quorum_state(meeting=meeting)
    if not quorum.holds:
        raise NoQuorum(
            _(
                "There is no quorum: %(present)s of %(members)s members are present and "
                "%(required)s are needed. The vote cannot be recorded."
            )
            % {"present": quorum.present, "members": quorum.members, "required": quorum.required}
        )
    if named_votes:
        counts = {c: 0 for c in VoteChoice.values}
        for choice in named_votes.values():
            counts[VoteChoice(choice)] += 1
        votes_for = counts[VoteChoice.FOR]
        votes_against = counts[VoteChoice.AGAINST]
        votes_abstain = counts[VoteChoice.ABSTAIN]
    if min(votes_for, votes_against, votes_abstain) < 0:
        raise ValidationError(_("Vote counts cannot be negative."))
    if votes_for + votes_against + votes_abstain > quorum.present:
        raise ValidationError(
            _("%(cast)s votes were cast but only %(present)s members are present.")
            % {"cast": votes_for + votes_against + votes_abstain, "present": quorum.present}
        )
    if named_votes:
        from ..selectors import present_voters

        allowed = {m.pk for m in present_voters(meeting=meeting)}
        for membership in named_votes:
            if membership.pk not in allowed:
                raise ValidationError(
                    _("%(name)s is not present and cannot vote.") % {"name": membership.person}
                )
    before = snapshot(locked, ["outcome", "votes_for", "votes_against", "votes_abstain"])
    locked.votes_for, locked.votes_against, locked.votes_abstain = (
        votes_for,
        votes_against,
        votes_abstain,
    )
    locked.present_at_vote = quorum.present
    locked.outcome = ResolutionOutcome(
        outcome_of(
            rule=locked.team.voting_rule,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            present=quorum.present,
        )
    )
    locked.voted_at = timezone.now()
    if locked.outcome == ResolutionOutcome.ADOPTED:
        Team.objects.select_for_update().get(pk=locked.team_id)  # serialise numbering
        year = meeting_day(meeting).year
        last = Resolution.objects.filter(team_id=locked.team_id, year=year).aggregate(
            m=Max("number")
        )["m"]
        locked.year, locked.number = year, (last or 0) + 1
        if locked.addressee:
            locked.addressee_status = AddresseeStatus.TO_SEND
    locked.full_clean()
    locked.save()
    for membership, choice in (named_votes or {}).items():
        NamedVote.objects.create(resolution=locked, membership=membership, choice=choice)
    after = snapshot(locked, ["outcome", "votes_for", "votes_against", "votes_abstain"])
    changes = diff(before, after)
    if locked.number:
        changes["number"] = [None, locked.label]
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes=changes,
        verb="resolution_vote",
    )
    item = locked.agenda_item
    if item is not None and item.matter_id is not None:
        matter = Matter.objects.get(pk=item.matter_id)
        if matter.state == MatterState.ON_AGENDA:
            if locked.outcome == ResolutionOutcome.REJECTED:
                decision = Decision.REJECTED
            else:
                decision = Decision.AMENDED if amended else Decision.ADOPTED
            matter_services.matter_record_decision(
                matter=matter,
                actor=actor,
                decision=decision,
                resolution_label=locked.label if locked.number else str(locked.title),
                resolution_url=locked.get_absolute_url(),
                decided_on=meeting_day(meeting),
            )
    return locked


@transaction.atomic
def resolution_mark_sent(
    *, resolution: Resolution, actor: Any, sent_on: datetime.date, answer_due: datetime.date | None
) -> Resolution:
    """The position went to its addressee (e.g. the regional board)."""
    locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if locked.outcome != ResolutionOutcome.ADOPTED or not locked.addressee:
        raise IllegalTransition(_("Only an adopted resolution with an addressee can be sent."))
    if locked.addressee_status == AddresseeStatus.ANSWERED:
        raise IllegalTransition(_("The answer has already been received."))
    before = snapshot(locked, ["addressee_status", "sent_on", "answer_due"])
    locked.addressee_status = AddresseeStatus.SENT
    locked.sent_on, locked.answer_due = sent_on, answer_due
    locked.full_clean()
    locked.save(update_fields=["addressee_status", "sent_on", "answer_due", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes=diff(before, snapshot(locked, ["addressee_status", "sent_on", "answer_due"])),
        verb="resolution_sent",
    )
    return locked


@transaction.atomic
def resolution_record_answer(
    *,
    resolution: Resolution,
    actor: Any,
    received_on: datetime.date,
    text: str = "",
    file: Any = None,
) -> Resolution:
    locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if locked.addressee_status != AddresseeStatus.SENT:
        raise IllegalTransition(_("Record the sending before the answer."))
    if not text.strip() and not file:
        raise ValidationError(_("Give the answer's text or attach its file."))
    if locked.sent_on and received_on < locked.sent_on:
        raise ValidationError({"received_on": _("The answer cannot precede the sending.")})
    before = snapshot(locked, ["addressee_status", "answer_received_on", "answer_text"])
    locked.addressee_status = AddresseeStatus.ANSWERED
    locked.answer_received_on = received_on
    locked.answer_text = text.strip()
    if file:
        locked.answer_file = file
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes=diff(
            before, snapshot(locked, ["addressee_status", "answer_received_on", "answer_text"])
        ),
        verb="resolution_answer",
    )
    return locked
