"""Put back in the queue the tasks left RUNNING by a worker that died (see core/taskrecovery.py).

``task_worker`` runs this at start-up and periodically; run it by hand after a crash, or from a
timer when the workers are plain ``db_worker``s (which send no heartbeat: then only the age
counts, so keep ``--stale-after`` above the longest task).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from skillshub.core.taskrecovery import requeue_stale_tasks


class Command(BaseCommand):
    help = "Queue again the tasks left RUNNING by a worker that stopped sending its heartbeat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-after",
            type=int,
            default=None,
            help="Seconds a task must have been running (default: TASKS_STALE_AFTER_SECONDS).",
        )

    def handle(self, *args: Any, stale_after: int | None, **options: Any) -> None:
        recovery = requeue_stale_tasks(stale_after=stale_after)
        self.stdout.write(
            f"requeued {len(recovery.requeued)}, failed {len(recovery.failed)}"
            + "".join(f"\n  requeued {pk}" for pk in recovery.requeued)
            + "".join(f"\n  failed {pk}" for pk in recovery.failed)
        )
