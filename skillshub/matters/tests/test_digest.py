"""The daily deadline digest: what it lists, who gets it, once a day, and that it keeps itself
scheduled with the database task backend."""

from __future__ import annotations

import datetime
import signal
import zoneinfo
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import OutgoingEmail
from skillshub.matters.choices import MatterState as S
from skillshub.matters.models import DigestRun
from skillshub.matters.tasks import digest_send, next_morning, send_deadline_digest

from .factories import MatterFactory

TODAY = datetime.date(2026, 3, 10)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_PATH = send_deadline_digest.module_path


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.mark.django_db
def test_the_digest_lists_overdue_and_due_soon_matters_to_every_office_member(
    coordinator, office_admin, member
):
    late = MatterFactory(state=S.ACCEPTED, proposal_due=_days(-2), title="Spóźniona propozycja")
    soon = MatterFactory(state=S.FORWARDED, answer_due=_days(5), title="Odpowiedź wkrótce")
    MatterFactory(state=S.CLOSED, proposal_due=_days(-2), title="Zamknięta dawno")
    MatterFactory(state=S.ACCEPTED, proposal_due=_days(30), title="Jeszcze daleko")
    UserFactory(username="left", role=Role.OFFICE_STAFF, is_active=False)

    assert digest_send(today=TODAY).startswith("sent to 2")

    digests = OutgoingEmail.objects.filter(topic="matters.digest")
    assert sorted(e.to[0] for e in digests) == sorted([coordinator.email, office_admin.email])
    body = digests[0].body
    assert late.title in body and soon.title in body
    assert late.get_absolute_url() in body
    assert "Zamknięta dawno" not in body and "Jeszcze daleko" not in body
    assert member.email not in [e.to[0] for e in digests]
    run = DigestRun.objects.get(day=TODAY)
    assert (run.items, run.recipients) == (2, 2)


@pytest.mark.django_db
def test_nobody_is_mailed_when_nothing_is_due(coordinator):
    MatterFactory(state=S.ACCEPTED, proposal_due=_days(30))
    MatterFactory(state=S.CLOSED, proposal_due=_days(-5))
    assert digest_send(today=TODAY) == "nothing to report"
    assert not OutgoingEmail.objects.filter(topic="matters.digest").exists()


@pytest.mark.django_db
def test_a_second_run_the_same_day_sends_nothing(coordinator):
    MatterFactory(state=S.ACCEPTED, proposal_due=_days(-1))
    send_deadline_digest.call(day=TODAY.isoformat())
    send_deadline_digest.call(day=TODAY.isoformat())
    assert OutgoingEmail.objects.filter(topic="matters.digest").count() == 1
    assert DigestRun.objects.count() == 1
    # The next day is a new digest.
    assert digest_send(today=_days(1)).startswith("sent to 1")


def test_the_next_morning_is_seven_o_clock_in_warsaw():
    warsaw = zoneinfo.ZoneInfo("Europe/Warsaw")
    early = datetime.datetime(2026, 3, 10, 6, 0, tzinfo=warsaw)
    late = datetime.datetime(2026, 3, 10, 7, 0, tzinfo=warsaw)
    assert next_morning(early) == datetime.datetime(2026, 3, 10, 7, 0, tzinfo=warsaw)
    assert next_morning(late) == datetime.datetime(2026, 3, 11, 7, 0, tzinfo=warsaw)
    # Across the change to summer time, still 07:00 on the wall clock.
    spring = datetime.datetime(2026, 3, 28, 12, 0, tzinfo=warsaw)
    assert next_morning(spring).utcoffset() == datetime.timedelta(hours=2)


# --- With the real database task backend ------------------------------------------------------


@pytest.fixture
def database_tasks(settings: Any) -> Iterator[None]:
    """The database backend; django-tasks resets its cached backends on `setting_changed`."""
    settings.TASKS = DATABASE_TASKS
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():  # the worker installs its own handlers
        signal.signal(sig, handler)


def _pending() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY"))


@pytest.mark.django_db(transaction=True)
def test_the_digest_schedules_itself_for_the_next_morning(database_tasks, coordinator):
    MatterFactory(state=S.ACCEPTED, proposal_due=timezone.localdate())
    send_deadline_digest.enqueue(day=timezone.localdate().isoformat())

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())

    assert DBTaskResult.objects.filter(task_path=TASK_PATH, status="SUCCESSFUL").count() == 1
    pending = _pending()
    assert len(pending) == 1
    warsaw = pending[0].run_after.astimezone(zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert (warsaw.hour, warsaw.minute) == (7, 0)
    assert pending[0].args_kwargs["kwargs"] == {"day": warsaw.date().isoformat()}
    assert OutgoingEmail.objects.filter(topic="matters.digest").count() == 1


@pytest.mark.django_db(transaction=True)
def test_schedule_digests_twice_leaves_one_pending_digest(database_tasks):
    call_command("schedule_digests", stdout=StringIO())
    call_command("schedule_digests", stdout=StringIO())
    assert len(_pending()) == 1


@pytest.mark.django_db
def test_schedule_digests_does_nothing_with_a_backend_that_cannot_defer():
    call_command("schedule_digests", stdout=StringIO())
    assert not DBTaskResult.objects.exists()
