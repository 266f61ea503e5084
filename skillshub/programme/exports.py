"""Open data: every measurement of a programme as CSV, streamed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from skillshub.core.csvstream import BOM, csv_writer

from .models import REGION, Indicator, Measurement, Programme

CHUNK = 1000
# The region's row before the counties' on every database (NULLs sort differently).
REGION_FIRST = F("county__teryt").asc(nulls_first=True)


def headers() -> list[str]:
    return [
        _("Indicator code"),
        _("Indicator"),
        _("Unit"),
        _("Year"),
        _("Territory"),
        _("Territory name"),
        _("Value"),
        _("Source note"),
    ]


def measurements_of(programme: Programme) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(indicator__programme=programme)
        .select_related("indicator", "county")
        .order_by("indicator__code", "year", REGION_FIRST)
    )


def measurements_of_indicator(indicator: Indicator) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(indicator=indicator)
        .select_related("indicator", "county")
        .order_by("year", REGION_FIRST)
    )


def row(measurement: Measurement) -> list[Any]:
    indicator = measurement.indicator
    county = measurement.county
    return [
        indicator.code,
        indicator.name,
        indicator.unit,
        measurement.year,
        county.teryt if county else REGION,
        county.name if county else _("the region"),
        # The plain decimal (a point, no exponent): what statistics tools read back.
        format(measurement.value.normalize(), "f"),
        measurement.source_note,
    ]


def csv_stream(measurements: Iterable[Measurement]) -> Iterator[str]:
    """UTF-8 with a BOM and `;` separators: what Polish Excel opens without a wizard."""
    writer = csv_writer()
    yield BOM
    yield writer.writerow(headers())
    if isinstance(measurements, QuerySet):
        measurements = measurements.iterator(chunk_size=CHUNK)
    for measurement in measurements:
        yield writer.writerow(row(measurement))
