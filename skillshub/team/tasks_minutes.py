"""The comment-deadline reminder for minutes (django-tasks). When it runs it checks that the
minutes are still open for comments with the same deadline: a consultation that was closed or
moved gets no stale reminder."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .choices import MinutesStatus
from .models import Minutes

REMINDER_BEFORE = datetime.timedelta(days=1)


@task()
def minutes_deadline_reminder(*, minutes_id: int, deadline: str) -> str:
    from . import notifications

    # One transaction, like the other reminders: a worker killed half-way through the members
    # queues none of their e-mails, so the retried task (skillshub/core/taskrecovery.py) sends
    # each member one reminder, not a second one to the first half.
    with transaction.atomic():
        minutes = (
            Minutes.objects.select_related("meeting", "meeting__team").filter(pk=minutes_id).first()
        )
        if minutes is None or minutes.status != MinutesStatus.CONSULTATION:
            return "skipped"
        if minutes.comment_deadline is None or minutes.comment_deadline.isoformat() != deadline:
            return "moved"  # reopening scheduled a new reminder
        return f"sent {notifications.minutes_deadline_send(minutes=minutes)}"


def schedule_minutes_deadline_reminder(minutes: Minutes) -> None:
    """Queue the reminder for a day before the deadline (now, if that is already past).

    Only with a backend that can defer: the immediate backend (tests) would send it at once.
    """
    if not default_task_backend.supports_defer or minutes.comment_deadline is None:
        return
    when = max(minutes.comment_deadline - REMINDER_BEFORE, timezone.now())
    minutes_deadline_reminder.using(run_after=when).enqueue(
        minutes_id=minutes.pk, deadline=minutes.comment_deadline.isoformat()
    )
