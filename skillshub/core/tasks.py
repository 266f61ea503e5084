"""Background tasks shared by every app (django-tasks)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def email_enqueue(*, to: str | list[str], subject: str, body: str) -> None:
    """Queue an e-mail inside the caller's transaction.

    With the database backend the task row commits or rolls back with the change that caused
    it (a transactional outbox): no e-mail about a decision that was never saved, and none lost
    when the process dies after the commit. The worker (`manage.py db_worker`) sends it.
    """
    send_email.enqueue(to=[to] if isinstance(to, str) else list(to), subject=subject, body=body)
