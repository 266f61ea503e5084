"""The task worker to run in production: django-tasks-db's ``db_worker`` plus recovery.

On top of ``db_worker`` it

- writes a heartbeat to the shared cache every ``TASKS_HEARTBEAT_SECONDS`` from a thread, so
  that the tasks of a worker that was killed can be told from the tasks of a slow one;
- at start-up and then every half ``TASKS_STALE_AFTER_SECONDS`` (at most every 5 minutes),
  puts back in the queue the tasks whose worker died (``requeue_stale_tasks``);
- survives the database going away: ``db_worker`` exits on any database error but a locked
  SQLite file; this one waits, reconnects, and puts back the task it was running when the
  database disappeared (its result could not be recorded), instead of leaving it RUNNING.

Same options as ``db_worker``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from skillshub.core.taskrecovery import heartbeat, heartbeat_stop, requeue_stale_tasks

logger = logging.getLogger("skillshub.core.task_worker")

DATABASE_DOWN = (OperationalError, InterfaceError)
# The longest wait between two attempts to reach a database that is down.
MAX_BACKOFF_SECONDS = 5.0


def _close_connections() -> None:
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # a dead connection may refuse even to close
            logger.debug("closing a dead connection failed", exc_info=True)


class Heartbeat(threading.Thread):
    """Beats for the worker, and now and then takes back the tasks of dead workers."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()
        self.interval = settings.TASKS_HEARTBEAT_SECONDS
        self.requeue_every = min(300.0, max(self.interval, settings.TASKS_STALE_AFTER_SECONDS / 2))

    def run(self) -> None:
        last_requeue = time.monotonic()
        while not self.stopped.wait(self.interval):
            try:
                close_old_connections()
                heartbeat(self.worker_id)
                if time.monotonic() - last_requeue >= self.requeue_every:
                    last_requeue = time.monotonic()
                    _log_recovery(requeue_stale_tasks())
            except DATABASE_DOWN as exc:
                logger.warning("Heartbeat of %s missed: %s", self.worker_id, exc)
                _close_connections()
        _close_connections()


def _log_recovery(recovery: Any) -> None:
    if recovery.requeued or recovery.failed:
        logger.warning(
            "Tasks of stopped workers: %s queued again, %s failed",
            len(recovery.requeued),
            len(recovery.failed),
        )


class RecoveringWorker(Worker):
    def run(self) -> None:
        backoff = 0.5
        lost_database = False
        while self.running:
            try:
                if lost_database:
                    # Whatever we were running when the database went away is still RUNNING
                    # under our id: we are running nothing now, so it goes back in the queue.
                    _log_recovery(requeue_stale_tasks(own_worker_id=self.worker_id))
                    heartbeat(self.worker_id)
                    lost_database = False
                    backoff = 0.5
                super().run()
                return
            except DATABASE_DOWN as exc:
                lost_database = True
                logger.warning(
                    "Database unavailable (%s: %s); retrying in %.1fs",
                    type(exc).__name__,
                    str(exc).strip()[:200],
                    backoff,
                )
                _close_connections()
                time.sleep(backoff)
                backoff = min(MAX_BACKOFF_SECONDS, backoff * 2)


class Command(DbWorkerCommand):
    help = "Run the task worker: db_worker with a heartbeat and recovery of dead workers' tasks."

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        # db_worker's own handle(), with our worker and without the code reloader (a worker
        # restarted by the reloader mid-task is exactly the dead worker this one recovers from).
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RecoveringWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        beat = Heartbeat(worker_id)
        try:
            heartbeat(worker_id)
            _log_recovery(requeue_stale_tasks())
        except DATABASE_DOWN as exc:  # the worker's loop waits for the database
            logger.warning("Start-up recovery skipped, database unavailable: %s", exc)
            _close_connections()
        beat.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            beat.stopped.set()
            beat.join(timeout=5)
            with contextlib.suppress(*DATABASE_DOWN):
                heartbeat_stop(worker_id)
