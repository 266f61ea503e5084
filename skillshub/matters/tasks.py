"""The office's daily deadline digest (django-tasks).

One run a day: what is overdue or due within 7 days, e-mailed once to every active office staff
member, and only when there is something to report (digests go only to people who have news).
After running, the task queues itself for the next morning, so one ``schedule_digests`` at
deployment keeps the chain going; a ``DigestRun`` row with a unique day makes a second run on
the same day (a retry, a duplicate in the queue) a no-op.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, default_task_backend, task, task_backends

from skillshub.core.tasks import email_enqueue

from . import notifications, selectors
from .models import DigestRun, Matter

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
DIGEST_HOUR = 7
DUE_WITHIN_DAYS = 7


def next_morning(after: datetime.datetime | None = None) -> datetime.datetime:
    """The next 07:00 in Warsaw strictly after ``after`` (default: now)."""
    now = (after or timezone.now()).astimezone(WARSAW)
    candidate = datetime.datetime.combine(now.date(), datetime.time(DIGEST_HOUR), tzinfo=WARSAW)
    if candidate <= now:
        candidate = datetime.datetime.combine(
            now.date() + datetime.timedelta(days=1), datetime.time(DIGEST_HOUR), tzinfo=WARSAW
        )
    return candidate


def _due(matter: Matter) -> datetime.date | None:
    return matter.answer_due if matter.state == "forwarded" else matter.proposal_due


def digest_send(*, today: datetime.date) -> str:
    """Send the digest for ``today`` once; returns what happened, for the task's result."""
    overdue, soon = selectors.digest_items(today=today)
    items = len(overdue) + len(soon)
    recipients = notifications.office_addresses() if items else []
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the unique day may already be taken
                DigestRun.objects.create(day=today, recipients=len(recipients), items=items)
        except IntegrityError:
            return "already sent"
        if not recipients:
            return "nothing to report" if not items else "no recipients"
        context: dict[str, Any] = {
            "today": today,
            "overdue": [
                (m, _due(m), notifications.site_url(m.get_absolute_url())) for m in overdue
            ],
            "soon": [(m, _due(m), notifications.site_url(m.get_absolute_url())) for m in soon],
            "days": DUE_WITHIN_DAYS,
            "board_url": notifications.site_url(reverse("matters:matter_board")),
        }
        with translation.override("pl"):
            subject = render_to_string("matters/email/digest_subject.txt", context).strip()
            body = render_to_string("matters/email/digest.txt", context)
        # One e-mail per person: no one sees the others' addresses.
        for address in dict.fromkeys(recipients):
            email_enqueue(to=address, subject=subject, body=body, topic="matters.digest")
    return f"sent to {len(recipients)}: {len(overdue)} overdue, {len(soon)} due soon"


def pending_digests() -> Any:
    """The digests waiting in the database queue (none known with another backend)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=send_deadline_digest.module_path, status="READY")


def uses_database_backend() -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def schedule_digest(*, when: datetime.datetime | None = None) -> bool:
    """Queue the digest for ``when`` (default: the next 07:00 in Warsaw), unless one is queued
    already. Returns whether one was queued. Backends that cannot defer get nothing."""
    if not default_task_backend.supports_defer:
        return False
    if uses_database_backend() and pending_digests().exists():
        return False
    when = when or next_morning()
    day = when.astimezone(WARSAW).date().isoformat()
    send_deadline_digest.using(run_after=when).enqueue(day=day)
    return True


@task()
def send_deadline_digest(*, day: str) -> str:
    """The digest of ``day`` (ISO date), then the next morning's is queued."""
    try:
        return digest_send(today=datetime.date.fromisoformat(day))
    finally:
        schedule_digest()
