"""Reading an import of learning offers from CSV (UTF-8 or cp1250, `;` or `,`) or XLSX.

``plan`` reads the file and validates EVERY row before anything is written; it returns the
planned creates and updates, or the errors (row, column, reason). ``services.offer_import``
writes the plan in one transaction. Rows are matched by (provider, ``klucz``), the provider's
own key, which is what makes a re-import idempotent: a row without a key is refused.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skillshub.accounts.rules import is_office_staff
from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.core.search.text import fold
from skillshub.core.services import plain
from skillshub.stakeholders.models import Institution
from skillshub.stakeholders.rules import represented_institution_id

from .choices import OfferKind, OfferStatus
from .models import LearningOffer

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
XLSX_MAGIC = b"PK\x03\x04"

# (column, what it holds): shown on the import page and written into the template CSV.
COLUMNS: list[tuple[str, Any]] = [
    ("klucz", gettext_lazy("your own identifier of the offer (required; re-importing it updates)")),
    ("rodzaj", gettext_lazy("kind: zawód szkolny, KKZ, kurs, studia or inne (or the code)")),
    ("tytul", gettext_lazy("title (required)")),
    ("instytucja_nip", gettext_lazy("provider's NIP (office staff only)")),
    ("instytucja", gettext_lazy("provider's name, if no NIP (office staff only)")),
    ("powiat", gettext_lazy("county: 4-digit TERYT code or name (required unless online)")),
    ("miejsce", gettext_lazy("place: town, address")),
    ("online", gettext_lazy("tak / nie")),
    ("od", gettext_lazy("starts on: YYYY-MM-DD or DD.MM.YYYY")),
    ("do", gettext_lazy("ends on: YYYY-MM-DD or DD.MM.YYYY")),
    ("bezplatne", gettext_lazy("free of charge: tak / nie")),
    ("cena", gettext_lazy("price in PLN, if paid")),
    ("grupy", gettext_lazy("target groups: codes or names separated by |")),
    ("obszar", gettext_lazy("ZSU 2030 area of impact: a number 1–8")),
    ("kody", gettext_lazy("six-digit occupation or qualification codes, separated by commas")),
    ("opis", gettext_lazy("description (required)")),
    ("link", gettext_lazy("address of the offer's page")),
]
REQUIRED = ["klucz", "rodzaj", "tytul", "opis"]
EXAMPLE = [
    "KURS-2025-01", "kurs", "Spawacz MAG 135", "", "", "0811", "Żary, ul. Szkolna 1", "nie",
    "2025-09-01", "2025-12-19", "nie", "1200,00", "adults|50plus", "3", "722204",
    "Kurs spawania metodą MAG z egzaminem.", "https://example.invalid/kurs",
]  # fmt: skip

# Which column reports a model field's error.
FIELD_COLUMNS = {
    "source_key": "klucz", "kind": "rodzaj", "title": "tytul", "provider": "instytucja_nip",
    "county": "powiat", "place": "miejsce", "is_online": "online", "starts_on": "od",
    "ends_on": "do", "is_free": "bezplatne", "price": "cena", "target_groups": "grupy",
    "area": "obszar", "occupation_codes": "kody", "description": "opis", "url": "link",
}  # fmt: skip
COMPARED = [
    "kind", "title", "county_id", "place", "is_online", "starts_on", "ends_on", "is_free",
    "price", "area_id", "occupation_codes", "description", "url",
]  # fmt: skip
HEADER_ALIASES = {
    "tytuł": "tytul", "klucz_zrodlowy": "klucz", "nip": "instytucja_nip", "opis_oferty": "opis",
    "bezpłatne": "bezplatne", "grupy_docelowe": "grupy", "kody_zawodow": "kody", "www": "link",
}  # fmt: skip
KIND_ALIASES = {
    "zawod": OfferKind.SCHOOL_OCCUPATION, "zawod szkolny": OfferKind.SCHOOL_OCCUPATION,
    "szkola": OfferKind.SCHOOL_OCCUPATION, "kzsb": OfferKind.SCHOOL_OCCUPATION,
    "kkz": OfferKind.QUALIFICATION_COURSE,
    "kwalifikacyjny kurs zawodowy": OfferKind.QUALIFICATION_COURSE,
    "kurs": OfferKind.COURSE, "szkolenie": OfferKind.COURSE, "kurs lub szkolenie": OfferKind.COURSE,
    "studia": OfferKind.STUDIES, "studia podyplomowe": OfferKind.STUDIES, "inne": OfferKind.OTHER,
}  # fmt: skip
YES = {"tak", "t", "yes", "y", "1", "true", "prawda", "x"}
NO = {"nie", "n", "no", "0", "false", "falsz", ""}


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class RowError:
    row: int | None  # the row number a spreadsheet shows (header = 1); None: the whole file
    column: str
    message: str


@dataclass
class PlannedRow:
    number: int
    offer: LearningOffer
    target_groups: list[TargetGroup]
    action: str  # create | update | unchanged
    changes: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class ImportReport:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def template_csv() -> str:
    """The template a provider fills in: the headers and one example row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([name for name, _help in COLUMNS])
    writer.writerow(EXAMPLE)
    return "\ufeff" + out.getvalue()


# --- Reading the file -------------------------------------------------------------------------


def _read_bytes(file: Any) -> bytes:
    if isinstance(file, bytes):
        data = file
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_BYTES:
            raise ImportFileError(_("The file is larger than 10 MB."))
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB."))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    return bytes(data)


def _xlsx_table(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = [list(values) for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
        workbook.close()
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged file
        raise ImportFileError(_("The XLSX file cannot be read: is it damaged?")) from exc
    return table


def _csv_table(data: bytes) -> list[list[Any]]:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a CSV or XLSX file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Polish Excel saves "CSV" in Windows-1250.
            text = data.decode("cp1250")
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("The CSV file is neither UTF-8 nor Windows-1250. Save it as “CSV UTF-8”.")
            ) from exc
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=";,").delimiter
    except csv.Error:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file cannot be read: %(reason)s") % {"reason": exc}
        ) from exc


def read_table(data: bytes) -> list[list[Any]]:
    """Decide the format by content, not by file name."""
    if data.startswith(XLSX_MAGIC):
        return _xlsx_table(data)
    return _csv_table(data)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_key(value: Any) -> str:
    key = "_".join(_cell(value).casefold().split())
    key = HEADER_ALIASES.get(key, key)
    return fold(key)


# --- Values -----------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column = column
        self.message = message


def _kind_lookup() -> dict[str, str]:
    known: dict[str, str] = {fold(key): str(value) for key, value in KIND_ALIASES.items()}
    for value, label in OfferKind.choices:
        known[fold(value)] = value
        for language in ("en", "pl"):
            with translation.override(language):
                known[fold(str(label))] = value
    return known


def _yes_no(column: str, value: str, default: bool | None = None) -> bool | None:
    folded = fold(value)
    if folded in YES:
        return True
    if not folded:
        return default
    if folded in NO:
        return False
    raise _Bad(column, _("Write “tak” or “nie”, not “%(value)s”.") % {"value": value})


def _date(column: str, value: str) -> datetime.date | None:
    if not value:
        return None
    value = value.split(" ")[0]
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise _Bad(
        column, _("“%(value)s” is not a date (YYYY-MM-DD or DD.MM.YYYY).") % {"value": value}
    )


def _price(value: str) -> decimal.Decimal | None:
    if not value:
        return None
    cleaned = re.sub(r"(?i)\s|zł|pln|\u00a0", "", value).replace(",", ".")
    try:
        price = decimal.Decimal(cleaned)
    except decimal.InvalidOperation:
        raise _Bad("cena", _("“%(value)s” is not an amount.") % {"value": value}) from None
    if not price.is_finite():
        raise _Bad("cena", _("“%(value)s” is not an amount.") % {"value": value})
    if price < 0:
        raise _Bad("cena", _("A price cannot be negative."))
    return price.quantize(decimal.Decimal("0.01"))


@dataclass
class _Lookups:
    kinds: dict[str, str]
    counties: dict[str, County]
    groups: dict[str, TargetGroup]
    areas: dict[str, StrategyArea]

    @classmethod
    def load(cls) -> _Lookups:
        counties: dict[str, County] = {}
        in_region = list(County.objects.in_region())
        for county in in_region:
            counties[county.teryt] = county
            counties[fold(county.name)] = county
            counties[fold(str(county))] = county
        for county in in_region:
            # A county's seat ("Żary" for powiat żarski), unless a city county has that name.
            seat = county.seat.split("(")[0].strip()
            if seat:
                counties.setdefault(fold(seat), county)
        groups: dict[str, TargetGroup] = {}
        for group in TargetGroup.objects.all():
            groups[fold(group.code)] = group
            groups[fold(group.name)] = group
        areas = {str(a.number): a for a in StrategyArea.objects.filter(part="detailed")}
        return cls(kinds=_kind_lookup(), counties=counties, groups=groups, areas=areas)


# --- Planning ---------------------------------------------------------------------------------


def _providers(
    actor: Any, rows: list[dict[str, str]], provider: Institution | None
) -> tuple[dict[str, Institution], dict[str, Institution], Institution | None]:
    """Institutions the rows name: by NIP and by folded name (staff), or the actor's own."""
    if not is_office_staff(actor):
        own_id = represented_institution_id(actor)
        own = Institution.objects.filter(pk=own_id).first() if own_id else None
        return {}, {}, own
    nips = {re.sub(r"\D", "", r.get("instytucja_nip", "")) for r in rows} - {""}
    names = {" ".join(r.get("instytucja", "").casefold().split()) for r in rows} - {""}
    by_nip = {i.nip: i for i in Institution.objects.filter(nip__in=nips)} if nips else {}
    by_name = (
        {i.name_folded: i for i in Institution.objects.filter(name_folded__in=names)}
        if names
        else {}
    )
    return by_nip, by_name, provider


def _row_provider(
    actor: Any,
    raw: dict[str, str],
    by_nip: dict[str, Institution],
    by_name: dict[str, Institution],
    default: Institution | None,
) -> Institution:
    if not is_office_staff(actor):
        if default is None:
            raise _Bad("instytucja", _("You do not represent a provider."))
        given = raw.get("instytucja_nip", "") or raw.get("instytucja", "")
        nip = re.sub(r"\D", "", raw.get("instytucja_nip", ""))
        if given and nip != default.nip and fold(raw.get("instytucja", "")) != fold(default.name):
            raise _Bad("instytucja_nip", _("You can import offers only for your own institution."))
        return default
    nip = re.sub(r"\D", "", raw.get("instytucja_nip", ""))
    if nip:
        if nip not in by_nip:
            raise _Bad("instytucja_nip", _("No institution has the NIP %(nip)s.") % {"nip": nip})
        return by_nip[nip]
    name = " ".join(raw.get("instytucja", "").casefold().split())
    if name:
        if name not in by_name:
            raise _Bad("instytucja", _("No institution is called “%(name)s”.") % {"name": name})
        return by_name[name]
    if default is None:
        raise _Bad("instytucja_nip", _("Give the provider's NIP or name, or choose a provider."))
    return default


def _values(raw: dict[str, str], lookups: _Lookups, errors: list[_Bad]) -> dict[str, Any]:
    """The row's cells as model values; each unreadable cell adds an error."""
    data: dict[str, Any] = {}

    def read(name: str, func: Any) -> None:
        try:
            data[name] = func()
        except _Bad as bad:
            errors.append(bad)

    def kind() -> str:
        value = raw.get("rodzaj", "")
        found = lookups.kinds.get(fold(value))
        if found is None:
            raise _Bad("rodzaj", _("Unknown kind “%(value)s”.") % {"value": value})
        return found

    def county() -> County | None:
        value = raw.get("powiat", "")
        if not value:
            return None
        key = value.zfill(4) if value.isdigit() else fold(" ".join(value.split()))
        if key not in lookups.counties:
            raise _Bad("powiat", _("Unknown county “%(value)s”.") % {"value": value})
        return lookups.counties[key]

    def groups() -> list[TargetGroup]:
        found = []
        for part in raw.get("grupy", "").split("|"):
            if not part.strip():
                continue
            group = lookups.groups.get(fold(" ".join(part.split())))
            if group is None:
                raise _Bad("grupy", _("Unknown target group “%(value)s”.") % {"value": part})
            found.append(group)
        return found

    def area() -> StrategyArea | None:
        value = raw.get("obszar", "")
        if not value:
            return None
        if value not in lookups.areas:
            raise _Bad("obszar", _("The ZSU area of impact is a number from 1 to 8."))
        return lookups.areas[value]

    read("kind", kind)
    data["title"] = raw.get("tytul", "")
    read("county", county)
    data["place"] = raw.get("miejsce", "")
    read("is_online", lambda: _yes_no("online", raw.get("online", ""), False))
    read("starts_on", lambda: _date("od", raw.get("od", "")))
    read("ends_on", lambda: _date("do", raw.get("do", "")))
    read("price", lambda: _price(raw.get("cena", "")))
    read("is_free", lambda: _yes_no("bezplatne", raw.get("bezplatne", ""), None))
    read("target_groups", groups)
    read("area", area)
    data["occupation_codes"] = raw.get("kody", "")
    data["description"] = raw.get("opis", "")
    data["url"] = raw.get("link", "")
    return data


def _rules(data: dict[str, Any]) -> list[_Bad]:
    """The model's check constraints, said per column (instead of one query per row each)."""
    bad: list[_Bad] = []
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        bad.append(_Bad("do", _("An offer cannot end before it starts.")))
    if "county" in data and data.get("county") is None and data.get("is_online") is False:
        bad.append(_Bad("powiat", _("Give the county, or mark the offer as online.")))
    if data.get("is_free") and data.get("price"):
        bad.append(_Bad("cena", _("A free offer has no price.")))
    if data.get("is_free") is False and data.get("price") is None and "price" in data:
        bad.append(_Bad("cena", _("A paid offer needs a price.")))
    return bad


def _compare(offer: LearningOffer) -> dict[str, Any]:
    return {name: plain(getattr(offer, name)) for name in COMPARED}


def plan(*, actor: Any, file: Any, provider: Institution | None = None) -> ImportReport:
    """Read and validate every row; nothing is written here."""
    report = ImportReport()
    try:
        table = read_table(_read_bytes(file))
    except ImportFileError as exc:
        report.errors.append(RowError(None, "", str(exc)))
        return report
    while table and not any(_cell(v) for v in table[0]):
        table.pop(0)
    if not table:
        report.errors.append(RowError(None, "", _("The file is empty.")))
        return report
    header = [_header_key(v) for v in table[0]]
    known = {name for name, _help in COLUMNS}
    for name in REQUIRED:
        if name not in header:
            report.errors.append(RowError(1, name, _("This column is missing.")))
    if "powiat" not in header and "online" not in header:
        report.errors.append(RowError(1, "powiat", _("This column is missing.")))
    if report.errors:
        return report
    rows: list[tuple[int, dict[str, str]]] = []
    for index, values in enumerate(table[1:], start=2):
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        raw = {
            name: cells[i] if i < len(cells) else ""
            for i, name in enumerate(header)
            if name in known
        }
        rows.append((index, raw))
    if len(rows) > MAX_ROWS:
        report.errors.append(
            RowError(None, "", _("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
        )
        return report
    if not rows:
        report.errors.append(RowError(None, "", _("The file has no rows of offers.")))
        return report

    lookups = _Lookups.load()
    by_nip, by_name, default = _providers(actor, [raw for _n, raw in rows], provider)
    staff = is_office_staff(actor)
    resolved: list[tuple[int, dict[str, str], Institution | None]] = []
    for number, raw in rows:
        try:
            resolved.append((number, raw, _row_provider(actor, raw, by_nip, by_name, default)))
        except _Bad as bad:
            report.errors.append(RowError(number, bad.column, bad.message))
            resolved.append((number, raw, None))
    provider_ids = {p.pk for _n, _r, p in resolved if p is not None}
    keys = {raw.get("klucz", "") for _n, raw, _p in resolved} - {""}
    existing = {
        (o.provider_id, o.source_key): o
        for o in LearningOffer.objects.filter(provider_id__in=provider_ids, source_key__in=keys)
        .select_related("provider", "county", "area")
        .prefetch_related("target_groups")
    }
    seen: dict[tuple[int, str], int] = {}
    for number, raw, row_provider in resolved:
        errors: list[_Bad] = []
        key = raw.get("klucz", "")
        if not key:
            errors.append(_Bad("klucz", _("Every row needs a key: it makes a re-import safe.")))
        elif len(key) > 100:
            errors.append(_Bad("klucz", _("A key has at most 100 characters.")))
        data = _values(raw, lookups, errors)
        errors.extend(_rules(data))
        if row_provider is not None and key:
            ident = (row_provider.pk, key)
            if ident in seen:
                errors.append(
                    _Bad("klucz", _("The key is repeated (row %(row)d).") % {"row": seen[ident]})
                )
            seen.setdefault(ident, number)
        offer = existing.get((row_provider.pk, key)) if row_provider is not None else None
        if offer is not None and not staff and offer.status == OfferStatus.ARCHIVED:
            errors.append(_Bad("klucz", _("This offer is archived; it cannot be changed.")))
        if row_provider is None or errors:
            report.errors.extend(RowError(number, b.column, b.message) for b in errors)
            continue
        groups = data.pop("target_groups")
        if data["is_free"] is None:
            data["is_free"] = data["price"] is None
        if data["is_free"]:
            data["price"] = None
        before = _compare(offer) if offer is not None else None
        before_groups = sorted(g.pk for g in offer.target_groups.all()) if offer else []
        if offer is None:
            offer = LearningOffer(provider=row_provider, source_key=key)
        for name, value in data.items():
            setattr(offer, name, value)
        try:
            # The constraints were checked above per column; the key's uniqueness too.
            offer.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = FIELD_COLUMNS.get(name, name)
                report.errors.extend(RowError(number, column, m) for m in messages)
            continue
        if before is None:
            report.rows.append(PlannedRow(number, offer, groups, "create"))
            continue
        after = _compare(offer)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        after_groups = sorted(g.pk for g in groups)
        if after_groups != before_groups:
            changes["target_groups"] = [
                sorted(str(g) for g in offer.target_groups.all()),
                sorted(str(g) for g in groups),
            ]
        action = "update" if changes else "unchanged"
        report.rows.append(PlannedRow(number, offer, groups, action, changes))
    if report.errors:
        report.rows = []
        report.errors.sort(key=lambda e: (e.row or 0, e.column))
    return report
