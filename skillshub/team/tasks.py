"""Scheduled e-mails of the secretariat (django-tasks). Each task checks, when it runs, that
what it was scheduled for still holds: a moved or cancelled sitting gets no stale reminder."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .choices import MeetingStatus
from .models import Meeting

REMINDER_DAYS_BEFORE = 3


@task()
def meeting_reminder(*, meeting_id: int, starts_at: str, sequence: int | None = None) -> str:
    """Send the reminder, unless the sitting was cancelled or changed since it was scheduled.

    ``starts_at`` and ``sequence`` (the invitation's SEQUENCE) describe the sitting as it was
    when this reminder was queued. Any change that members were told about raises the
    sequence and queues a fresh reminder, so this one then does nothing: a sitting never
    gets two reminders, nor one for a date it no longer has.
    """
    from . import notifications

    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update().select_related("team").filter(pk=meeting_id).first()
        )
        if meeting is None or meeting.status != MeetingStatus.CONVENED:
            return "skipped"
        # Compare instants, not strings: the same moment prints differently per time zone.
        if meeting.starts_at != datetime.datetime.fromisoformat(starts_at):
            return "moved"
        if sequence is not None and meeting.ics_sequence != sequence:
            return "changed"
        return f"sent {notifications.reminders_send(meeting=meeting)}"


def reminder_due(meeting: Meeting) -> datetime.datetime:
    return meeting.starts_at - datetime.timedelta(days=REMINDER_DAYS_BEFORE)


def can_schedule() -> bool:
    return bool(default_task_backend.supports_defer)


def schedule_meeting_reminder(meeting: Meeting) -> None:
    """Queue the reminder for 3 days before the sitting.

    When that moment has already passed (a sitting convened or moved at short notice), no
    reminder is queued: members have just received the invitation or the update.
    """
    if not can_schedule():
        return
    when = reminder_due(meeting)
    if when <= timezone.now():
        return
    meeting_reminder.using(run_after=when).enqueue(
        meeting_id=meeting.pk,
        starts_at=meeting.starts_at.isoformat(),
        sequence=meeting.ics_sequence,
    )
