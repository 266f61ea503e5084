"""The load balancer's health check: 200 while this process can serve, 503 with a reason."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db


def _ready_task(*, enqueued_minutes_ago: int, run_after: datetime.datetime | None = None) -> None:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="skillshub.core.tasks.deliver_email",
        backend_name="default",
        run_after=run_after or get_date_max(),
    )
    # enqueued_at is auto_now_add: age it afterwards.
    enqueued = timezone.now() - datetime.timedelta(minutes=enqueued_minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)


def test_healthy_when_the_database_answers_and_the_queue_is_empty(anonymous_client):
    response = anonymous_client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": response.json()["database"],
        "tasks": {"ready": 0, "oldest_ready_seconds": None},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthy_while_due_tasks_are_young(anonymous_client):
    _ready_task(enqueued_minutes_ago=2)
    body = anonymous_client.get(reverse("core:healthz")).json()
    assert body["status"] == "ok"
    assert body["tasks"]["ready"] == 1
    assert 100 <= body["tasks"]["oldest_ready_seconds"] <= 140


def test_scheduled_tasks_do_not_count_until_due(anonymous_client):
    _ready_task(enqueued_minutes_ago=60 * 24, run_after=timezone.now() + datetime.timedelta(days=3))
    body = anonymous_client.get(reverse("core:healthz")).json()
    assert body["tasks"] == {"ready": 0, "oldest_ready_seconds": None}


def test_a_stuck_queue_answers_503(anonymous_client, settings):
    settings.HEALTHZ_MAX_READY_AGE_SECONDS = 15 * 60
    _ready_task(enqueued_minutes_ago=1)
    _ready_task(enqueued_minutes_ago=20)
    response = anonymous_client.get(reverse("core:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["reason"].startswith("task queue stuck")
    assert body["tasks"]["ready"] == 2
    assert body["tasks"]["oldest_ready_seconds"] >= 20 * 60


def test_a_task_overdue_since_its_run_after_counts_from_then(anonymous_client, settings):
    settings.HEALTHZ_MAX_READY_AGE_SECONDS = 15 * 60
    _ready_task(
        enqueued_minutes_ago=60 * 24, run_after=timezone.now() - datetime.timedelta(minutes=5)
    )
    body = anonymous_client.get(reverse("core:healthz")).json()
    assert body["status"] == "ok"
    assert 280 <= body["tasks"]["oldest_ready_seconds"] <= 320


def test_a_database_that_does_not_answer_is_503_not_a_500_page(anonymous_client):
    broken = mock.MagicMock()
    broken.__enter__.return_value.execute.side_effect = OperationalError("connection refused")
    with mock.patch("skillshub.core.views.connection.cursor", return_value=broken):
        response = anonymous_client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["reason"] == "database unreachable: OperationalError"


def test_an_unreachable_task_table_is_503(anonymous_client):
    with mock.patch(
        "skillshub.core.views.DBTaskResult.objects.ready",
        side_effect=OperationalError("no such table: django_tasks_database_dbtaskresult"),
    ):
        response = anonymous_client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["reason"] == "task queue unreachable: OperationalError"
