"""Background tasks shared by every app (django-tasks), and the e-mail outbox."""

from __future__ import annotations

import datetime
import logging
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskContext, default_task_backend, task

from .choices import AuditAction, EmailStatus
from .models import OutgoingEmail
from .services import audit_record

logger = logging.getLogger(__name__)

# Seconds to wait before each retry; after the last one the e-mail stays "failed" for staff.
RETRY_DELAYS = [60, 5 * 60, 30 * 60, 2 * 60 * 60]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def email_enqueue(
    *,
    to: str | list[str],
    subject: str,
    body: str,
    attachments: list[dict[str, str]] | None = None,
    topic: str = "",
) -> OutgoingEmail:
    """Queue an e-mail inside the caller's transaction.

    The outbox row and its delivery task commit or roll back with the change that caused them
    (a transactional outbox): no e-mail about a decision that was never saved, and none lost
    when the process or the mail server dies after the commit. The worker
    (`manage.py db_worker`) delivers it.
    """
    email = OutgoingEmail.objects.create(
        to=[to] if isinstance(to, str) else list(to),
        subject=subject[:300],
        body=body,
        attachments=attachments or [],
        topic=topic,
    )
    deliver_email.enqueue(email_id=email.pk, attempt=0)
    return email


def _message(email: OutgoingEmail) -> EmailMessage:
    # One Message-ID per outbox row, whatever the attempt: if a worker dies between the mail
    # server's "250 OK" and marking the row sent, the retry is the same message, which mail
    # servers and clients recognise as a duplicate.
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    message = EmailMessage(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        email.to,
        headers={"Message-ID": f"<outbox-{email.pk}@{domain}>"},
    )
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def email_deliver(email_id: int, attempt: int | None = None, *, resumed: bool = False) -> str:
    """Send one outbox e-mail; on failure count the attempt and schedule a retry.

    ``attempt`` is the number of attempts the e-mail had when this delivery was queued. A
    delivery whose e-mail has moved on since (a staff resend reset the count, or another
    delivery already ran) is stale and does nothing, so a resend never doubles the retry
    chain. A failed e-mail waits for staff; only ``email_retry`` puts it back.

    ``resumed`` says this very delivery ran before and its worker died (killed, out of memory)
    after counting the attempt: the task was put back in the queue
    (``skillshub/core/taskrecovery.py``), and it carries on with the attempt it had counted
    instead of taking itself for stale, which would leave the e-mail pending for ever.
    """
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != EmailStatus.PENDING:
            return "skipped"
        carried_on = resumed and attempt is not None and email.attempts == attempt + 1
        if attempt is not None and email.attempts != attempt and not carried_on:
            return "stale"
        if not carried_on:
            email.attempts += 1
        email.last_attempt_at = timezone.now()
        email.save(update_fields=["attempts", "last_attempt_at"])
    try:
        # Outside the transaction: a slow mail server must not hold a database lock.
        _message(email).send(fail_silently=False)
    except Exception as exc:  # any transport error: the e-mail is kept and retried
        logger.warning("E-mail %s failed (attempt %s): %s", email.pk, email.attempts, exc)
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            email.status = EmailStatus.FAILED
        email.save(update_fields=["last_error", "status"])
        if email.status == EmailStatus.PENDING:
            _schedule_retry(email)
        return "failed"
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error"])
    return "sent"


def _schedule_retry(email: OutgoingEmail) -> None:
    if not default_task_backend.supports_defer:
        # The immediate backend (tests) cannot wait; `email_retry` or the queue page resends.
        return
    delay = RETRY_DELAYS[min(email.attempts, len(RETRY_DELAYS)) - 1]
    deliver_email.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
        email_id=email.pk, attempt=email.attempts
    )


def email_retry(*, email: OutgoingEmail, actor: Any = None) -> bool:
    """Put a failed (or stuck pending) e-mail back in the queue with a fresh set of attempts.

    A staff action, so it is audited. Returns False when there is nothing to do because the
    e-mail has been sent meanwhile. Deliveries still queued from before become stale.
    """
    with transaction.atomic():
        locked = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        if locked.status == EmailStatus.SENT:
            return False
        before = [locked.status, locked.attempts]
        locked.status = EmailStatus.PENDING
        locked.attempts = 0
        locked.save(update_fields=["status", "attempts"])
        audit_record(
            actor=actor,
            action=AuditAction.TRANSITION,
            obj=locked,
            changes={"status": [before[0], locked.status], "attempts": [before[1], 0]},
            verb="email_retry",
        )
        deliver_email.enqueue(email_id=locked.pk, attempt=0)
    return True


@task(takes_context=True)
def deliver_email(context: TaskContext, *, email_id: int, attempt: int | None = None) -> str:
    # A second claim of the same task means its first worker died while running it.
    return email_deliver(email_id, attempt, resumed=context.attempt > 1)
