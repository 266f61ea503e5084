"""Faults, in process: the database going away answers a friendly 503; a task whose worker
died is queued again and completed once; a full upload disk is a clean form error with nothing
written. The same faults injected into the running production stack: bench/load/faults.py."""

from __future__ import annotations

import base64
import datetime
import errno
import os
import signal
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from skillshub.core.choices import EmailStatus
from skillshub.core.management.commands.task_worker import RecoveringWorker
from skillshub.core.middleware import RETRY_AFTER_SECONDS, database_unavailable_response
from skillshub.core.models import OutgoingEmail
from skillshub.core.storage import StorageFull
from skillshub.core.taskrecovery import LOST_WORKER_ERROR, heartbeat, requeue_stale_tasks
from skillshub.core.tasks import email_enqueue
from skillshub.core.views import server_error

TITLE = "Service temporarily unavailable"


def _database_down(message: str = "connection to server failed: Connection refused") -> Callable:
    """An execute wrapper: every query fails as on a PostgreSQL that is down or restarting."""

    def refuse(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        raise OperationalError(message)

    return refuse


def _in_polish(text: str) -> str:
    with translation.override("pl"):
        return gettext(text)


# --- The database is unavailable: 503 ---------------------------------------------------------


@pytest.mark.django_db
def test_a_public_page_answers_the_friendly_503_while_the_database_is_down(anonymous_client):
    with connection.execute_wrapper(_database_down()):
        response = anonymous_client.get(reverse("portal:offer_list"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"].startswith("text/html")
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Language"] == "pl"
    body = response.content.decode()
    assert '<html lang="pl">' in body
    assert _in_polish(TITLE) in body
    assert "Traceback" not in body and "OperationalError" not in body
    # The outer middleware still runs: the page keeps the security policy.
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_503_page_follows_the_chosen_language(anonymous_client):
    anonymous_client.cookies["django_language"] = "en"
    with connection.execute_wrapper(_database_down()):
        response = anonymous_client.get(reverse("portal:home"))
    assert response.status_code == 503
    assert '<html lang="en">' in response.content.decode()
    assert TITLE in response.content.decode()


@pytest.mark.django_db
def test_a_lost_connection_on_a_signed_in_page_is_a_503_not_a_500(coordinator_client):
    # psycopg's "the connection is closed" arrives as InterfaceError.
    def closed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        raise InterfaceError("the connection is closed")

    with connection.execute_wrapper(closed):
        response = coordinator_client.get(reverse("core:audit_list"))
    assert response.status_code == 503
    assert _in_polish(TITLE) in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_json_503_while_the_database_is_down(anonymous_client):
    with connection.execute_wrapper(_database_down()):
        response = anonymous_client.get("/api/v1/portal/offers")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json()["status"] == "error"
    assert response.json()["reason"] == "database unavailable"


@pytest.mark.django_db
def test_healthz_keeps_its_own_503_json(anonymous_client):
    with connection.execute_wrapper(_database_down()):
        response = anonymous_client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["reason"] == "database unreachable: OperationalError"


@pytest.mark.django_db
def test_the_503_page_renders_without_a_single_query(django_assert_num_queries):
    request = RequestFactory().get("/institutions/")
    # A query would fail (wrapper) and be counted (assert): the page needs neither.
    with django_assert_num_queries(0), connection.execute_wrapper(_database_down()):
        response = database_unavailable_response(request)
    assert response.status_code == 503
    assert _in_polish(TITLE) in response.content.decode()


def test_an_error_outside_the_view_reaches_handler500_and_is_a_503_too():
    """A session saved on the way out (a middleware) fails after the view: handler500."""
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_other_errors_still_get_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ZeroDivisionError
    except ZeroDivisionError:
        response = server_error(request)
    assert response.status_code == 500


@pytest.mark.django_db
def test_a_programming_error_is_not_disguised_as_an_outage(anonymous_client):
    from django.db import IntegrityError

    def broken(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        raise IntegrityError("duplicate key")

    anonymous_client.raise_request_exception = False
    with connection.execute_wrapper(broken):
        response = anonymous_client.get(reverse("portal:offer_list"))
    assert response.status_code == 500


# --- A task whose worker was killed is queued again -------------------------------------------


@pytest.fixture
def database_tasks(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_STALE_AFTER_SECONDS = 60
    settings.TASKS_MAX_ATTEMPTS = 3
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():  # the worker installs its own handlers
        signal.signal(sig, handler)


def _queued_email() -> OutgoingEmail:
    with transaction.atomic():
        return email_enqueue(
            to=["czlonek@example.invalid"], subject="Przypomnienie", body="Treść", topic="test"
        )


def _killed_mid_task(*, worker_id: str = "killed-worker", minutes_ago: int = 10) -> DBTaskResult:
    """What kill -9 leaves: the task claimed (RUNNING, committed) and, in the e-mail, the
    attempt already counted; the message itself never sent."""
    task = DBTaskResult.objects.get()
    task.claim(worker_id)
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=started)
    OutgoingEmail.objects.update(attempts=1, last_attempt_at=started)
    task.refresh_from_db()
    return task


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_killed_worker_is_requeued_then_completed_once(database_tasks):
    email = _queued_email()
    task = _killed_mid_task()
    assert DBTaskResult.objects.ready().count() == 0  # the plain backend would wait for ever

    out = StringIO()
    call_command("requeue_stale_tasks", stdout=out)
    assert out.getvalue().startswith("requeued 1, failed 0")
    task.refresh_from_db()
    assert task.status == "READY" and task.started_at is None

    # A real worker (the plain one here; task_worker below) runs it.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())
    task.refresh_from_db()
    email.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids[0] == "killed-worker" and len(task.worker_ids) == 2
    # The delivery carried on with the attempt it had counted: sent, once, not taken for stale.
    assert task.return_value == "sent"
    assert email.status == EmailStatus.SENT and email.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<outbox-{email.pk}@")


@pytest.mark.django_db(transaction=True)
def test_task_worker_requeues_at_start_up(database_tasks):
    email = _queued_email()
    _killed_mid_task()
    call_command("task_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_slow_task_of_a_live_worker_is_left_alone(database_tasks):
    _queued_email()
    task = _killed_mid_task(worker_id="busy-worker")
    heartbeat("busy-worker")
    assert requeue_stale_tasks().requeued == []
    task.refresh_from_db()
    assert task.status == "RUNNING"


@pytest.mark.django_db(transaction=True)
def test_a_task_that_just_started_is_left_alone(database_tasks):
    _queued_email()
    task = _killed_mid_task(minutes_ago=0)
    assert requeue_stale_tasks().requeued == []
    task.refresh_from_db()
    assert task.status == "RUNNING"


@pytest.mark.django_db(transaction=True)
def test_a_task_that_killed_every_worker_is_failed_not_retried_for_ever(database_tasks):
    _queued_email()
    task = _killed_mid_task()
    DBTaskResult.objects.filter(pk=task.pk).update(worker_ids=["w1", "w2", "w3"])
    recovery = requeue_stale_tasks()
    assert recovery.failed == [str(task.pk)] and recovery.requeued == []
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == LOST_WORKER_ERROR


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_database_outage_and_finishes_its_task(database_tasks):
    """The database vanished while this worker ran the task: its result could not be saved.
    The worker (still alive) waits for the database, then runs the task again."""
    email = _queued_email()
    _killed_mid_task(worker_id="survivor", minutes_ago=0)
    failures = {"left": 3}

    def flaky(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if failures["left"]:
            failures["left"] -= 1
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    worker = RecoveringWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="survivor",
        excluded_queue_names=[],
    )
    with connection.execute_wrapper(flaky):
        worker.run()
    assert failures["left"] == 0
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(mail.outbox) == 1


# --- The upload disk is full ------------------------------------------------------------------

# A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """The disk fills up mid-file: the first bytes reach the disk, then ENOSPC (or another
    errno), exactly where Django's FileSystemStorage writes."""

    def fill(code: int = errno.ENOSPC) -> None:
        real_fdopen = os.fdopen

        class Filling:
            def __init__(self, fd: int, mode: str) -> None:
                self.file = real_fdopen(fd, mode)

            def write(self, chunk: bytes) -> int:
                self.file.write(chunk[: len(chunk) // 2])
                self.file.flush()
                raise OSError(code, os.strerror(code))

            def close(self) -> None:
                self.file.close()

        monkeypatch.setattr(os, "fdopen", Filling)

    return fill


def _files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EROFS])
def test_a_full_disk_gives_the_upload_form_back_with_the_error_and_no_row(
    region, coordinator_client, full_disk, settings, code
):
    full_disk(code)
    response = coordinator_client.post(
        reverse("portal:news_create"),
        {
            "title": "Targi pracy w Żarach",
            "slug": "targi-pracy-zary",
            "lead": "Zapraszamy.",
            "body": "<p>Treść</p>",
            "image_alt": "Sala",
            "status": "draft",
            "image": SimpleUploadedFile("sala.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    expected = StorageFull(OSError(code, "")).messages[0]
    assert [str(error) for error in form.non_field_errors()] == [_in_polish(expected)]
    assert form["title"].value() == "Targi pracy w Żarach"  # the rest of the form is kept
    assert not apps.get_model("portal", "NewsItem").objects.exists()
    assert not apps.get_model("core", "AuditEntry").objects.exists()
    assert _files_under(Path(settings.MEDIA_ROOT)) == []  # the half-written file is gone


@pytest.mark.django_db
def test_a_full_disk_during_an_import_upload_is_a_form_error(
    coordinator_client, full_disk, settings
):
    # The office's own template, with one row: a file the importer accepts.
    template = coordinator_client.get(reverse("stakeholders:import_template")).content
    csv = template + "Szkoła Podstawowa nr 1;;szkola;0802;Gorzów Wielkopolski\n".encode()
    full_disk(errno.ENOSPC)
    response = coordinator_client.post(
        reverse("stakeholders:import"),
        {"file": SimpleUploadedFile("instytucje.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 400
    expected = StorageFull(OSError(errno.ENOSPC, "")).messages[0]
    assert response.context["form"].errors["file"] == [_in_polish(expected)]
    assert _files_under(Path(settings.MEDIA_ROOT)) == []


def test_other_storage_errors_still_raise(tmp_path, full_disk):
    from skillshub.core.storage import SafeFileSystemStorage

    full_disk(errno.EIO)
    storage = SafeFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError) as caught:
        storage.save("a.txt", SimpleUploadedFile("a.txt", b"x" * 100))
    assert caught.value.errno == errno.EIO
    assert _files_under(tmp_path) == []
