"""The ETL framework for labour-market files, and the three file kinds it reads: MZDiN counts
(MRPiPS-01), the MEN forecast and the school offer.

A file is read once into memory: its encoding detected (UTF-8 with or without BOM, else
Windows-1250, which Polish office software still writes), CSV with a sniffed delimiter or XLSX
(decided by content, not by name). Headers are matched case- and diacritic-insensitively;
unknown columns are ignored. EVERY row is validated with plain Python against lookups loaded
once, before anything is written; an error is ``{"row", "column", "reason"}`` with the row
numbered as a spreadsheet shows it (header = 1). Writing is the services' job
(``services_imports.py``): all or nothing, in one transaction.

Speed matters (800k MZDiN rows at ≥ 50,000 rows/s on SQLite): no ORM query or model instance
per row; the rows are tuples inserted with ``executemany``.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skillshub.core import filetypes
from skillshub.core.models import County
from skillshub.core.search.text import fold

from .choices import ForecastDemand, ImportKind
from .models import PERIOD_RE, Occupation, SchoolOccupation

MAX_BYTES = 200 * 1024 * 1024
MAX_STORED_ERRORS = 1000
XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file as a whole cannot be read; ``column`` names the missing column, if any."""

    def __init__(self, reason: str, column: str = "", row: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.column = column
        self.row = row

    def as_error(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


# --- Column specifications ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    help: Any
    aliases: tuple[str, ...] = ()
    required: bool = True
    example: str = ""


MZDIN_COLUMNS = [
    Column("kod_zawodu", gettext_lazy("6-digit KZiS 2023 occupation code"),
           ("kod", "kod_kzis", "kzis", "kod_zawodu_kzis"), example="722204"),
    Column("teryt", gettext_lazy("4-digit TERYT code of the county (or the column powiat)"),
           ("kod_teryt", "kod_powiatu"), required=False, example="0811"),
    Column("powiat", gettext_lazy("county name (if there is no teryt column)"),
           ("nazwa_powiatu",), required=False, example="żarski"),
    Column("okres", gettext_lazy("period: 2024-H1, 2024-H2 or 2024 (or chosen on the form)"),
           ("period", "polrocze", "rok"), required=False, example="2024-H1"),
    Column("O", gettext_lazy("job offers"), ("oferty", "oferty_pracy"), example="12"),
    Column("B", gettext_lazy("registered unemployed"), ("bezrobotni",), example="30"),
    Column("Bn", gettext_lazy("inflow of unemployed"), ("naplyw",), example="14"),
    Column("Bo", gettext_lazy("outflow of unemployed"), ("odplyw",), example="11"),
    Column("Bd", gettext_lazy("long-term unemployed"), ("dlugotrwale", "dlugotrwale_bezrobotni"),
           example="9"),
]  # fmt: skip
FORECAST_COLUMNS = [
    Column("rok", gettext_lazy("year of the forecast"), ("year",), example="2025"),
    Column("kod_zawodu", gettext_lazy("6-digit KZSB school occupation code"),
           ("kod", "kod_kzsb"), example="311204"),
    Column("zapotrzebowanie",
           gettext_lazy("demand: szczególne (national), znaczące or umiarkowane (region)"),
           ("demand", "rodzaj_zapotrzebowania"), example="znaczące"),
]  # fmt: skip
SUPPLY_COLUMNS = [
    Column("szkola", gettext_lazy("school name"), ("nazwa_szkoly", "school"),
           example="Zespół Szkół Technicznych w Żarach"),
    Column("kod_zawodu", gettext_lazy("6-digit KZSB school occupation code"),
           ("kod", "kod_kzsb"), example="311204"),
    Column("teryt", gettext_lazy("4-digit TERYT code of the county (or the column powiat)"),
           ("kod_teryt", "kod_powiatu"), required=False, example="0811"),
    Column("powiat", gettext_lazy("county name (if there is no teryt column)"),
           ("nazwa_powiatu",), required=False, example="żarski"),
    Column("rok", gettext_lazy("school year (its first calendar year, e.g. 2024 for 2024/25)"),
           ("rok_szkolny", "year"), example="2024"),
    Column("uczniowie", gettext_lazy("enrolment (optional)"), ("liczba_uczniow", "enrolment"),
           required=False, example="54"),
]  # fmt: skip
COLUMNS: dict[str, list[Column]] = {
    ImportKind.MZDIN: MZDIN_COLUMNS,
    ImportKind.MEN_FORECAST: FORECAST_COLUMNS,
    ImportKind.SCHOOL_SUPPLY: SUPPLY_COLUMNS,
}
DEMAND_ALIASES = {
    "szczegolne": ForecastDemand.NATIONAL_SPECIAL,
    "szczegolne zapotrzebowanie": ForecastDemand.NATIONAL_SPECIAL,
    "krajowe": ForecastDemand.NATIONAL_SPECIAL,
    "znaczace": ForecastDemand.REGIONAL_SIGNIFICANT,
    "znaczace zapotrzebowanie": ForecastDemand.REGIONAL_SIGNIFICANT,
    "umiarkowane": ForecastDemand.REGIONAL_MODERATE,
    "umiarkowane zapotrzebowanie": ForecastDemand.REGIONAL_MODERATE,
}


def template_csv(kind: str) -> str:
    """The headers and one example row, with a BOM so Excel opens it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    columns = [c for c in COLUMNS[kind] if c.name != "powiat"]
    writer.writerow([c.name for c in columns])
    writer.writerow([c.example for c in columns])
    return "\ufeff" + out.getvalue()


# --- Reading the file ----------------------------------------------------------------------------


def read_bytes(file: Any, max_bytes: int = MAX_BYTES) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImportFileError(
            _("The file is larger than %(size)d MB.") % {"size": max_bytes // (1024 * 1024)}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    return data


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Table:
    """A file's header (as written) and its rows: (spreadsheet row number, cells as text)."""

    encoding: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding name: UTF-8 (with or without BOM), else Windows-1250."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        # Polish Excel still saves "CSV" in Windows-1250.
        return data.decode("cp1250"), "cp1250"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is neither UTF-8 nor Windows-1250 text. Save it as “CSV UTF-8”.")
        ) from exc


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _csv_table(data: bytes) -> Table:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a CSV or XLSX file."))
    text, encoding = decode(data)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise ImportFileError(_("The file has no header row.")) from exc

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                yield number, cells
        except csv.Error as exc:
            raise ImportFileError(
                _("The CSV file cannot be read: %(reason)s") % {"reason": exc}, row=number + 1
            ) from exc

    return Table(encoding=encoding, header=header, rows=rows())


def xlsx_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_table(data: bytes) -> Table:
    from openpyxl import load_workbook

    # The whole sheet is read into memory below (no row cap: MZDiN files are long).
    if filetypes.zip_bomb(data):
        raise ImportFileError(_("The XLSX file unpacks to far more than its size: refused."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [xlsx_cell(v) for v in next(values, ())]
        # Read the whole sheet now: a damaged part surfaces here, as a file-level error.
        table = [[xlsx_cell(v) for v in row] for row in values]
        workbook.close()
    except Exception as exc:  # openpyxl and zipfile raise many kinds of error for a damaged file
        raise ImportFileError(_("The XLSX file cannot be read: is it damaged?")) from exc
    return Table(encoding="xlsx", header=header, rows=iter(enumerate(table, start=2)))


def read_table(data: bytes) -> Table:
    """Decide the format by content, not by file name."""
    if data.startswith(XLSX_MAGIC):
        return _xlsx_table(data)
    return _csv_table(data)


def header_key(value: str) -> str:
    return fold("_".join(value.strip().lstrip("\ufeff").split()))


def map_header(header: list[str], columns: list[Column]) -> dict[str, int]:
    """Column name → index. Case and diacritics do not matter; unknown columns are ignored."""
    lookup: dict[str, str] = {}
    for column in columns:
        for alias in (column.name, *column.aliases):
            lookup[header_key(alias)] = column.name
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        name = lookup.get(header_key(value))
        if name is not None and name not in found:
            found[name] = index
    for column in columns:
        if column.required and column.name not in found:
            raise ImportFileError(
                _("The column “%(column)s” is missing.") % {"column": column.name},
                column=column.name,
                row=1,
            )
    return found


# --- Collecting errors -------------------------------------------------------------------------


@dataclass
class Errors:
    """Every error is counted; the first ``MAX_STORED_ERRORS`` are kept for the report."""

    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def add(self, row: int | None, column: str, reason: str) -> None:
        self.total += 1
        if len(self.items) < MAX_STORED_ERRORS:
            self.items.append({"row": row, "column": column, "reason": reason})

    def as_list(self) -> list[dict[str, Any]]:
        if self.total > len(self.items):
            more = self.total - len(self.items)
            return [
                *self.items,
                {
                    "row": None,
                    "column": "",
                    "reason": _("… and %(count)d more errors.") % {"count": more},
                },
            ]
        return list(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class Parsed:
    """The validated rows of one file, ready to write, or its errors."""

    encoding: str = ""
    period: str = ""
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    rows_read: int = 0
    errors: Errors = field(default_factory=Errors)


def _cells(cells: list[str], width: int) -> list[str]:
    if len(cells) < width:
        cells = cells + [""] * (width - len(cells))
    return cells


def _counties() -> tuple[dict[str, int], dict[str, int]]:
    """TERYT → pk, and folded name/seat → pk, of the region's counties."""
    by_teryt: dict[str, int] = {}
    by_name: dict[str, int] = {}
    counties = list(County.objects.in_region())
    for county in counties:
        by_teryt[county.teryt] = county.pk
        by_name[fold(county.name)] = county.pk
        by_name[fold(str(county))] = county.pk
    for county in counties:
        seat = county.seat.split("(")[0].strip()
        if seat:
            by_name.setdefault(fold(seat), county.pk)
    return by_teryt, by_name


def _county_reader(found: dict[str, int], errors: Errors) -> Callable[[int, list[str]], int | None]:
    """A function (row number, cells) → county pk, or None after adding the row's error."""
    by_teryt, by_name = _counties()
    i_teryt, i_name = found.get("teryt"), found.get("powiat")

    def county(number: int, cells: list[str]) -> int | None:
        if i_teryt is not None and cells[i_teryt].strip():
            value = cells[i_teryt].strip()
            key = value.zfill(4) if value.isdigit() and len(value) == 3 else value
            pk = by_teryt.get(key)
            if pk is None:
                errors.add(
                    number,
                    "teryt",
                    _("Unknown TERYT code “%(value)s”: not a county of the region.")
                    % {"value": value},
                )
            return pk
        value = cells[i_name].strip() if i_name is not None else ""
        if not value:
            errors.add(number, "teryt" if i_teryt is not None else "powiat", _("Give the county."))
            return None
        pk = by_name.get(fold(" ".join(value.split())))
        if pk is None:
            errors.add(number, "powiat", _("Unknown county “%(value)s”.") % {"value": value})
        return pk

    return county


def _require_county_column(found: dict[str, int]) -> None:
    if "teryt" not in found and "powiat" not in found:
        raise ImportFileError(
            _("The column “%(column)s” is missing.") % {"column": "teryt"}, column="teryt", row=1
        )


def _count(number: int, column: str, value: str, errors: Errors) -> int | None:
    value = value.strip()
    if value.isdecimal():
        return int(value)
    if not value:
        errors.add(number, column, _("The count is missing."))
    elif value.startswith("-") and value[1:].strip().replace(",", "").replace(".", "").isdecimal():
        errors.add(number, column, _("A count cannot be negative (%(value)s).") % {"value": value})
    else:
        errors.add(number, column, _("“%(value)s” is not a whole number.") % {"value": value})
    return None


def _one_period(
    number: int, value: str, column: str, state: dict[str, str], errors: Errors
) -> str | None:
    """The file's one period: the form's, else the first row's; a different one is an error."""
    expected = state.get("period", "")
    if not expected:
        state["period"] = value
        return value
    if value != expected:
        if state.get("from_form"):
            reason = _("The period %(value)s does not match the period chosen, %(period)s.")
        else:
            reason = _(
                "One file holds one period: %(value)s differs from %(period)s in the first row."
            )
        errors.add(number, column, reason % {"value": value, "period": expected})
        return None
    return value


def _start(data: bytes, kind: str, parsed: Parsed) -> tuple[Table, dict[str, int], int] | None:
    try:
        table = read_table(data)
        found = map_header(table.header, COLUMNS[kind])
        if kind != ImportKind.MEN_FORECAST:
            _require_county_column(found)
    except ImportFileError as exc:
        parsed.errors.add(exc.row, exc.column, exc.reason)
        return None
    parsed.encoding = table.encoding
    return table, found, len(table.header)


def _drain(
    parsed: Parsed, rows: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    """Rows that are not empty, counted; a CSV broken midway becomes an error."""
    try:
        for number, cells in rows:
            if any(cells):
                parsed.rows_read += 1
                yield number, cells
    except ImportFileError as exc:
        parsed.errors.add(exc.row, exc.column, exc.reason)


# --- MZDiN (MRPiPS-01) -------------------------------------------------------------------------


def _mzdin_row_check(
    number: int,
    cells: list[str],
    codes: set[str],
    county: Callable[[int, list[str]], int | None],
    i_code: int,
    i_period: int | None,
    counts: list[tuple[int, str]],
    period: str,
    state: dict[str, str],
    errors: Errors,
) -> tuple[Any, ...] | None:
    """The full check of one row: every error it has, or the row's values."""
    before = errors.total
    code = cells[i_code].strip()
    if code not in codes:
        if len(code) != 6 or not code.isdigit():
            errors.add(
                number,
                "kod_zawodu",
                _("“%(value)s” is not a 6-digit KZiS occupation code.") % {"value": code},
            )
        else:
            errors.add(number, "kod_zawodu", _("Unknown KZiS code “%(value)s”.") % {"value": code})
    county_pk = county(number, cells)
    row_period: str | None = period
    if i_period is not None:
        value = cells[i_period].strip().upper()
        if not PERIOD_RE.match(value):
            errors.add(
                number,
                "okres",
                _("“%(value)s” is not a period (2024 or 2024-H1).") % {"value": value},
            )
            row_period = None
        else:
            row_period = _one_period(number, value, "okres", state, errors)
    values = [_count(number, name, cells[index], errors) for index, name in counts]
    if errors.total != before or county_pk is None or row_period is None:
        return None
    return (code, county_pk, row_period, *values)


def mzdin_parse(data: bytes, *, period: str = "") -> Parsed:
    """Validate an MZDiN file. Rows: (occupation code, county pk, period, O, B, Bn, Bo, Bd)."""
    parsed = Parsed()
    started = _start(data, ImportKind.MZDIN, parsed)
    if started is None:
        return parsed
    table, found, width = started
    errors = parsed.errors
    if "okres" not in found and not period:
        errors.add(1, "okres", _("The file has no column “okres”: choose the period on the form."))
        return parsed
    codes = set(Occupation.objects.filter(level=6).values_list("code", flat=True))
    county = _county_reader(found, errors)
    i_code = found["kod_zawodu"]
    i_period = found.get("okres")
    counts = [(found[name], name) for name in ("O", "B", "Bn", "Bo", "Bd")]
    state = {"period": period, "from_form": "1" if period else ""}
    seen: dict[tuple[str, int, str], int] = {}
    rows = parsed.rows
    # The fast path: a row whose cells are all plainly right costs a few dict lookups. Any
    # doubt sends the row through the full check below, which names each error.
    by_teryt = _counties()[0] if "teryt" in found else {}
    i_teryt = found.get("teryt", -1)
    i_o, i_b, i_bn, i_bo, i_bd = (index for index, _name in counts)
    for number, cells in _drain(parsed, table.rows):
        if len(cells) < width:
            cells = _cells(cells, width)
        code = cells[i_code]
        county_pk = by_teryt.get(cells[i_teryt]) if i_teryt >= 0 else None
        row_period = cells[i_period] if i_period is not None else period
        o, b, bn, bo, bd = cells[i_o], cells[i_b], cells[i_bn], cells[i_bo], cells[i_bd]
        if (
            county_pk is not None
            and code in codes
            and row_period == state["period"]
            and o.isdecimal()
            and b.isdecimal()
            and bn.isdecimal()
            and bo.isdecimal()
            and bd.isdecimal()
        ):
            key = (code, county_pk, row_period)
            if key not in seen:
                seen[key] = number
                rows.append(
                    (code, county_pk, row_period, int(o), int(b), int(bn), int(bo), int(bd))
                )
                continue
        checked = _mzdin_row_check(
            number, cells, codes, county, i_code, i_period, counts, period, state, errors
        )
        if checked is None:
            continue
        key = (checked[0], checked[1], checked[2])
        first = seen.get(key)
        if first is not None:
            errors.add(
                number,
                "kod_zawodu",
                _("Duplicated row: this occupation, county and period are already in row %(row)d.")
                % {"row": first},
            )
            continue
        seen[key] = number
        rows.append(checked)
    parsed.period = state["period"]
    if not errors and not rows:
        errors.add(None, "", _("The file has no rows of counts."))
    return parsed


# --- The MEN forecast --------------------------------------------------------------------------


def _year(number: int, column: str, value: str, errors: Errors) -> int | None:
    value = value.strip()
    if len(value) == 4 and value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    errors.add(number, column, _("“%(value)s” is not a year.") % {"value": value})
    return None


def _school_codes() -> dict[str, int]:
    return dict(SchoolOccupation.objects.values_list("code", "pk"))


def _demand_lookup() -> dict[str, str]:
    from django.utils import translation

    known: dict[str, str] = {fold(k): str(v) for k, v in DEMAND_ALIASES.items()}
    for value, label in ForecastDemand.choices:
        known[fold(value)] = value
        for language in ("en", "pl"):
            with translation.override(language):
                known[fold(str(label))] = value
    return known


def _school_code(number: int, value: str, codes: dict[str, int], errors: Errors) -> int | None:
    pk = codes.get(value)
    if pk is None:
        errors.add(
            number,
            "kod_zawodu",
            _("Unknown KZSB school occupation code “%(value)s”.") % {"value": value},
        )
    return pk


def forecast_parse(data: bytes, *, year: int | None = None) -> Parsed:
    """Validate a MEN forecast file. Rows: (year, school occupation pk, demand)."""
    parsed = Parsed()
    started = _start(data, ImportKind.MEN_FORECAST, parsed)
    if started is None:
        return parsed
    table, found, width = started
    errors = parsed.errors
    codes = _school_codes()
    demands = _demand_lookup()
    state = {"period": str(year) if year else "", "from_form": "1" if year else ""}
    seen: dict[tuple[int, str], int] = {}
    for number, cells in _drain(parsed, table.rows):
        cells = _cells(cells, width)
        before = errors.total
        row_year = _year(number, "rok", cells[found["rok"]], errors)
        if (
            row_year is not None
            and _one_period(number, str(row_year), "rok", state, errors) is None
        ):
            row_year = None
        pk = _school_code(number, cells[found["kod_zawodu"]].strip(), codes, errors)
        raw = cells[found["zapotrzebowanie"]]
        demand = demands.get(fold(" ".join(raw.split())))
        if demand is None:
            errors.add(
                number,
                "zapotrzebowanie",
                _("Unknown demand “%(value)s”: szczególne, znaczące or umiarkowane.")
                % {"value": raw},
            )
        if errors.total != before or pk is None or row_year is None or demand is None:
            continue
        first = seen.get((pk, demand))
        if first is not None:
            errors.add(
                number,
                "kod_zawodu",
                _("Duplicated row: the same occupation and demand are already in row %(row)d.")
                % {"row": first},
            )
            continue
        seen[(pk, demand)] = number
        parsed.rows.append((row_year, pk, demand))
    parsed.period = state["period"]
    if not errors and not parsed.rows:
        errors.add(None, "", _("The file has no rows."))
    return parsed


# --- The school offer --------------------------------------------------------------------------


def supply_parse(data: bytes, *, year: int | None = None) -> Parsed:
    """Validate a school-offer file. Rows: (school, school occupation pk, county pk, year,
    enrolment or None)."""
    parsed = Parsed()
    started = _start(data, ImportKind.SCHOOL_SUPPLY, parsed)
    if started is None:
        return parsed
    table, found, width = started
    errors = parsed.errors
    codes = _school_codes()
    county = _county_reader(found, errors)
    i_enrolment = found.get("uczniowie")
    state = {"period": str(year) if year else "", "from_form": "1" if year else ""}
    seen: dict[tuple[str, int, int], int] = {}
    for number, cells in _drain(parsed, table.rows):
        cells = _cells(cells, width)
        before = errors.total
        school = " ".join(cells[found["szkola"]].split())
        if not school:
            errors.add(number, "szkola", _("Give the school's name."))
        elif len(school) > 300:
            errors.add(number, "szkola", _("A school's name has at most 300 characters."))
        pk = _school_code(number, cells[found["kod_zawodu"]].strip(), codes, errors)
        county_pk = county(number, cells)
        row_year = _year(number, "rok", cells[found["rok"]], errors)
        if (
            row_year is not None
            and _one_period(number, str(row_year), "rok", state, errors) is None
        ):
            row_year = None
        enrolment: int | None = None
        if i_enrolment is not None and cells[i_enrolment].strip():
            enrolment = _count(number, "uczniowie", cells[i_enrolment], errors)
        if errors.total != before or pk is None or county_pk is None or row_year is None:
            continue
        key = (fold(school), pk, county_pk)
        first = seen.get(key)
        if first is not None:
            errors.add(
                number,
                "szkola",
                _("Duplicated row: this school, occupation and county are already in row %(row)d.")
                % {"row": first},
            )
            continue
        seen[key] = number
        parsed.rows.append((school, pk, county_pk, row_year, enrolment))
    parsed.period = state["period"]
    if not errors and not parsed.rows:
        errors.add(None, "", _("The file has no rows."))
    return parsed


PARSERS: dict[str, Callable[..., Parsed]] = {
    ImportKind.MZDIN: mzdin_parse,
    ImportKind.MEN_FORECAST: forecast_parse,
    ImportKind.SCHOOL_SUPPLY: supply_parse,
}
SAFE_NAME_RE = re.compile(r"[^\w.\- ]+")


def source_name(file: Any) -> str:
    name = str(getattr(file, "name", "") or "upload")
    return SAFE_NAME_RE.sub("_", name.rsplit("/", 1)[-1])[:255]
