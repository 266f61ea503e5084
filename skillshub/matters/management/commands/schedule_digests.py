"""Make sure the daily deadline digest is queued (run at every deployment; idempotent).

The digest reschedules itself after each run; this command starts the chain, and restarts it
if the queue was ever emptied. Running it twice leaves one pending digest.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from skillshub.matters.tasks import (
    next_morning,
    pending_digests,
    schedule_digest,
    uses_database_backend,
)


class Command(BaseCommand):
    help = "Queue the daily deadline digest of matters for the next 07:00, unless it is queued."

    def handle(self, *args: Any, **options: Any) -> None:
        if not uses_database_backend():
            self.stdout.write("The task backend is not the database one: nothing scheduled.")
            return
        with transaction.atomic():
            if schedule_digest(when=next_morning()):
                self.stdout.write(f"Deadline digest queued for {next_morning():%Y-%m-%d %H:%M}.")
            else:
                first = pending_digests().order_by("run_after").first()
                when = (
                    f" for {timezone.localtime(first.run_after):%Y-%m-%d %H:%M}"
                    if first and first.run_after
                    else ""
                )
                self.stdout.write(f"A deadline digest is queued already{when}.")
