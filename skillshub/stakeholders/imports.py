"""Bulk import of institutions from CSV or XLSX.

Parse and validate every row first (``import_parse``), show the preview, and write only on
confirmation (``institutions_import``), in one transaction. Re-running a file changes nothing:
rows are matched to known institutions by ID, NIP, REGON, or name within the county.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.models import County, StrategyArea
from skillshub.core.services import audit_record, plain, snapshot
from skillshub.core.storage import StorageFull

from . import services
from .choices import InstitutionKind
from .exports import columns
from .models import ImportRun, Institution, fold
from .validators import clean_digits, validate_krs, validate_nip, validate_regon

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
XLSX_MAGIC = b"PK\x03\x04"

ALIASES = {
    "nazwa": "name", "skrot": "short_name", "skrót": "short_name", "rodzaj": "kind",
    "powiat_teryt": "county_teryt", "teryt": "county_teryt", "miejscowosc": "city",
    "miejscowość": "city", "miasto": "city", "ulica": "street", "kod_pocztowy": "postal_code",
    "www": "website", "strona": "website", "telefon": "phone", "obszary": "areas",
    "publiczny": "listed_publicly", "e-mail": "email",
}  # fmt: skip
KIND_ALIASES = {
    "szkoła": "school", "szkola": "school", "ckz": "ckz_cku", "cku": "ckz_cku",
    "uczelnia": "university", "uniwersytet": "university", "firma szkoleniowa": "training_provider",
    "pup": "labour_office", "wup": "labour_office", "urząd pracy": "labour_office",
    "pracodawca": "employer", "izba": "employers_org", "związek zawodowy": "trade_union",
    "samorząd": "local_government", "jst": "local_government", "organizacja pozarządowa": "ngo",
    "inne": "other",
}  # fmt: skip
YES = {"tak", "t", "yes", "y", "1", "true", "prawda"}
NO = {"nie", "n", "no", "0", "false", "fałsz", ""}
TEXT_FIELDS = ["name", "short_name", "city", "street", "postal_code", "website", "email", "phone"]


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class RowResult:
    number: int  # the row number a spreadsheet shows (header = 1)
    raw: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict)
    areas: list[StrategyArea] | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    match: Institution | None = None
    status: str = "new"  # new | update | unchanged | error
    changes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    file_name: str
    sha256: str
    columns: list[str]
    rows: list[RowResult]

    @property
    def has_errors(self) -> bool:
        return any(not r.ok for r in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("new", "update", "unchanged", "error")}


# --- Temporary storage between preview and confirmation ---------------------------------------
# Files go to the default storage, not to a process's memory: the confirmation may reach
# another app process than the upload did.


@dataclass
class StoredUpload:
    data: bytes
    file_name: str


def _dir(user: Any, token: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", token):
        raise ImportFileError(_("Unknown import."))
    return f"imports/{user.pk}/{token}"


def upload_store(*, data: bytes, file_name: str, user: Any) -> str:
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    # A file that is not a readable table with the required columns is refused here, on the
    # upload form, and never kept for a preview.
    _file_table(data)
    token = secrets.token_urlsafe(24)
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", file_name)[-100:] or "upload"
    try:
        default_storage.save(f"{_dir(user, token)}/{safe}", ContentFile(data))
    except StorageFull as exc:  # the upload form shows it like any unreadable file
        raise ImportFileError(exc.messages[0]) from exc
    return token


def upload_load(*, token: str, user: Any) -> StoredUpload:
    directory = _dir(user, token)
    try:
        _dirs, files = default_storage.listdir(directory)
    except FileNotFoundError as exc:
        raise ImportFileError(_("Unknown import.")) from exc
    if not files:
        raise ImportFileError(_("Unknown import."))
    with default_storage.open(f"{directory}/{files[0]}", "rb") as f:
        return StoredUpload(data=f.read(), file_name=files[0])


def upload_delete(*, token: str, user: Any) -> None:
    directory = _dir(user, token)
    _dirs, files = default_storage.listdir(directory)
    for name in files:
        default_storage.delete(f"{directory}/{name}")


# --- Parsing ----------------------------------------------------------------------------------


def _detect_kind(data: bytes) -> str:
    """Decide by content, not by file name."""
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a CSV or XLSX file."))
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and try again.")
        ) from exc
    return "csv"


def _read_table(data: bytes) -> list[list[str]]:
    if _detect_kind(data) == "xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("The XLSX file cannot be read.")) from exc
        sheet = workbook.worksheets[0]
        table = [
            ["" if v is None else str(v).strip() for v in values]
            for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)
        ]
        workbook.close()
        return table
    text = data.decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";"
    return [
        [cell.strip() for cell in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _header_map() -> dict[str, str]:
    known: dict[str, str] = {}
    for language in ("pl", "en"):
        with translation.override(language):
            for key, label in columns(staff=True):
                known[label.casefold()] = key
    for key, _label in columns(staff=True):
        known[key] = key
    known.update(ALIASES)
    return known


def _kind(value: str) -> str | None:
    v = value.strip().casefold()
    if v in InstitutionKind.values:
        return v
    if v in KIND_ALIASES:
        return KIND_ALIASES[v]
    for language in ("pl", "en"):
        with translation.override(language):
            for choice in InstitutionKind:
                if str(choice.label).casefold() == v:
                    return str(choice.value)
    return None


def _file_table(data: bytes) -> tuple[list[list[str]], list[str]]:
    """The file's non-empty rows and its header mapped to column keys; ``ImportFileError`` for
    a file that is unreadable, empty, too long or without the required columns."""
    table = [r for r in _read_table(data) if any(r)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than 10,000 rows. Split it."))
    known = _header_map()
    header = [known.get(h.strip().casefold(), "") for h in table[0]]
    missing = [c for c in ("name", "county_teryt") if c not in header]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(cols)s. Download the template to see them.")
            % {"cols": ", ".join(missing)}
        )
    return table, header


def import_parse(*, data: bytes, file_name: str) -> ImportPreview:
    table, header = _file_table(data)
    counties = {c.teryt: c for c in County.objects.in_region()}
    areas = {a.number: a for a in StrategyArea.objects.filter(part="detailed")}
    rows = []
    for index, values in enumerate(table[1:], start=2):
        raw = {key: (values[i] if i < len(values) else "") for i, key in enumerate(header) if key}
        rows.append(_validate_row(index, raw, counties, areas))
    _check_duplicates_in_file(rows)
    _match(rows)
    return ImportPreview(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        columns=[h for h in header if h],
        rows=rows,
    )


def _validate_row(
    number: int, raw: dict[str, str], counties: dict[str, County], areas: dict[int, StrategyArea]
) -> RowResult:
    row = RowResult(number=number, raw=raw)
    errors = row.errors
    data = row.data
    for name in TEXT_FIELDS:
        if name in raw:
            data[name] = raw[name]
    if not raw.get("name"):
        errors.append(("name", _("The name is required.")))
    if "kind" in raw:
        kind = _kind(raw["kind"])
        if kind is None:
            errors.append(("kind", _("Unknown kind of institution: “%(v)s”.") % {"v": raw["kind"]}))
        else:
            data["kind"] = kind
    teryt = raw.get("county_teryt", "").zfill(4) if raw.get("county_teryt") else ""
    if teryt not in counties:
        errors.append(
            (
                "county_teryt",
                _("“%(v)s” is not a county TERYT code of this region.")
                % {"v": raw.get("county_teryt", "")},
            )
        )
    else:
        data["county"] = counties[teryt]
    for name, validator in (
        ("nip", validate_nip),
        ("regon", validate_regon),
        ("krs", validate_krs),
    ):
        if name in raw:
            value = clean_digits(raw[name]) if raw[name] else ""
            try:
                validator(value)
            except ValidationError as exc:
                errors.append((name, " ".join(exc.messages)))
            data[name] = value
    if raw.get("postal_code") and not re.fullmatch(r"\d{2}-\d{3}", raw["postal_code"]):
        errors.append(("postal_code", _("A postal code looks like 65-001.")))
    if raw.get("website"):
        try:
            URLValidator()(raw["website"])
        except ValidationError:
            errors.append(("website", _("Enter a full address, e.g. https://example.org.")))
    if raw.get("email"):
        try:
            EmailValidator()(raw["email"])
        except ValidationError:
            errors.append(("email", _("Enter a valid e-mail address.")))
    if "listed_publicly" in raw:
        v = raw["listed_publicly"].strip().casefold()
        if v in YES:
            data["listed_publicly"] = True
        elif v in NO:
            data["listed_publicly"] = False
        else:
            errors.append(("listed_publicly", _("Write “tak” or “nie”.")))
    if "areas" in raw:
        chosen = []
        for part in re.split(r"[,;\s]+", raw["areas"].strip()):
            if not part:
                continue
            if not part.isdigit() or int(part) not in areas:
                errors.append(("areas", _("ZSU areas of impact are numbers 1–8, e.g. “1,4”.")))
                break
            chosen.append(areas[int(part)])
        row.areas = chosen
    if errors:
        row.status = "error"
    return row


def _check_duplicates_in_file(rows: list[RowResult]) -> None:
    for key in ("nip", "regon"):
        seen: dict[str, int] = {}
        for row in rows:
            value = row.data.get(key)
            if not value:
                continue
            if value in seen:
                row.errors.append(
                    (
                        key,
                        _("The same %(key)s as in row %(row)s.")
                        % {"key": key.upper(), "row": seen[value]},
                    )
                )
                row.status = "error"
            else:
                seen[value] = row.number


def _match(rows: list[RowResult]) -> None:
    """Find each row's institution, and what would change; in a fixed number of queries."""
    ids = {int(r.raw["id"]) for r in rows if r.raw.get("id", "").isdigit()}
    nips = {r.data["nip"] for r in rows if r.data.get("nip")}
    regons = {r.data["regon"] for r in rows if r.data.get("regon")}
    names = {fold(r.data["name"]) for r in rows if r.data.get("name")}
    candidates = (
        Institution.objects.filter(pk__in=ids)
        | Institution.objects.filter(nip__in=nips)
        | Institution.objects.filter(regon__in=regons)
        | Institution.objects.filter(name_folded__in=names)
    )
    candidates = candidates.select_related("county").prefetch_related("areas")
    by_id, by_nip, by_regon, by_name = {}, {}, {}, {}
    for inst in candidates:
        by_id[inst.pk] = inst
        if inst.nip:
            by_nip[inst.nip] = inst
        if inst.regon:
            by_regon[inst.regon] = inst
        by_name[(inst.name_folded, inst.county_id)] = inst
    for row in rows:
        if not row.ok:
            continue
        county = row.data.get("county")
        match = (
            (by_id.get(int(row.raw["id"])) if row.raw.get("id", "").isdigit() else None)
            or by_nip.get(row.data.get("nip") or "")
            or by_regon.get(row.data.get("regon") or "")
        )
        if match is None and county is not None:
            match = by_name.get((fold(row.data["name"]), county.pk))
        for key, index in (("nip", by_nip), ("regon", by_regon)):
            other = index.get(row.data.get(key) or "")
            if other is not None and match is not None and other.pk != match.pk:
                row.errors.append(
                    (
                        key,
                        _("This %(key)s belongs to another institution: %(name)s.")
                        % {"key": key.upper(), "name": other.name},
                    )
                )
        if row.errors:
            row.status = "error"
            continue
        row.match = match
        if match is None:
            row.data.setdefault("kind", InstitutionKind.OTHER)
            row.status = "new"
            continue
        fields = [f for f in [*row.data, *(["areas"] if row.areas is not None else [])]]
        current = snapshot(match, fields)
        wanted = {k: plain(v) for k, v in row.data.items()}
        if row.areas is not None:
            wanted["areas"] = plain([str(a) for a in row.areas])
        row.changes = [k for k in fields if current.get(k) != wanted.get(k)]
        row.status = "update" if row.changes else "unchanged"


# --- Writing ----------------------------------------------------------------------------------


@transaction.atomic
def institutions_import(*, preview: ImportPreview, actor: Any, only_valid: bool) -> ImportRun:
    """Write the valid rows of a parsed file, all or nothing, and record the run."""
    if preview.has_errors and not only_valid:
        raise ImportFileError(_("The file has errors."))
    run = ImportRun(
        file_name=preview.file_name[:255],
        file_sha256=preview.sha256,
        rows_total=len(preview.rows),
        actor=actor,
    )
    for row in preview.rows:
        if not row.ok:
            run.rows_skipped += 1
        elif row.status == "unchanged":
            run.rows_unchanged += 1
        elif row.match is None:
            services.institution_create(
                actor=actor, data=row.data, areas=row.areas or [], verb="institution_import"
            )
            run.rows_created += 1
        else:
            data = dict(row.data)
            if row.areas is not None:
                data["areas"] = row.areas
            services.institution_update(
                institution=row.match, actor=actor, data=data, verb="institution_import"
            )
            run.rows_updated += 1
    run.save()
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        obj=run,
        changes={
            "rows": [
                None,
                {
                    "created": run.rows_created,
                    "updated": run.rows_updated,
                    "unchanged": run.rows_unchanged,
                    "skipped": run.rows_skipped,
                },
            ]
        },
        verb="institutions_import",
    )
    return run


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "name",
            "short_name",
            "kind",
            "county_teryt",
            "city",
            "street",
            "postal_code",
            "nip",
            "regon",
            "krs",
            "website",
            "email",
            "phone",
            "areas",
            "listed_publicly",
        ]
    )
    writer.writerow(
        [
            "Fikcyjne Centrum Szkoleń Demo",
            "FCSD",
            "training_provider",
            "0862",
            "Zielona Góra",
            "ul. Przykładowa 1",
            "65-001",
            "1234563218",
            "",
            "",
            "https://example.org",
            "biuro@example.invalid",
            "",
            "4,6",
            "tak",
        ]
    )
    return "\ufeff" + out.getvalue()
