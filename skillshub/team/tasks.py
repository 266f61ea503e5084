"""Scheduled e-mails of the secretariat (django-tasks). Each task checks, when it runs, that
what it was scheduled for still holds: a moved or cancelled sitting gets no stale reminder."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

from .choices import MeetingStatus
from .models import Meeting

REMINDER_DAYS_BEFORE = 3


@task()
def meeting_reminder(*, meeting_id: int, starts_at: str) -> str:
    from . import notifications

    meeting = Meeting.objects.select_related("team").filter(pk=meeting_id).first()
    if meeting is None or meeting.status != MeetingStatus.CONVENED:
        return "skipped"
    if meeting.starts_at.isoformat() != starts_at:
        return "moved"  # the update scheduled a new reminder
    return f"sent {notifications.reminders_send(meeting=meeting)}"


def reminder_due(meeting: Meeting) -> datetime.datetime:
    return meeting.starts_at - datetime.timedelta(days=REMINDER_DAYS_BEFORE)


def can_schedule() -> bool:
    return bool(default_task_backend.supports_defer)


def schedule_meeting_reminder(meeting: Meeting) -> None:
    """Queue the reminder for 3 days before the sitting (now, if that is already past)."""
    if not can_schedule():
        return
    when = max(reminder_due(meeting), timezone.now())
    meeting_reminder.using(run_after=when).enqueue(
        meeting_id=meeting.pk, starts_at=meeting.starts_at.isoformat()
    )
