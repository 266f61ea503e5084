"""Restore a backup made by ``manage.py backup``. Stop the app and the task worker first."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from skillshub.core.backup import BackupError, backup_read_manifest, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database and MEDIA_ROOT with a backup's. Stop the app processes and the "
        "task worker first: writes made during a restore are lost."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="An archive written by manage.py backup.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            manifest = backup_read_manifest(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        target = connection.settings_dict["NAME"]
        self.stdout.write(
            f"{path}: {manifest['vendor']} backup of {manifest['created_at']}, "
            f"{manifest['media_files']} media files. It replaces the database {target} and "
            "everything in MEDIA_ROOT."
        )
        if not options["yes"]:
            if not sys.stdin.isatty():
                raise CommandError("Refusing to restore without --yes when not interactive.")
            if input("Type 'yes' to continue: ").strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            report = backup_restore(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.vendor} ({report.database_bytes:,} bytes) and "
                f"{report.media_files} media files in {report.seconds:.1f}s."
            )
        )
