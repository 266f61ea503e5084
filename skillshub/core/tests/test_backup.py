"""manage.py backup and restore: a round trip gives back every row of every table and every
uploaded file, on whichever database the suite runs (SQLite, or PostgreSQL with pg_dump)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from skillshub.core.backup import BackupError, backup_create, backup_read_manifest, backup_restore

Snapshot = dict[str, list[tuple[Any, ...]]]


def _tables() -> Snapshot:
    """Every table's rows: each model's (with M2M through tables) ordered by pk, then the
    tables no model describes (migrations, the search index's own) sorted."""
    rows: Snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        columns = [field.attname for field in meta.concrete_fields]
        rows[meta.db_table] = list(model._base_manager.order_by("pk").values_list(*columns))
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in rows:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                rows[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return rows


def _media() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _damage() -> None:
    """What a bad day does: rows changed, deleted and added, files lost and stray files."""
    apps.get_model("stakeholders", "Institution").objects.update(name="overwritten")
    apps.get_model("core", "AuditEntry").objects.all().delete()
    apps.get_model("guidance", "Registration").objects.all().delete()
    apps.get_model("portal", "LearningOffer").objects.update(title="overwritten")
    apps.get_model("accounts", "User").objects.create(username="intruder")
    media = Path(settings.MEDIA_ROOT)
    next(path for path in media.rglob("*") if path.is_file()).unlink()
    (media / "stray.txt").write_text("not in the backup")


def _have_pg_tools() -> bool:
    return all(
        shutil.which(tool) or list(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"))
        for tool in ("pg_dump", "pg_restore")
    )


@pytest.mark.django_db(transaction=True)
def test_restore_gives_back_every_table_and_every_file(region, tmp_path):
    if connection.vendor == "postgresql" and not _have_pg_tools():
        pytest.skip("pg_dump and pg_restore are not installed")
    call_command("seed_demo", stdout=io.StringIO())
    tables_then, media_then = _tables(), _media()
    assert sum(len(rows) for rows in tables_then.values()) > 10_000
    assert len([table for table, rows in tables_then.items() if rows]) > 40
    assert media_then, "the demo uploads documents"

    out = io.StringIO()
    call_command("backup", output=tmp_path, stdout=out)
    archive = next(tmp_path.glob("skillshub-*.tar.gz"))
    manifest = backup_read_manifest(archive)
    assert manifest["vendor"] == connection.vendor
    assert manifest["media_files"] == len(media_then)

    _damage()
    assert _tables() != tables_then and _media() != media_then

    call_command("restore", str(archive), yes=True, stdout=out)
    tables_now, media_now = _tables(), _media()
    assert tables_now.keys() == tables_then.keys()
    for table, rows in tables_then.items():
        assert tables_now[table] == rows, table
    assert media_now == media_then


@pytest.mark.django_db(transaction=True)
def test_backup_path_may_be_a_file_name(tmp_path):
    if connection.vendor == "postgresql" and not _have_pg_tools():
        pytest.skip("pg_dump and pg_restore are not installed")
    report = backup_create(output=tmp_path / "nightly.tar.gz")
    assert report.path == tmp_path / "nightly.tar.gz"
    assert report.archive_bytes == report.path.stat().st_size > 0
    with tarfile.open(report.path) as archive:
        names = archive.getnames()
    assert names[:2] == [
        "manifest.json",
        f"database.{'sqlite3' if connection.vendor == 'sqlite' else 'pgdump'}",
    ]
    assert list(tmp_path.iterdir()) == [report.path], "no scratch files left behind"


def _fake_archive(path: Path, manifest: dict[str, Any], dump: bytes = b"") -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in (
            ("manifest.json", json.dumps(manifest).encode()),
            (manifest.get("database", "x"), dump),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_the_other_database(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = _fake_archive(
        tmp_path / "other.tar.gz",
        {"format": 1, "vendor": other, "database": "database.x", "database_sha256": ""},
    )
    with pytest.raises(BackupError, match="this installation runs"):
        backup_restore(path=archive)


@pytest.mark.django_db
def test_restore_refuses_a_dump_that_does_not_match_its_checksum(tmp_path):
    archive = _fake_archive(
        tmp_path / "corrupt.tar.gz",
        {
            "format": 1,
            "vendor": connection.vendor,
            "database": "database.x",
            "database_sha256": hashlib.sha256(b"the real dump").hexdigest(),
            "database_bytes": 13,
        },
        dump=b"bit rot",
    )
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(path=archive)


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="not a Skills Hub backup"):
        call_command("restore", str(junk), yes=True)


@pytest.mark.django_db
def test_restore_asks_before_replacing_and_refuses_unattended_without_yes(tmp_path, monkeypatch):
    archive = _fake_archive(
        tmp_path / "b.tar.gz",
        {
            "format": 1,
            "vendor": connection.vendor,
            "database": "database.x",
            "media_files": 0,
            "created_at": "now",
        },
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="without --yes"):
        call_command("restore", str(archive), stdout=io.StringIO())
