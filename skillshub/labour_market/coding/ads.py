"""Reading a file of online job ads: CSV (UTF-8 or Windows-1250), XLSX or JSON lines, one ad
per row, with a title, a description, and optionally the employer, the place, the date and the
source address.

Every row is validated before anything is written (``labour_market.imports`` conventions:
``{"row", "column", "reason"}``, rows numbered as a spreadsheet shows them). The place is mapped
to a county of the region where it can be: a county's name or seat, or a gmina name from the
TERC register; a place elsewhere in Poland or one that names several counties stays unmapped,
and the ad still counts for the region as a whole.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skillshub.core.models import Commune, County
from skillshub.core.search.text import fold

from .. import imports
from ..imports import Column, Errors, ImportFileError

MAX_BYTES = 100 * 1024 * 1024
MAX_ROWS = 200_000
TITLE_MAX = 300
# The classifier reads far less; the stored text keeps enough for a person reviewing it.
DESCRIPTION_MAX = 20_000
FIELD_MAX = {"employer": 300, "place": 200}

COLUMNS = [
    Column("tytul", gettext_lazy("job title"), ("title", "stanowisko", "nazwa_stanowiska"),
           example="Spawacz MIG/MAG"),
    Column("opis", gettext_lazy("description (may be long; markup is removed)"),
           ("description", "tresc", "opis_oferty"), required=False,
           example="Spawanie konstrukcji stalowych metodą MIG/MAG, praca w Żarach."),
    Column("pracodawca", gettext_lazy("employer (optional)"), ("employer", "firma"),
           required=False, example="Przedsiębiorstwo Demo sp. z o.o."),
    Column("miejsce", gettext_lazy("place: town, gmina or county"),
           ("place", "miejscowosc", "lokalizacja", "location", "region"), required=False,
           example="Żary"),
    Column("data", gettext_lazy("date of publication: 2026-10-31 or 31.10.2026"),
           ("date", "data_publikacji", "published"), required=False, example="2026-10-31"),
    Column("url", gettext_lazy("address of the ad (optional)"),
           ("source_url", "link", "adres", "zrodlo"), required=False,
           example="https://example.org/oferta/1"),
]  # fmt: skip
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%d/%m/%Y")
PLACE_SPLIT = re.compile(r"[,;()/|]+")
PLACE_NOISE = re.compile(r"^(?:gmina|gm|miasto|m|powiat|pow|woj|wojewodztwo)\s+")


@dataclass
class AdRow:
    row: int
    title: str
    description: str
    employer: str
    place: str
    county_id: int | None
    published_on: datetime.date | None
    source_url: str


@dataclass
class ParsedAds:
    encoding: str = ""
    rows: list[AdRow] = field(default_factory=list)
    rows_read: int = 0
    duplicates: int = 0
    errors: Errors = field(default_factory=Errors)


class PlaceResolver:
    """Place text → county pk, from the region's county and gmina names (and the counties'
    seats). A name shared by gminas of two counties is ambiguous and maps to nothing."""

    def __init__(self) -> None:
        candidates: dict[str, set[int]] = {}

        def add(name: str, county_id: int) -> None:
            key = fold(name)
            if key:
                candidates.setdefault(key, set()).add(county_id)

        counties = list(County.objects.in_region())
        for county in counties:
            add(county.name, county.pk)
            add(str(county), county.pk)
        region = {c.pk for c in counties}
        for name, county_id in Commune.objects.filter(county_id__in=region).values_list(
            "name", "county_id"
        ):
            add(name, county_id)
        # A seat only where no county or gmina has the name: the seat of powiat gorzowski is
        # Gorzów Wielkopolski, which is a county of its own.
        for county in counties:
            seat = fold(county.seat.split("(")[0].strip())
            if seat and seat not in candidates:
                candidates[seat] = {county.pk}
        # "Gorzów Wlkp." is how the city writes itself more often than not.
        for key in [k for k in candidates if k.endswith(" wielkopolski")]:
            candidates.setdefault(key.replace(" wielkopolski", " wlkp"), set()).update(
                candidates[key]
            )
        self._lookup = {key: ids.pop() for key, ids in candidates.items() if len(ids) == 1}

    def resolve(self, place: str) -> int | None:
        if not place:
            return None
        parts = [fold(p).strip(" .") for p in PLACE_SPLIT.split(place)]
        for part in parts:
            part = PLACE_NOISE.sub("", part).strip(" .")
            if part in self._lookup:
                return self._lookup[part]
        return None


def _date(value: str) -> datetime.date | None:
    value = value.strip()
    if "T" in value[:11] or " " in value[:11]:
        value = value[:10]  # an ISO timestamp: the day is enough
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


_url = URLValidator(schemes=["http", "https"])


def _jsonl_table(data: bytes) -> imports.Table:
    text, encoding = imports.decode(data)
    names = [c.name for c in COLUMNS]
    lookup = {imports.header_key(a): c.name for c in COLUMNS for a in (c.name, *c.aliases)}

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise ImportFileError(
                    _("Line %(line)d is not valid JSON.") % {"line": number}, row=number
                ) from exc
            if not isinstance(item, dict):
                raise ImportFileError(
                    _("Line %(line)d is not a JSON object.") % {"line": number}, row=number
                )
            cells = {lookup.get(imports.header_key(str(k))): v for k, v in item.items()}
            yield number, ["" if cells.get(n) is None else str(cells.get(n)).strip() for n in names]

    return imports.Table(encoding=f"jsonl/{encoding}", header=names, rows=rows())


def read_ads_table(data: bytes) -> imports.Table:
    """XLSX by its signature, JSON lines when the first character is "{", otherwise CSV."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"{":
        return _jsonl_table(data)
    return imports.read_table(data)


def parse_ads(data: bytes) -> ParsedAds:
    """Validate every row; the rows come back only if there is no error at all."""
    parsed = ParsedAds()
    try:
        table = read_ads_table(data)
        parsed.encoding = table.encoding
        found = imports.map_header(table.header, COLUMNS)
    except ImportFileError as exc:
        parsed.errors.add(exc.row, exc.column, exc.reason)
        return parsed
    resolver = PlaceResolver()
    seen: set[tuple[str, str, str, str]] = set()
    width = max(found.values()) + 1

    def cell(cells: list[str], name: str) -> str:
        index = found.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    try:
        for number, raw in table.rows:
            cells = raw + [""] * (width - len(raw)) if len(raw) < width else raw
            if not any(c.strip() for c in cells):
                continue
            parsed.rows_read += 1
            if parsed.rows_read > MAX_ROWS:
                parsed.errors.add(
                    None, "", _("A file may hold at most %(max)d ads.") % {"max": MAX_ROWS}
                )
                break
            title = cell(cells, "tytul")
            description = cell(cells, "opis")
            if not title and not description:
                parsed.errors.add(number, "tytul", _("An ad needs a title or a description."))
                continue
            published_on = None
            if raw_date := cell(cells, "data"):
                try:
                    published_on = _date(raw_date)
                except ValueError:
                    parsed.errors.add(
                        number,
                        "data",
                        _("“%(value)s” is not a date: write 2026-10-31 or 31.10.2026.")
                        % {"value": raw_date[:40]},
                    )
                    continue
            url = cell(cells, "url")
            if url:
                try:
                    if len(url) > 500:
                        raise ValidationError("too long")
                    _url(url)
                except ValidationError:
                    parsed.errors.add(
                        number,
                        "url",
                        _("“%(value)s” is not an http(s) address of at most 500 characters.")
                        % {"value": url[:60]},
                    )
                    continue
            place = cell(cells, "miejsce")[: FIELD_MAX["place"]]
            employer = cell(cells, "pracodawca")[: FIELD_MAX["employer"]]
            key = (fold(title), fold(description[:2000]), fold(employer), fold(place))
            if key in seen:
                parsed.duplicates += 1
                continue
            seen.add(key)
            parsed.rows.append(
                AdRow(
                    row=number,
                    title=(title or description)[:TITLE_MAX],
                    description=description[:DESCRIPTION_MAX],
                    employer=employer,
                    place=place,
                    county_id=resolver.resolve(place),
                    published_on=published_on,
                    source_url=url,
                )
            )
    except ImportFileError as exc:
        parsed.errors.add(exc.row, exc.column, exc.reason)
    if parsed.errors:
        parsed.rows = []
    elif not parsed.rows and parsed.rows_read == 0:
        parsed.errors.add(None, "", _("The file has no ads."))
    return parsed


def template_csv() -> str:
    header = ";".join(c.name for c in COLUMNS)
    example = ";".join(c.example for c in COLUMNS)
    return f"{header}\n{example}\n"


def describe_columns() -> list[dict[str, Any]]:
    return [{"name": c.name, "help": c.help, "required": c.required} for c in COLUMNS]
