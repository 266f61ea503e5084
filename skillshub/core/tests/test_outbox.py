"""The e-mail outbox: a mail server that is down never loses an e-mail, staff see it and can
send it again, and the database task backend retries it later by itself."""

from __future__ import annotations

import datetime
import signal
import smtplib
from collections.abc import Iterator, Sequence
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from skillshub.core.choices import EmailStatus
from skillshub.core.models import AuditEntry, OutgoingEmail
from skillshub.core.tasks import MAX_ATTEMPTS, email_deliver, email_enqueue, email_retry

BROKEN = "skillshub.core.tests.test_outbox.BrokenBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPException("Connection refused (test)")


def _queue(subject: str = "Zaproszenie na IV posiedzenie") -> OutgoingEmail:
    with transaction.atomic():
        return email_enqueue(
            to=["czlonek@example.invalid"], subject=subject, body="Treść", topic="team.invitation"
        )


def _failed(settings: Any) -> OutgoingEmail:
    settings.EMAIL_BACKEND = BROKEN
    email = _queue()
    while email.attempts < MAX_ATTEMPTS:  # the immediate backend cannot defer: retry by hand
        email_deliver(email.pk)
        email.refresh_from_db()
    return email


@pytest.mark.django_db
def test_mail_server_down_keeps_the_email_pending_with_the_error(settings):
    settings.EMAIL_BACKEND = BROKEN
    email = _queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1
    assert "SMTPException" in email.last_error
    assert email.last_attempt_at is not None
    assert mail.outbox == []


@pytest.mark.django_db
def test_after_the_last_attempt_the_email_is_failed_and_shown_to_staff(
    settings, coordinator_client
):
    email = _failed(settings)
    assert email.status == EmailStatus.FAILED
    assert email.attempts == MAX_ATTEMPTS
    # A failed e-mail is not sent by a stray delivery: only staff put it back.
    assert email_deliver(email.pk) == "skipped"

    response = coordinator_client.get(reverse("core:outbox"))
    assert response.status_code == 200
    assert email.subject in response.content.decode()
    assert reverse("core:outbox_retry", args=[email.pk]) in response.content.decode()
    response = coordinator_client.get(reverse("core:outbox"), {"status": "failed"})
    assert email.subject in response.content.decode()
    response = coordinator_client.get(reverse("core:outbox"), {"status": "sent"})
    assert email.subject not in response.content.decode()


@pytest.mark.django_db
def test_send_again_with_a_working_server_delivers_the_failed_email(
    settings, coordinator, coordinator_client
):
    email = _failed(settings)
    settings.EMAIL_BACKEND = WORKING
    response = coordinator_client.post(
        reverse("core:outbox_retry", args=[email.pk]), {"status": "failed"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:outbox") + "?status=failed"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.sent_at is not None
    assert email.last_error == ""
    assert [m.to for m in mail.outbox] == [["czlonek@example.invalid"]]
    entry = AuditEntry.objects.get(verb="email_retry", object_id=str(email.pk))
    assert entry.actor == coordinator


@pytest.mark.django_db
def test_email_retry_delivers_and_a_sent_email_is_not_sent_twice(settings):
    email = _failed(settings)
    settings.EMAIL_BACKEND = WORKING
    assert email_retry(email=email) is True
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email_retry(email=email) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_stale_delivery_does_nothing(settings):
    settings.EMAIL_BACKEND = BROKEN
    email = _queue()  # one attempt made
    settings.EMAIL_BACKEND = WORKING
    assert email_deliver(email.pk, attempt=0) == "stale"
    email.refresh_from_db()
    assert email.attempts == 1
    assert mail.outbox == []
    assert email_deliver(email.pk, attempt=1) == "sent"


@pytest.mark.django_db
def test_pending_emails_come_first_and_counts_add_up(settings, coordinator_client):
    _queue("Wysłany")
    settings.EMAIL_BACKEND = BROKEN
    _queue("Czeka")
    response = coordinator_client.get(reverse("core:outbox"))
    rows = [email.subject for email, _ in response.context["rows"]]
    assert rows == ["Czeka", "Wysłany"]
    counts = {value: n for value, _, n in response.context["tabs"]}
    assert counts == {"": 2, "pending": 1, "sent": 1, "failed": 0}


@pytest.mark.django_db
def test_a_stuck_pending_email_can_be_sent_again(settings, coordinator_client):
    settings.EMAIL_BACKEND = BROKEN
    email = _queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        last_attempt_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = coordinator_client.get(reverse("core:outbox"))
    assert [can for _, can in response.context["rows"]] == [True]
    settings.EMAIL_BACKEND = WORKING
    coordinator_client.post(reverse("core:outbox_retry", args=[email.pk]))
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


@pytest.mark.django_db
def test_outsider_cannot_see_or_resend_the_outbox(settings, outsider_client):
    email = _failed(settings)
    assert outsider_client.get(reverse("core:outbox")).status_code == 404
    response = outsider_client.post(reverse("core:outbox_retry", args=[email.pk]))
    assert response.status_code == 404
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(anonymous_client):
    response = anonymous_client.get(reverse("core:outbox"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    response = anonymous_client.post(reverse("core:outbox_retry", args=[1]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_retry_answers_only_post(coordinator_client):
    assert coordinator_client.get(reverse("core:outbox_retry", args=[1])).status_code == 405


@pytest.mark.django_db
def test_outbox_query_count_does_not_grow(
    settings, coordinator_client, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = BROKEN
    for n in range(30):
        _queue(f"E-mail {n}")
    for status in ("", "pending", "failed", "sent"):
        with django_assert_max_num_queries(8):
            response = coordinator_client.get(reverse("core:outbox"), {"status": status})
        assert response.status_code == 200


# --- With the real database task backend and its worker ---------------------------------------


@pytest.fixture
def database_tasks(settings: Any) -> Iterator[None]:
    """The database backend; django-tasks resets its cached backends on `setting_changed`."""
    settings.TASKS = DATABASE_TASKS
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():  # the worker installs its own handlers
        signal.signal(sig, handler)


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


# The worker calls close_old_connections(), which drops a connection left inside a test's
# transaction: these tests need committed rows.
@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_a_queued_email(database_tasks):
    email = _queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 0
    task = DBTaskResult.objects.get()
    assert task.status == "READY"
    assert DBTaskResult.objects.ready().count() == 1
    assert mail.outbox == []

    _run_worker()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [m.subject for m in mail.outbox] == [email.subject]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_leaves_a_deferred_retry(settings, database_tasks):
    settings.EMAIL_BACKEND = BROKEN
    email = _queue()
    before = timezone.now()

    _run_worker()

    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1
    assert "SMTPException" in email.last_error
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > before + datetime.timedelta(seconds=30)
    assert retry.args_kwargs["kwargs"] == {"email_id": email.pk, "attempt": 1}
    assert not DBTaskResult.objects.ready().exists()

    # When it comes due and the server is back, the worker delivers it.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    settings.EMAIL_BACKEND = WORKING
    _run_worker()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1
