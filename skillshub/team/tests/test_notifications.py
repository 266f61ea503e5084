"""Reminders 3 days before a sitting, and who gets the secretariat's e-mails."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from skillshub.core.models import OutgoingEmail
from skillshub.stakeholders.models import ContactPerson
from skillshub.team import notifications
from skillshub.team.choices import MeetingStatus
from skillshub.team.services import meetings as svc
from skillshub.team.tasks import REMINDER_DAYS_BEFORE, meeting_reminder

from .factories import DeputyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

REMINDER_PATH = "skillshub.team.tasks.meeting_reminder"


@pytest.fixture
def database_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _addresses(team) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.person.email for m in team.memberships.select_related("person")}


def _remind(meeting, **overrides) -> str:  # type: ignore[no-untyped-def]
    kwargs = {
        "meeting_id": meeting.pk,
        "starts_at": meeting.starts_at.isoformat(),
        "sequence": meeting.ics_sequence,
        **overrides,
    }
    with transaction.atomic():
        return meeting_reminder.call(**kwargs)


def _convened(team, coordinator, days: int = 10):  # type: ignore[no-untyped-def]
    meeting = svc.meeting_create(
        team=team,
        actor=coordinator,
        data={"starts_at": timezone.now() + datetime.timedelta(days=days), "place": "WUP"},
    )
    svc.agenda_item_add(meeting=meeting, actor=coordinator, data={"title": "Otwarcie"})
    return svc.meeting_convene(meeting=meeting, actor=coordinator)


def test_the_reminder_goes_to_every_current_member_and_deputy(wzk):
    DeputyFactory(deputy_of=wzk.memberships.first())
    meeting = MeetingFactory(team=wzk, status=MeetingStatus.CONVENED)
    assert _remind(meeting) == "sent 6"
    assert {address for m in mail.outbox for address in m.to} == _addresses(wzk)
    assert len(mail.outbox) == 6
    assert set(OutgoingEmail.objects.values_list("topic", flat=True)) == {"team.reminder"}


def test_the_same_moment_in_another_time_zone_is_not_a_move(wzk):
    meeting = MeetingFactory(team=wzk, status=MeetingStatus.CONVENED)
    local = timezone.localtime(meeting.starts_at).isoformat()
    assert local != meeting.starts_at.isoformat()  # e.g. +02:00 against +00:00
    assert _remind(meeting, starts_at=local) == "sent 5"


@pytest.mark.parametrize("status", [MeetingStatus.CANCELLED, MeetingStatus.PLANNED])
def test_no_reminder_for_a_sitting_that_is_not_convened(wzk, status):
    meeting = MeetingFactory(team=wzk, status=status)
    assert _remind(meeting) == "skipped"
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_no_reminder_for_a_sitting_that_moved(wzk):
    meeting = MeetingFactory(team=wzk, status=MeetingStatus.CONVENED)
    earlier = (meeting.starts_at - datetime.timedelta(days=2)).isoformat()
    assert _remind(meeting, starts_at=earlier) == "moved"
    assert mail.outbox == []


def test_no_reminder_after_a_change_that_queued_a_new_one(wzk):
    meeting = MeetingFactory(team=wzk, status=MeetingStatus.CONVENED, ics_sequence=2)
    assert _remind(meeting, sequence=1) == "changed"
    assert mail.outbox == []


def test_convening_schedules_the_reminder_three_days_before(wzk, coordinator, database_tasks):
    meeting = _convened(wzk, coordinator)
    task = DBTaskResult.objects.get(task_path=REMINDER_PATH)
    assert task.status == "READY"
    assert task.run_after == meeting.starts_at - datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    assert task.args_kwargs["kwargs"]["meeting_id"] == meeting.pk
    # The invitations wait in the queue for the worker, nothing is sent yet.
    assert OutgoingEmail.objects.filter(topic="team.invitation").count() == 5
    assert mail.outbox == []


def test_moving_the_sitting_makes_the_old_reminder_do_nothing(wzk, coordinator, database_tasks):
    meeting = _convened(wzk, coordinator)
    svc.meeting_update(
        meeting=meeting,
        actor=coordinator,
        data={"starts_at": meeting.starts_at + datetime.timedelta(days=7)},
    )
    old, new = DBTaskResult.objects.filter(task_path=REMINDER_PATH).order_by("run_after")
    meeting.refresh_from_db()
    assert new.run_after == meeting.starts_at - datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    with transaction.atomic():
        assert meeting_reminder.call(**old.args_kwargs["kwargs"]) == "moved"
        assert meeting_reminder.call(**new.args_kwargs["kwargs"]) == "sent 5"


def test_changing_only_the_place_leaves_one_live_reminder(wzk, coordinator, database_tasks):
    meeting = _convened(wzk, coordinator)
    svc.meeting_update(meeting=meeting, actor=coordinator, data={"place": "Urząd Marszałkowski"})
    tasks = DBTaskResult.objects.filter(task_path=REMINDER_PATH).order_by("enqueued_at")
    with transaction.atomic():
        outcomes = [meeting_reminder.call(**t.args_kwargs["kwargs"]) for t in tasks]
    assert outcomes == ["changed", "sent 5"]


def test_no_reminder_is_queued_when_the_sitting_is_too_close(wzk, coordinator, database_tasks):
    _convened(wzk, coordinator, days=2)
    assert not DBTaskResult.objects.filter(task_path=REMINDER_PATH).exists()


def test_cancelling_makes_the_reminder_do_nothing(wzk, coordinator, database_tasks):
    meeting = _convened(wzk, coordinator)
    svc.meeting_cancel(meeting=meeting, actor=coordinator)
    task = DBTaskResult.objects.get(task_path=REMINDER_PATH)
    with transaction.atomic():
        assert meeting_reminder.call(**task.args_kwargs["kwargs"]) == "skipped"


def test_invitations_skip_anonymised_people_and_ended_terms(wzk):
    meeting = MeetingFactory(team=wzk)
    anonymised, ended, *current = list(wzk.memberships.select_related("person"))
    ContactPerson.objects.filter(pk=anonymised.person_id).update(anonymised_at=timezone.now())
    ended.end_date = timezone.localdate()  # ends before the sitting in 14 days
    ended.save(update_fields=["end_date"])
    with transaction.atomic():
        sent = notifications.invitations_send(meeting=meeting, kind="invitation")
    assert sent == 3
    recipients = {address for m in mail.outbox for address in m.to}
    assert recipients == {m.person.email for m in current}
    assert anonymised.person.email not in recipients
    assert ended.person.email not in recipients
