"""Scheduled e-mails of the monitoring rounds (django-tasks). A reminder checks, when it runs,
that the report still waits for the institution: a submitted or accepted one gets none."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .choices import ReportStatus, RoundStatus
from .models import InstitutionReport

REMINDER_DAYS_BEFORE = 3
# In the morning of the day: a reminder at midnight is read with the day's first coffee anyway.
REMINDER_HOUR = 9


@task()
def report_reminder(*, report_id: int) -> str:
    """Remind the institution's contacts of the deadline, unless the report has been submitted
    (or accepted) since, or the round is closed."""
    from .services_monitoring import report_notify_contacts

    with transaction.atomic():
        report = (
            InstitutionReport.objects.select_for_update()
            .select_related("round__version__programme", "institution")
            .filter(pk=report_id)
            .first()
        )
        if report is None or report.round.status != RoundStatus.OPEN:
            return "skipped"
        if report.status not in (ReportStatus.PENDING, ReportStatus.RETURNED):
            return "skipped"
        return f"sent {report_notify_contacts(report=report, template='report_reminder')}"


def reminder_due(report: InstitutionReport) -> datetime.datetime:
    day = report.round.deadline - datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(REMINDER_HOUR)))


def schedule_report_reminder(report: InstitutionReport) -> None:
    """Queue the reminder for 3 days before the deadline; none when that is already past (the
    contacts have just been told) or when the task backend cannot wait (tests)."""
    if not default_task_backend.supports_defer:
        return
    when = reminder_due(report)
    if when <= timezone.now():
        return
    report_reminder.using(run_after=when).enqueue(report_id=report.pk)
