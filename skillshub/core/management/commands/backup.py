"""Back up the database and the uploaded files into one archive (see skillshub/core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillshub.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) and MEDIA_ROOT into one "
        ".tar.gz. Safe while the app runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="The archive to write, or a directory for it (default: var/backups/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_create(output=options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {report.vendor} ({report.database_bytes:,} bytes) and "
                f"{report.media_files} media files ({report.media_bytes:,} bytes) into "
                f"{report.path} ({report.archive_bytes:,} bytes) in {report.seconds:.1f}s."
            )
        )
