"""The directory as CSV (streamed) and XLSX, with the same filters and visibility as the list."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.csvstream import BOM, csv_writer

from .models import Institution

CHUNK = 500


def columns(*, staff: bool) -> list[tuple[str, str]]:
    """(key, header) pairs. Keys double as the import's column names, so exports re-import."""
    public = [
        ("id", "ID"),
        ("name", _("Name")),
        ("short_name", _("Short name")),
        ("kind", _("Kind")),
        ("county_teryt", _("County TERYT")),
        ("county", _("County")),
        ("city", _("Town")),
        ("website", _("Website")),
        ("areas", _("ZSU areas of impact")),
    ]
    if not staff:
        return public
    return [
        *public,
        ("nip", "NIP"),
        ("regon", "REGON"),
        ("krs", "KRS"),
        ("street", _("Street and number")),
        ("postal_code", _("Postal code")),
        ("email", _("E-mail")),
        ("phone", _("Phone")),
        ("listed_publicly", _("Listed publicly")),
        ("status", _("Status")),
    ]


def row(institution: Institution, keys: list[str]) -> list[Any]:
    values: dict[str, Any] = {
        "id": institution.pk,
        "county_teryt": institution.county.teryt,
        "county": str(institution.county),
        "kind": institution.kind,
        "areas": ",".join(str(a.number) for a in institution.areas.all()),
        "listed_publicly": "tak" if institution.listed_publicly else "nie",
    }
    return [values[k] if k in values else getattr(institution, k) for k in keys]


def iter_rows(queryset: QuerySet[Institution], *, staff: bool) -> Iterator[list[Any]]:
    keys = [key for key, _header in columns(staff=staff)]
    # Headers in the reader's language; the import recognises them in Polish and English.
    yield [header for _key, header in columns(staff=staff)]
    for institution in queryset.iterator(chunk_size=CHUNK):
        yield row(institution, keys)


def csv_stream(queryset: QuerySet[Institution], *, staff: bool) -> Iterator[str]:
    """UTF-8 with a BOM and `;` separators: what Polish Excel opens without a wizard."""
    writer = csv_writer()
    yield BOM
    for values in iter_rows(queryset, staff=staff):
        yield writer.writerow(values)


def xlsx_bytes(queryset: QuerySet[Institution], *, staff: bool) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Institutions")[:31])
    for values in iter_rows(queryset, staff=staff):
        sheet.append(values)
    about = workbook.create_sheet(_("Source")[:31])
    about.append([_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    about.append([_("Source"), _("Skills Hub: the stakeholder network of the coordination office")])
    about.append([_("Counties"), _("GUS TERYT (TERC register)")])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
