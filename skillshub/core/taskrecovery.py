"""A task whose worker died is run again.

django-tasks' database backend marks a task RUNNING when a worker claims it (the claim commits
at once, so that no other worker takes it) and SUCCESSFUL or FAILED when it ends. A worker
killed in between (``kill -9``, the out-of-memory killer, a machine that lost power) leaves the
row RUNNING for ever: the backend has no heartbeat and no timeout, and nothing else looks at
RUNNING rows again.

So every worker started with ``manage.py task_worker`` writes a heartbeat to the shared cache
(the database) every ``TASKS_HEARTBEAT_SECONDS``, and ``requeue_stale_tasks`` puts back in the
queue a task that has been RUNNING for longer than ``TASKS_STALE_AFTER_SECONDS`` and whose
worker no longer beats. A task that has already been claimed ``TASKS_MAX_ATTEMPTS`` times is
marked FAILED instead: a task that kills its worker (runs it out of memory) must not kill every
worker in turn. The tasks themselves are idempotent (each re-checks its premise in one
transaction, the digest has a unique day, an e-mail delivery carries its attempt number), so
running one again after a crash does what the first run would have done, once.

Only what the heartbeat proves dead is taken back: a slow task on a live worker is never run
twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# The heartbeat lives this many beats: a worker that missed three is taken for dead.
BEATS_TO_DEATH = 3
LOST_WORKER_ERROR = "skillshub.core.taskrecovery.WorkerLost"


class WorkerLost(Exception):
    """What a task left RUNNING by too many dead workers is marked FAILED with."""


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _key(worker_id: str) -> str:
    return f"tasks:heartbeat:{worker_id}"


def heartbeat(worker_id: str) -> None:
    """Say that ``worker_id`` is alive, for the next ``BEATS_TO_DEATH`` beats."""
    timeout = settings.TASKS_HEARTBEAT_SECONDS * BEATS_TO_DEATH
    caches["default"].set(_key(worker_id), timezone.now().isoformat(), timeout=timeout)


def heartbeat_stop(worker_id: str) -> None:
    """A worker that stops cleanly says so at once, without waiting for its beat to expire."""
    caches["default"].delete(_key(worker_id))


def worker_alive(worker_id: str) -> bool:
    return bool(worker_id) and caches["default"].get(_key(worker_id)) is not None


def requeue_stale_tasks(
    *,
    stale_after: int | None = None,
    max_attempts: int | None = None,
    own_worker_id: str | None = None,
) -> Recovery:
    """Put back in the queue the RUNNING tasks whose worker has died.

    A task qualifies when it started more than ``stale_after`` seconds ago and the last worker
    that claimed it sends no heartbeat. ``own_worker_id`` is for a worker that has just
    survived losing the database mid-task: it is running nothing now, so every task still
    RUNNING under its id is one it could not finish, whatever its age.
    """
    stale_after = settings.TASKS_STALE_AFTER_SECONDS if stale_after is None else stale_after
    max_attempts = settings.TASKS_MAX_ATTEMPTS if max_attempts is None else max_attempts
    cutoff = timezone.now() - datetime.timedelta(seconds=stale_after)
    recovery = Recovery()
    with transaction.atomic():
        # Locked so that two workers recovering at once do not both requeue (and bump) a row.
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for row in running.order_by("started_at"):
            last = row.worker_ids[-1] if row.worker_ids else ""
            if own_worker_id is not None:
                dead = last == own_worker_id
            else:
                old_enough = row.started_at is None or row.started_at <= cutoff
                dead = old_enough and not worker_alive(last)
            if not dead:
                continue
            if len(row.worker_ids) >= max_attempts:
                _fail(row)
                recovery.failed.append(str(row.pk))
            else:
                _requeue(row)
                recovery.requeued.append(str(row.pk))
    return recovery


def _requeue(row: DBTaskResult) -> None:
    logger.warning(
        "Task %s (%s) was left RUNNING by worker %s, which stopped; queued again (claim %s).",
        row.pk,
        row.task_path,
        row.worker_ids[-1] if row.worker_ids else "?",
        len(row.worker_ids) + 1,
    )
    # READY again with its place in the queue (priority, run_after, enqueued_at) unchanged;
    # worker_ids keeps the dead workers, so the task knows it is a retry (context.attempt).
    row.status = TaskResultStatus.READY
    row.started_at = None
    row.save(update_fields=["status", "started_at"])


def _fail(row: DBTaskResult) -> None:
    logger.error(
        "Task %s (%s) was left RUNNING by %s workers that all stopped; marked failed.",
        row.pk,
        row.task_path,
        len(row.worker_ids),
    )
    row.status = TaskResultStatus.FAILED
    row.finished_at = timezone.now()
    row.return_value = None
    row.exception_class_path = LOST_WORKER_ERROR
    row.traceback = (
        f"{LOST_WORKER_ERROR}: the workers {', '.join(row.worker_ids)} each stopped while "
        f"running this task ({len(row.worker_ids)} claims); it is not retried again.\n"
    )
    row.save(
        update_fields=["status", "finished_at", "return_value", "exception_class_path", "traceback"]
    )
