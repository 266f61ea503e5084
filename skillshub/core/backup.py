"""Back up and restore the database and the uploaded files as one archive.

One ``.tar.gz`` holds everything a restore needs, so that a backup is one file to copy, rotate
and check:

- ``manifest.json``: the format, the database vendor, when, the dump's SHA-256, media counts;
- ``database.sqlite3`` (SQLite's online backup API) or ``database.pgdump``
  (``pg_dump --format=custom``);
- ``media/``: MEDIA_ROOT as it was just after the database was copied.

The database is copied first and the media second: a file uploaded in between is an orphan in
the archive (harmless), never a row pointing at a missing file. Uploads are never deleted
in place (documents keep their versions), so the other order of events does not arise.

Restore replaces the database and then the media. Stop the app processes and the task worker
first (``docs/deployment.md``): a restore under live writers would lose their writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    vendor: str
    database_bytes: int
    media_files: int
    media_bytes: int
    archive_bytes: int
    seconds: float


@dataclass(frozen=True)
class RestoreReport:
    path: Path
    vendor: str
    database_bytes: int
    media_files: int
    seconds: float


def default_backup_path(vendor: str) -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"skillshub-{vendor}-{stamp}.tar.gz"


def backup_create(*, output: Path | None = None, using: str = DEFAULT_DB_ALIAS) -> BackupReport:
    """Write one archive of the database and MEDIA_ROOT; return what went into it."""
    started = time.monotonic()
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    path = output or default_backup_path(vendor)
    if path.is_dir():
        path = path / default_backup_path(vendor).name
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as scratch:
        dump = Path(scratch) / DUMP_NAMES[vendor]
        if vendor == "sqlite":
            _sqlite_copy(source=_sqlite_path(connection.settings_dict), target=dump)
        else:
            _pg_dump(connection.settings_dict, dump)
        database_bytes = dump.stat().st_size
        media_files, media_bytes = _tree_size(media_root)
        manifest = {
            "format": FORMAT,
            "vendor": vendor,
            "created_at": timezone.now().isoformat(),
            "database": dump.name,
            "database_bytes": database_bytes,
            "database_sha256": _sha256(dump),
            "media_files": media_files,
            "media_bytes": media_bytes,
        }
        (Path(scratch) / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        # Written under a temporary name and renamed: a half-written archive never looks
        # like a backup.
        partial = Path(scratch) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(Path(scratch) / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            if media_root.is_dir():
                archive.add(media_root, arcname="media")
        os.replace(partial, path)
    return BackupReport(
        path=path,
        vendor=vendor,
        database_bytes=database_bytes,
        media_files=media_files,
        media_bytes=media_bytes,
        archive_bytes=path.stat().st_size,
        seconds=time.monotonic() - started,
    )


def backup_read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read())
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not a Skills Hub backup: {error}") from error
    if manifest.get("format") != FORMAT or manifest.get("vendor") not in DUMP_NAMES:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}.")
    return manifest


def backup_restore(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> RestoreReport:
    """Replace the database and MEDIA_ROOT with the archive's. The app must be stopped."""
    started = time.monotonic()
    manifest = backup_read_manifest(path)
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['vendor']} database; this installation runs "
            f"{connection.vendor}."
        )
    with tempfile.TemporaryDirectory(prefix="skillshub-restore-") as scratch:
        with tarfile.open(path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links out of the tree and devices.
            archive.extractall(scratch, filter="data")
        dump = Path(scratch) / manifest["database"]
        if _sha256(dump) != manifest["database_sha256"]:
            raise BackupError(f"{path}: the database dump does not match its checksum.")
        # Our own connection would hold the old file open (SQLite) or locks (PostgreSQL).
        connection.close()
        if connection.vendor == "sqlite":
            _sqlite_copy(source=dump, target=_sqlite_path(connection.settings_dict))
        else:
            _pg_restore(connection.settings_dict, dump)
        # The database first: if it fails, the media are left as they were.
        media_files = _media_replace(Path(scratch) / "media", Path(settings.MEDIA_ROOT))
    return RestoreReport(
        path=path,
        vendor=manifest["vendor"],
        database_bytes=manifest["database_bytes"],
        media_files=media_files,
        seconds=time.monotonic() - started,
    )


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_path(settings_dict: dict[str, Any]) -> Path:
    name = str(settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(name)


def _sqlite_copy(*, source: Path, target: Path) -> None:
    """Copy with SQLite's online backup API, in one step.

    One step (``pages=-1``) holds a read transaction on the source for the whole copy, so the
    copy is one consistent snapshot even while the app writes (WAL lets it go on writing).
    The same call in reverse restores: it replaces the target's pages under its own lock.
    """
    if not source.exists():
        raise BackupError(f"No SQLite database at {source}.")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the versioned client tools off PATH; take the newest.
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if candidates:
        return str(candidates[-1])
    raise BackupError(f"{name} is not installed (apt-get install postgresql-client).")


def _pg_connection_args(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args: list[str] = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    env = dict(os.environ)
    # The password goes through the environment, never the command line (ps shows that).
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _pg_dump(settings_dict: dict[str, Any], target: Path) -> None:
    args, env = _pg_connection_args(settings_dict)
    # A custom-format dump is compressed and lets pg_restore clean and reorder; pg_dump
    # reads in one repeatable-read transaction, so it is consistent while the app runs.
    command = [_pg_tool("pg_dump"), "--format=custom", "--file", str(target), *args]
    _run([*command, "--dbname", str(settings_dict["NAME"])], env)


def _pg_restore(settings_dict: dict[str, Any], dump: Path) -> None:
    args, env = _pg_connection_args(settings_dict)
    command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        # All or nothing: a failed restore leaves the database as it was.
        "--single-transaction",
        "--exit-on-error",
        *args,
        "--dbname",
        str(settings_dict["NAME"]),
        str(dump),
    ]
    _run(command, env)


# --- Media ----------------------------------------------------------------------------------


def _media_replace(source: Path, media_root: Path) -> int:
    """Empty MEDIA_ROOT and copy the backup's files in.

    MEDIA_ROOT itself stays: on shared storage it is often a mount point that cannot be
    renamed or removed.
    """
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        shutil.copytree(source, media_root, dirs_exist_ok=True)
    return _tree_size(media_root)[0]


def _tree_size(root: Path) -> tuple[int, int]:
    if not root.is_dir():
        return 0, 0
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
