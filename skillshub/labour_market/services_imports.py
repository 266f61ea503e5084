"""The import services: MZDiN counts, the MEN forecast and the school offer.

Each one records an ``ImportRun`` whatever happens:
- the same file (kind and SHA-256) already imported → UNCHANGED, nothing else written;
- any error → FAILED with every error (row, column, reason), nothing else written;
- otherwise one transaction replaces the period's (or year's) rows, marks the runs it replaces
  REPLACED with ``replaced_by`` (their history stays), and writes an audit entry.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import connection, transaction

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record

from . import imports
from .choices import ImportKind, ImportStatus, Provision
from .models import ForecastEntry, ImportRun, MzdinCount, SchoolSupply

INSERT_CHUNK = 50_000


def _elapsed_ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def _same_file_run(kind: str, sha: str, period: str) -> ImportRun | None:
    runs = ImportRun.objects.filter(kind=kind, file_sha256=sha, status=ImportStatus.SUCCEEDED)
    if period:
        runs = runs.filter(period=period)
    return runs.order_by("-created_at", "-pk").first()


def _run_import(
    *,
    kind: str,
    actor: Any,
    file: Any,
    period: str,
    parse: Callable[[bytes], imports.Parsed],
    write: Callable[[ImportRun, imports.Parsed], int],
) -> ImportRun:
    started = time.perf_counter()
    user = actor if getattr(actor, "is_authenticated", False) else None
    run = ImportRun(
        kind=kind, source_name=imports.source_name(file), period=period, created_by=user
    )
    try:
        data = imports.read_bytes(file)
    except imports.ImportFileError as exc:
        run.status, run.errors = ImportStatus.FAILED, [exc.as_error()]
        run.duration_ms = _elapsed_ms(started)
        run.save()
        return run
    run.file_sha256 = imports.fingerprint(data)
    previous = _same_file_run(kind, run.file_sha256, period)
    if previous is not None:
        run.status, run.period, run.encoding = (
            ImportStatus.UNCHANGED,
            previous.period,
            previous.encoding,
        )
        run.rows_read = previous.rows_read
        run.duration_ms = _elapsed_ms(started)
        run.save()
        return run
    parsed = parse(data)
    run.encoding, run.rows_read = parsed.encoding, parsed.rows_read
    run.period = parsed.period or period
    if parsed.errors:
        run.status, run.errors = ImportStatus.FAILED, parsed.errors.as_list()
        run.duration_ms = _elapsed_ms(started)
        run.save()
        return run
    with transaction.atomic():
        run.status = ImportStatus.SUCCEEDED
        run.full_clean()
        run.save()
        replaced = list(
            ImportRun.objects.select_for_update()
            .filter(kind=kind, period=run.period, status=ImportStatus.SUCCEEDED)
            .exclude(pk=run.pk)
            .values_list("pk", flat=True)
        )
        run.rows_written = write(run, parsed)
        if replaced:
            ImportRun.objects.filter(pk__in=replaced).update(
                status=ImportStatus.REPLACED, replaced_by=run
            )
        run.duration_ms = _elapsed_ms(started)
        run.save(update_fields=["rows_written", "duration_ms"])
        audit_record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=run,
            changes={
                "rows_written": [None, run.rows_written],
                "replaces": [None, replaced],
            },
            verb="import",
        )
    return run


def _executemany(sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(itertools.islice(iterator, INSERT_CHUNK)):
            cursor.executemany(sql, chunk)


@contextlib.contextmanager
def _large_cache() -> Iterator[None]:
    """On SQLite, let the page cache grow while a large file is inserted: with five indexes on
    the table, the default 2 MB cache makes the insert re-read pages (about 30% slower)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")  # a ceiling of 256 MB, not an allocation
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _write_mzdin(run: ImportRun, parsed: imports.Parsed) -> int:
    MzdinCount.objects.filter(period=run.period).delete()
    meta = MzdinCount._meta
    columns = [
        str(meta.get_field(name).column)  # type: ignore[union-attr]
        for name in (
            "occupation",
            "county",
            "period",
            "offers",
            "unemployed",
            "inflow",
            "outflow",
            "long_term",
            "import_run",
        )
    ]
    quote = connection.ops.quote_name
    # Plain executemany: model instances and bulk_create's 999-parameter batches on SQLite
    # cost several times the whole import. Every value was validated by the parser.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    run_id = run.pk
    with _large_cache():
        _executemany(sql, ((*row, run_id) for row in parsed.rows))
    return len(parsed.rows)


def _write_forecast(run: ImportRun, parsed: imports.Parsed) -> int:
    ForecastEntry.objects.filter(year=int(run.period)).delete()
    ForecastEntry.objects.bulk_create(
        [
            ForecastEntry(year=year, school_occupation_id=pk, demand=demand, import_run=run)
            for year, pk, demand in parsed.rows
        ],
        batch_size=1000,
    )
    return len(parsed.rows)


def _write_supply(run: ImportRun, parsed: imports.Parsed) -> int:
    year = int(run.period)
    # The imported rows of the year give way; the portal's (source_offer_id) stay, and a file
    # row naming one of them updates its enrolment instead of duplicating it.
    SchoolSupply.objects.filter(year=year, source_offer_id__isnull=True).delete()
    from_portal = {
        (s.school_name, s.school_occupation_id, s.county_id): s
        for s in SchoolSupply.objects.filter(year=year, provision=Provision.SCHOOL)
    }
    new: list[SchoolSupply] = []
    updated: list[SchoolSupply] = []
    for school, pk, county_pk, row_year, enrolment in parsed.rows:
        existing = from_portal.get((school, pk, county_pk))
        if existing is not None:
            if enrolment is not None and existing.enrolment != enrolment:
                existing.enrolment = enrolment
                updated.append(existing)
            continue
        new.append(
            SchoolSupply(
                school_name=school,
                school_occupation_id=pk,
                county_id=county_pk,
                year=row_year,
                enrolment=enrolment,
                import_run=run,
            )
        )
    SchoolSupply.objects.bulk_create(new, batch_size=1000)
    if updated:
        SchoolSupply.objects.bulk_update(updated, ["enrolment"])
    return len(new) + len(updated)


def mzdin_import(*, actor: Any, file: Any, period: str | None = None) -> ImportRun:
    """Import MZDiN counts (MRPiPS-01) for one period; a newer file for the period replaces
    that period's counts."""
    period = (period or "").strip().upper()
    return _run_import(
        kind=ImportKind.MZDIN,
        actor=actor,
        file=file,
        period=period,
        parse=lambda data: imports.mzdin_parse(data, period=period),
        write=_write_mzdin,
    )


def forecast_import(*, actor: Any, file: Any, year: int | None = None) -> ImportRun:
    """Import the MEN forecast for one year; a newer file for the year replaces its entries."""
    return _run_import(
        kind=ImportKind.MEN_FORECAST,
        actor=actor,
        file=file,
        period=str(year) if year else "",
        parse=lambda data: imports.forecast_parse(data, year=year),
        write=_write_forecast,
    )


def supply_import(*, actor: Any, file: Any, year: int | None = None) -> ImportRun:
    """Import the school offer for one school year (upsert by school, occupation, county)."""
    return _run_import(
        kind=ImportKind.SCHOOL_SUPPLY,
        actor=actor,
        file=file,
        period=str(year) if year else "",
        parse=lambda data: imports.supply_parse(data, year=year),
        write=_write_supply,
    )
