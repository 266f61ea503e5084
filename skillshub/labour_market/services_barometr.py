"""Writes for Barometr zawodów: opening a round, the panels' members, the ratings (entered by
a panel member or imported by staff from CSV/XLSX) and closing the round.

Every write runs in one transaction with an audit entry. A CLOSED round is frozen: every
service that touches its ratings refuses, whatever the caller (view, import, shell).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core import filetypes
from skillshub.core.choices import AuditAction
from skillshub.core.search.text import fold
from skillshub.core.services import audit_record

from .choices import BarometrLevel, ImportKind, ImportStatus, RoundStatus
from .models import (
    BarometrGroup,
    BarometrPanel,
    BarometrRating,
    BarometrRound,
    ImportRun,
    Occupation,
)

SCALE_CSV = Path(__file__).resolve().parent / "data" / "barometr_skala.csv"
CODE_RE = re.compile(r"^\d{6}$")
MAX_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
IMPORT_COLUMNS = ("panel", "grupa", "ocena")


class RoundClosed(ValidationError):
    """A closed round is frozen: its ratings are never written again."""


@dataclass
class RowError:
    row: int | None  # as a spreadsheet numbers it (header = 1); None: the whole file
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class GroupSpec:
    name: str
    codes: list[str] = field(default_factory=list)


class GroupListError(ValidationError):
    """The list of groups has errors; ``rows`` says where."""

    def __init__(self, rows: list[RowError]) -> None:
        self.rows = rows
        super().__init__([f"{e.row}: {e.message}" if e.row else e.message for e in rows])


# --- Reading text and files ------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else Windows-1250 (what Polish Excel saves)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1250", errors="strict"), "cp1250"


def groups_parse(text: str) -> list[GroupSpec]:
    """Lines ``name;code,code,...``; raises ``GroupListError`` naming every bad line."""
    groups: list[GroupSpec] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, codes_text = line.partition(";")
        name = name.strip()
        if not sep:
            errors.append(RowError(number, "", _("Write the group as “name;code,code”.")))
            continue
        if not name:
            errors.append(RowError(number, "name", _("The group has no name.")))
            continue
        if name.casefold() in seen:
            message = _("The group “%(name)s” is listed twice.") % {"name": name}
            errors.append(RowError(number, "name", message))
            continue
        seen.add(name.casefold())
        codes = [c.strip() for c in re.split(r"[,\s;]+", codes_text) if c.strip()]
        bad = [c for c in codes if not CODE_RE.match(c)]
        if bad:
            errors.append(
                RowError(
                    number,
                    "codes",
                    _("Not a 6-digit KZiS code: %(codes)s.") % {"codes": ", ".join(bad)},
                )
            )
            continue
        if not codes:
            errors.append(RowError(number, "codes", _("The group has no KZiS codes.")))
            continue
        groups.append(GroupSpec(name=name, codes=list(dict.fromkeys(codes))))
    if errors:
        raise GroupListError(errors)
    if not groups:
        raise GroupListError([RowError(None, "", _("The list of groups is empty."))])
    return groups


# --- Rounds ----------------------------------------------------------------------------------


def round_open(*, actor: Any, year: int, groups: list[GroupSpec]) -> BarometrRound:
    """Open the year's round with its groups, each mapped to 6-digit KZiS occupations. An
    unknown code is a row error and nothing is created; one round per year."""
    if not groups:
        raise ValidationError({"groups": _("The list of groups is empty.")})
    wanted = {code for g in groups for code in g.codes}
    known = dict(Occupation.objects.filter(code__in=wanted, level=6).values_list("code", "pk"))
    errors = [
        RowError(
            number,
            "codes",
            _("Unknown KZiS occupation code: %(codes)s.")
            % {"codes": ", ".join(c for c in g.codes if c not in known)},
        )
        for number, g in enumerate(groups, start=1)
        if any(c not in known for c in g.codes)
    ]
    if errors:
        raise GroupListError(errors)
    with transaction.atomic():
        if BarometrRound.objects.select_for_update().filter(year=year).exists():
            raise ValidationError(
                {"year": _("A round for %(year)s already exists.") % {"year": year}}
            )
        barometr_round = BarometrRound(year=year, status=RoundStatus.OPEN, opened_by=actor)
        barometr_round.full_clean()
        barometr_round.save()
        created = BarometrGroup.objects.bulk_create(
            [BarometrGroup(round=barometr_round, name=g.name) for g in groups]
        )
        through = BarometrGroup.occupations.through
        through.objects.bulk_create(
            [
                through(barometrgroup_id=group.pk, occupation_id=known[code])
                for group, spec in zip(created, groups, strict=True)
                for code in spec.codes
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=barometr_round,
            changes={"groups": [None, len(groups)]},
            verb="round_open",
        )
    return barometr_round


def round_close(*, actor: Any, barometr_round: BarometrRound) -> BarometrRound:
    """Close and freeze the round: from now on its ratings are never written again."""
    with transaction.atomic():
        locked = BarometrRound.objects.select_for_update().get(pk=barometr_round.pk)
        if locked.status == RoundStatus.CLOSED:
            raise RoundClosed(_("This round is already closed."))
        locked.status = RoundStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=actor,
            action=AuditAction.TRANSITION,
            obj=locked,
            changes={"status": [RoundStatus.OPEN.value, RoundStatus.CLOSED.value]},
            verb="round_close",
        )
    return locked


def _lock_open_round(barometr_round: BarometrRound) -> BarometrRound:
    """Lock the round's row, so a close and a save never interleave, and refuse a closed one."""
    locked = BarometrRound.objects.select_for_update().get(pk=barometr_round.pk)
    if locked.status != RoundStatus.OPEN:
        raise RoundClosed(
            _("The %(year)s round is closed: its ratings are frozen.") % {"year": locked.year}
        )
    return locked


# --- Panels ----------------------------------------------------------------------------------


def panel_set_members(*, actor: Any, panel: BarometrPanel, members: Iterable[Any]) -> None:
    """Set who sits on the panel (they rate through their own login)."""
    wanted = {user.pk for user in members}
    with transaction.atomic():
        before = set(panel.members.values_list("pk", flat=True))
        if before == wanted:
            return
        panel.members.set(wanted)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=panel,
            changes={"members": [sorted(before), sorted(wanted)]},
            verb="panel_set_members",
        )


# --- Ratings ---------------------------------------------------------------------------------


def _upsert(
    *,
    barometr_round: BarometrRound,
    wanted: Mapping[tuple[int, int], int],
    actor: Any,
    import_run: ImportRun | None,
) -> dict[str, list[Any]]:
    """Write ``{(panel_id, group_id): level}`` in two statements; return what changed."""
    panel_ids = {p for p, _g in wanted}
    existing = {
        (r.panel_id, r.group_id): r
        for r in BarometrRating.objects.filter(round=barometr_round, panel_id__in=panel_ids)
    }
    user = actor if getattr(actor, "is_authenticated", False) else None
    new: list[BarometrRating] = []
    changed: list[BarometrRating] = []
    changes: dict[str, list[Any]] = {}
    for (panel_id, group_id), level in wanted.items():
        rating = existing.get((panel_id, group_id))
        key = f"{panel_id}/{group_id}"
        if rating is None:
            new.append(
                BarometrRating(
                    round=barometr_round,
                    group_id=group_id,
                    panel_id=panel_id,
                    level=level,
                    rated_by=user,
                    import_run=import_run,
                )
            )
            changes[key] = [None, level]
        elif rating.level != level:
            changes[key] = [rating.level, level]
            rating.level = level
            rating.rated_by = user
            rating.import_run = import_run
            rating.updated_at = timezone.now()
            changed.append(rating)
    BarometrRating.objects.bulk_create(new)
    BarometrRating.objects.bulk_update(changed, ["level", "rated_by", "import_run", "updated_at"])
    return changes


def ratings_save(
    *,
    actor: Any,
    barometr_round: BarometrRound,
    panel: BarometrPanel,
    ratings: Mapping[int, int],
) -> int:
    """Save one panel's ratings ``{group_id: level}`` all at once (insert or update).
    Refused when the round is closed. Returns how many ratings changed."""
    valid_levels = set(BarometrLevel.values)
    bad = [level for level in ratings.values() if level not in valid_levels]
    if bad:
        raise ValidationError(_("Not a level of the Barometr scale: %(v)s.") % {"v": bad[0]})
    with transaction.atomic():
        locked = _lock_open_round(barometr_round)
        group_ids = set(
            BarometrGroup.objects.filter(round=locked, pk__in=ratings).values_list("pk", flat=True)
        )
        if group_ids != set(ratings):
            raise ValidationError(_("A group does not belong to this round."))
        changes = _upsert(
            barometr_round=locked,
            wanted={(panel.pk, group_id): level for group_id, level in ratings.items()},
            actor=actor,
            import_run=None,
        )
        if changes:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=panel,
                changes=changes,
                verb=f"ratings_save:{locked.year}",
            )
    return len(changes)


# --- Import ----------------------------------------------------------------------------------


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@cache
def _level_lookup() -> dict[str, int]:
    """Every way a level may be written: 0–5, the scale's code and its Polish label (folded),
    and the English labels of ``BarometrLevel``."""
    known: dict[str, int] = {str(level): level for level in BarometrLevel.values}
    with SCALE_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            level = int(row["poziom"])
            known[fold(row["kod"])] = level
            known[fold(row["etykieta_barometr"])] = level
    for level, label in BarometrLevel.choices:
        known[fold(str(label))] = int(level)
    known[""] = BarometrLevel.NO_RATING
    return known


def _read_table(data: bytes) -> tuple[list[list[str]], str]:
    if data.startswith(XLSX_MAGIC):
        from openpyxl import load_workbook

        # Every row is read into memory below: refuse an archive that unpacks far past its size.
        if filetypes.zip_bomb(data):
            raise ImportFileError(_("The XLSX file unpacks to far more than its size: refused."))
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = [
                ["" if v is None else str(int(v) if isinstance(v, float) and v.is_integer() else v)
                 for v in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)
            ]  # fmt: skip
            workbook.close()
        except Exception as exc:  # openpyxl raises many kinds of error for a damaged file
            raise ImportFileError(_("The XLSX file cannot be read: is it damaged?")) from exc
        return rows, "xlsx"
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a CSV or XLSX file."))
    try:
        text, encoding = decode_text(data)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The CSV file is neither UTF-8 nor Windows-1250. Save it as “CSV UTF-8”.")
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter)), encoding
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file cannot be read: %(r)s") % {"r": exc}) from exc


def _plan_import(
    table: list[list[str]], barometr_round: BarometrRound
) -> tuple[dict[tuple[int, int], int], list[RowError], int]:
    """Validate every row; return the ratings wanted, the errors and the rows read."""
    errors: list[RowError] = []
    if not table or not any(cell.strip() for cell in table[0]):
        return {}, [RowError(None, "", _("The file has no header row."))], 0
    header = [fold(cell.strip()) for cell in table[0]]
    missing = [name for name in IMPORT_COLUMNS if name not in header]
    if missing:
        message = _("Missing column(s): %(cols)s. Expected: panel;grupa;ocena.") % {
            "cols": ", ".join(missing)
        }
        return {}, [RowError(1, ", ".join(missing), message)], 0
    at = {name: header.index(name) for name in IMPORT_COLUMNS}

    panels: dict[str, int] = {}
    for pk, name, teryt in BarometrPanel.objects.values_list("pk", "name", "counties__teryt"):
        panels[fold(name.strip())] = pk
        if teryt:
            panels[teryt] = pk
    groups = {
        fold(name.strip()): pk
        for pk, name in BarometrGroup.objects.filter(round=barometr_round).values_list("pk", "name")
    }
    levels = _level_lookup()
    wanted: dict[tuple[int, int], int] = {}
    first_row: dict[tuple[int, int], int] = {}
    rows_read = 0
    for number, row in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        rows_read += 1
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in at.items()}
        row_errors: list[RowError] = []
        panel_id = panels.get(fold(cells["panel"])) if cells["panel"] else None
        if panel_id is None:
            row_errors.append(
                RowError(
                    number,
                    "panel",
                    _("Unknown panel or county code “%(v)s”.") % {"v": cells["panel"]},
                )
            )
        group_id = groups.get(fold(cells["grupa"])) if cells["grupa"] else None
        if group_id is None:
            row_errors.append(
                RowError(
                    number, "grupa", _("The round has no group “%(v)s”.") % {"v": cells["grupa"]}
                )
            )
        level = levels.get(fold(cells["ocena"]))
        if level is None:
            row_errors.append(
                RowError(
                    number,
                    "ocena",
                    _("Not a rating: “%(v)s”. Write 0–5, a code or a label of the scale.")
                    % {"v": cells["ocena"]},
                )
            )
        if row_errors:
            errors.extend(row_errors)
            continue
        assert panel_id is not None and group_id is not None and level is not None
        key = (panel_id, group_id)
        if key in first_row:
            errors.append(
                RowError(
                    number,
                    "grupa",
                    _("This panel's rating of this group is already in row %(row)s.")
                    % {"row": first_row[key]},
                )
            )
            continue
        first_row[key] = number
        wanted[key] = level
    if not rows_read and not errors:
        errors.append(RowError(None, "", _("The file has no rows under its header.")))
    return wanted, errors, rows_read


def ratings_import(
    *, actor: Any, barometr_round: BarometrRound, data: bytes, file_name: str
) -> ImportRun:
    """Import ratings (columns ``panel``, ``grupa``, ``ocena``). Every row is validated first;
    a file with any error writes nothing but its (rejected) run with the report. The same file
    again changes nothing (status "unchanged")."""
    started = time.monotonic()
    sha256 = hashlib.sha256(data).hexdigest()
    run = ImportRun(
        kind=ImportKind.BAROMETR,
        source_name=file_name[:255],
        file_sha256=sha256,
        period=str(barometr_round.year),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )

    def finish(status: str, errors: list[RowError] | None = None) -> ImportRun:
        run.status = status
        run.errors = [e.as_dict() for e in errors or []]
        run.duration_ms = int((time.monotonic() - started) * 1000)
        run.full_clean()
        run.save()
        return run

    if barometr_round.status != RoundStatus.OPEN:
        with transaction.atomic():
            closed = RowError(None, "", _("The round is closed: its ratings are frozen."))
            finish(ImportStatus.FAILED, [closed])
            audit_record(actor=actor, action=AuditAction.IMPORT, obj=run, verb="rejected")
        return run
    try:
        if len(data) > MAX_BYTES:
            raise ImportFileError(_("The file is larger than 5 MB."))
        if not data.strip():
            raise ImportFileError(_("The file is empty."))
        table, run.encoding = _read_table(data)
    except ImportFileError as exc:
        with transaction.atomic():
            finish(ImportStatus.FAILED, [RowError(None, "", str(exc))])
            audit_record(actor=actor, action=AuditAction.IMPORT, obj=run, verb="rejected")
        return run

    wanted, errors, run.rows_read = _plan_import(table, barometr_round)
    if errors:
        with transaction.atomic():
            finish(ImportStatus.FAILED, errors)
            audit_record(actor=actor, action=AuditAction.IMPORT, obj=run, verb="rejected")
        return run

    try:
        with transaction.atomic():
            locked = _lock_open_round(barometr_round)
            same_file = ImportRun.objects.filter(
                kind=ImportKind.BAROMETR,
                period=run.period,
                file_sha256=sha256,
                status=ImportStatus.SUCCEEDED,
            ).exists()
            if same_file:
                finish(ImportStatus.UNCHANGED)
            else:
                finish(ImportStatus.SUCCEEDED)
                changes = _upsert(barometr_round=locked, wanted=wanted, actor=actor, import_run=run)
                run.rows_written = len(changes)
                run.save(update_fields=["rows_written"])
            audit_record(
                actor=actor,
                action=AuditAction.IMPORT,
                obj=run,
                changes={"rows_written": [0, run.rows_written]},
                verb=run.status,
            )
    except RoundClosed as exc:
        # Closed between the check above and the lock: report it, write nothing else.
        run.pk = None
        with transaction.atomic():
            finish(ImportStatus.FAILED, [RowError(None, "", exc.messages[0])])
            audit_record(actor=actor, action=AuditAction.IMPORT, obj=run, verb="rejected")
    return run
