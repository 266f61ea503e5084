"""Minutes (protokół): staff edit the draft, members comment until a deadline, the minutes are
approved at a later sitting. Every write is atomic and audited; a stale edit is refused."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record, diff, plain, snapshot

from .. import notifications
from ..choices import MeetingStatus, MinutesStatus
from ..exceptions import EditConflict, IllegalTransition
from ..models import AgendaItem, Meeting, Minutes, MinutesComment
from ..workflow import can_move_meeting, can_move_minutes

MINUTES_FIELDS = ["opening", "closing", "recorded_by"]
EDITABLE = frozenset({MinutesStatus.DRAFT, MinutesStatus.CONSULTATION})


def _lock(minutes: Minutes) -> Minutes:
    return (
        Minutes.objects.select_for_update()
        .select_related("meeting", "meeting__team")
        .get(pk=minutes.pk)
    )


def _summary_key(item: AgendaItem) -> str:
    return f"summary_{item.pk}"


def _move(minutes: Minutes, target: str) -> None:
    if not can_move_minutes(minutes.status, target):
        raise IllegalTransition(
            _("Minutes that are “%(current)s” cannot become “%(target)s”.")
            % {"current": minutes.get_status_display(), "target": MinutesStatus(target).label}
        )
    minutes.status = MinutesStatus(target)


@transaction.atomic
def minutes_update(
    *,
    minutes: Minutes,
    actor: Any,
    data: dict[str, Any],
    summaries: dict[int, str],
    expected_version: int | None,
) -> Minutes:
    """Save the opening, closing, who took the minutes and the summary of each agenda item.

    A save based on an older version raises ``EditConflict`` with both values and writes
    nothing: the second of two editors sees what the first saved.
    """
    locked = _lock(minutes)
    items = {item.pk: item for item in AgendaItem.objects.filter(meeting_id=locked.meeting_id)}
    if expected_version is not None and locked.version != expected_version:
        changes: dict[str, tuple[Any, Any]] = {}
        theirs = snapshot(locked, MINUTES_FIELDS)
        for name in MINUTES_FIELDS:
            if name in data and theirs[name] != plain(data[name]):
                changes[name] = (theirs[name], data[name])
        for pk, text in summaries.items():
            item = items.get(pk)
            if item is not None and item.summary != text:
                changes[str(item)] = (item.summary, text)
        raise EditConflict(current=locked, changes=changes)
    if locked.status not in EDITABLE:
        raise IllegalTransition(_("Approved minutes can no longer be edited."))
    unknown = set(summaries) - set(items)
    if unknown:
        raise ValidationError(_("An agenda item does not belong to this sitting."))
    before = snapshot(locked, MINUTES_FIELDS)
    for name in MINUTES_FIELDS:
        if name in data:
            setattr(locked, name, (data[name] or "").strip())
    locked.full_clean()
    changes_made = diff(before, snapshot(locked, MINUTES_FIELDS))
    for pk, text in summaries.items():
        item = items[pk]
        text = (text or "").strip()
        if item.summary != text:
            changes_made[_summary_key(item)] = [item.summary, text]
            item.summary = text
            item.save(update_fields=["summary"])
    if not changes_made:
        return locked
    locked.version += 1
    locked.save(update_fields=[*MINUTES_FIELDS, "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes=changes_made,
        verb="minutes_update",
    )
    return locked


@transaction.atomic
def minutes_open_consultation(
    *, minutes: Minutes, actor: Any, deadline: datetime.datetime
) -> Minutes:
    """Open the draft for members' comments until ``deadline``: every member and deputy gets
    an e-mail, and a reminder is scheduled for the day before the deadline."""
    locked = _lock(minutes)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline for comments must be in the future.")})
    before = snapshot(locked, ["status", "comment_deadline"])
    _move(locked, MinutesStatus.CONSULTATION)
    locked.comment_deadline = deadline
    locked.version += 1
    locked.full_clean()
    locked.save(update_fields=["status", "comment_deadline", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes=diff(before, snapshot(locked, ["status", "comment_deadline"])),
        verb="minutes_open_consultation",
    )
    notifications.minutes_ready_send(minutes=locked)
    notifications.minutes_deadline_schedule(minutes=locked)
    return locked


@transaction.atomic
def minutes_back_to_draft(*, minutes: Minutes, actor: Any) -> Minutes:
    """Close the consultation early and go back to editing."""
    locked = _lock(minutes)
    before = snapshot(locked, ["status", "comment_deadline"])
    _move(locked, MinutesStatus.DRAFT)
    locked.comment_deadline = None
    locked.version += 1
    locked.save(update_fields=["status", "comment_deadline", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes=diff(before, snapshot(locked, ["status", "comment_deadline"])),
        verb="minutes_back_to_draft",
    )
    return locked


@transaction.atomic
def minutes_comment_add(
    *,
    minutes: Minutes,
    actor: Any,
    text: str,
    agenda_item: AgendaItem | None = None,
    reply_to: MinutesComment | None = None,
) -> MinutesComment:
    """A member's remark while the minutes are open for comments and before the deadline;
    staff may reply at any time before approval."""
    locked = _lock(minutes)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment first.")})
    if locked.status == MinutesStatus.APPROVED:
        raise IllegalTransition(_("The minutes are approved: comments are closed."))
    # Staff always may (to reply); members only during the consultation, before the deadline.
    if not actor.has_perm("team.comment_minutes", locked):
        raise IllegalTransition(
            _("The minutes are not open for comments, or the deadline has passed.")
        )
    if agenda_item is not None and agenda_item.meeting_id != locked.meeting_id:
        raise ValidationError({"agenda_item": _("The item belongs to another sitting.")})
    if reply_to is not None:
        if reply_to.minutes_id != locked.pk:
            raise ValidationError({"reply_to": _("The comment belongs to other minutes.")})
        # Threads stay one level deep: a reply to a reply joins the original thread.
        if reply_to.reply_to_id:
            reply_to = reply_to.reply_to
        agenda_item = agenda_item or (reply_to.agenda_item if reply_to else None)
    comment = MinutesComment(
        minutes=locked,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        agenda_item=agenda_item,
        reply_to=reply_to,
        text=text,
    )
    comment.full_clean()
    comment.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=comment,
        changes=diff({}, snapshot(comment, ["text", "agenda_item", "reply_to"])),
        verb="minutes_comment_add",
    )
    return comment


@transaction.atomic
def minutes_approve(*, minutes: Minutes, actor: Any, at_meeting: Meeting) -> Minutes:
    """Approve the minutes at a later sitting of the same team; the sitting they record moves
    from "held" to "minutes approved"."""
    locked = _lock(minutes)
    meeting = Meeting.objects.select_for_update().get(pk=locked.meeting_id)
    # Read afresh: the caller's object may predate the sitting being convened.
    at_meeting = Meeting.objects.get(pk=at_meeting.pk)
    if (
        at_meeting.team_id != meeting.team_id
        or at_meeting.starts_at <= meeting.starts_at
        or at_meeting.status not in (MeetingStatus.CONVENED, MeetingStatus.HELD)
    ):
        raise ValidationError(
            {
                "at_meeting": _(
                    "Minutes are approved at a later sitting of the same team, convened or held."
                )
            }
        )
    if not can_move_meeting(meeting.status, MeetingStatus.MINUTES_APPROVED):
        raise IllegalTransition(
            _("A sitting that is “%(current)s” cannot have its minutes approved.")
            % {"current": meeting.get_status_display()}
        )
    before = snapshot(locked, ["status", "approved_at_meeting", "approved_on"])
    _move(locked, MinutesStatus.APPROVED)
    locked.approved_at_meeting = at_meeting
    locked.approved_on = timezone.localtime(at_meeting.starts_at).date()
    locked.version += 1
    locked.full_clean()
    locked.save(
        update_fields=["status", "approved_at_meeting", "approved_on", "version", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes=diff(before, snapshot(locked, ["status", "approved_at_meeting", "approved_on"])),
        verb="minutes_approve",
    )
    meeting_before = meeting.status
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.version += 1
    meeting.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=meeting,
        changes={"status": [meeting_before, meeting.status]},
        verb="meeting_minutes_approved",
    )
    locked.meeting = meeting
    return locked
