"""The catalogue as streamed CSV, with the same filters as the list. Its columns are the
import's, so a provider can export, edit and re-import."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from skillshub.core.csvstream import BOM, csv_writer

from .models import LearningOffer

CHUNK = 500
HEADERS = [
    "id", "klucz", "rodzaj", "tytul", "instytucja_nip", "instytucja", "powiat", "miejsce",
    "online", "od", "do", "bezplatne", "cena", "grupy", "obszar", "kody", "opis", "link",
    "adres",
]  # fmt: skip


def _yes_no(value: bool) -> str:
    return "tak" if value else "nie"


def row(offer: LearningOffer) -> list[Any]:
    return [
        offer.pk,
        offer.source_key,
        offer.kind,
        offer.title,
        offer.provider.nip,
        offer.provider.name,
        offer.county.teryt if offer.county else "",
        offer.place,
        _yes_no(offer.is_online),
        offer.starts_on.isoformat() if offer.starts_on else "",
        offer.ends_on.isoformat() if offer.ends_on else "",
        _yes_no(offer.is_free),
        "" if offer.price is None else str(offer.price),
        "|".join(g.code for g in offer.target_groups.all()),
        offer.area.number if offer.area else "",
        offer.occupation_codes,
        offer.description,
        offer.url,
        offer.get_absolute_url(),
    ]


def export_queryset(queryset: QuerySet[LearningOffer]) -> QuerySet[LearningOffer]:
    return queryset.select_related("provider", "county", "area").prefetch_related("target_groups")


def csv_stream(queryset: QuerySet[LearningOffer]) -> Iterator[str]:
    """UTF-8 with a BOM and `;` separators: what Polish Excel opens without a wizard."""
    writer = csv_writer()
    yield BOM
    yield writer.writerow(HEADERS)
    for offer in export_queryset(queryset).iterator(chunk_size=CHUNK):
        yield writer.writerow(row(offer))
