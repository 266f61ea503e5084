"""Reads of the job-ad workflow: the review queue, a batch's progress, and the demand signal:
coded ads per occupation × county × month. Every aggregate is one grouped query."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import TruncMonth

from skillshub.core.models import County

from ..choices import COUNTED_AD_STATUSES, JobAdStatus
from ..models import JobAd, JobAdBatch


def review_queue(*, q: str = "", batch: JobAdBatch | None = None) -> QuerySet[JobAd]:
    ads = JobAd.objects.filter(status=JobAdStatus.REVIEW).select_related(
        "batch", "county", "occupation"
    )
    if batch is not None:
        ads = ads.filter(batch=batch)
    if q:
        ads = ads.filter(Q(title__icontains=q) | Q(employer__icontains=q))
    return ads.defer("description").order_by("batch_id", "row", "pk")


def batch_counts(batch: JobAdBatch) -> dict[str, int]:
    counts = {status: 0 for status in JobAdStatus.values}
    for row in batch.ads.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def counted_ads() -> QuerySet[JobAd]:
    """Ads that count as demand: coded automatically with confidence, or reviewed by staff."""
    return JobAd.objects.filter(status__in=COUNTED_AD_STATUSES, occupation__isnull=False)


def ad_date_range() -> tuple[datetime.date | None, datetime.date | None]:
    bounds = counted_ads().aggregate(first=Min("published_on"), last=Max("published_on"))
    return bounds["first"], bounds["last"]


def default_window() -> tuple[datetime.date | None, datetime.date | None]:
    """The 12 months up to the newest counted ad."""
    _first, last = ad_date_range()
    if last is None:
        return None, None
    start = (last.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    return start, last


def _window(
    ads: QuerySet[JobAd], date_from: datetime.date | None, date_to: datetime.date | None
) -> QuerySet[JobAd]:
    if date_from:
        ads = ads.filter(published_on__gte=date_from)
    if date_to:
        ads = ads.filter(published_on__lte=date_to)
    return ads


@dataclass
class DemandRow:
    code: str
    name: str
    total: int = 0
    by_county: dict[str, int] = field(default_factory=dict)  # TERYT ("" = outside / unknown)

    def cells(self, counties: list[County]) -> list[int]:
        return [self.by_county.get(c.teryt, 0) for c in counties]

    @property
    def unknown(self) -> int:
        return self.by_county.get("", 0)


def demand_by_county(
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    county: County | None = None,
    prefix: str = "",
    limit: int = 100,
) -> list[DemandRow]:
    """Occupations with the most coded ads in the window, each with its count per county."""
    ads = _window(counted_ads(), date_from, date_to)
    if county is not None:
        ads = ads.filter(county=county)
    if prefix:
        ads = ads.filter(occupation__code__startswith=prefix)
    rows: dict[str, DemandRow] = {}
    for item in ads.values("occupation__code", "occupation__name", "county__teryt").annotate(
        n=Count("pk")
    ):
        row = rows.setdefault(
            item["occupation__code"],
            DemandRow(code=item["occupation__code"], name=item["occupation__name"]),
        )
        row.by_county[item["county__teryt"] or ""] = item["n"]
        row.total += item["n"]
    ordered = sorted(rows.values(), key=lambda r: (-r.total, r.code))
    return ordered[:limit]


def county_totals(
    *, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> dict[str, int]:
    ads = _window(counted_ads(), date_from, date_to)
    return {
        (row["county__teryt"] or ""): row["n"]
        for row in ads.values("county__teryt").annotate(n=Count("pk"))
    }


def monthly_for_occupation(code: str) -> dict[str, dict[str, int]]:
    """TERYT ("" = unknown) → "YYYY-MM" → coded ads, for one 6-digit occupation."""
    table: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        counted_ads()
        .filter(occupation__code=code)
        .annotate(month=TruncMonth("published_on"))
        .values("county__teryt", "month")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        month = row["month"]
        key = month.strftime("%Y-%m") if month else ""
        table[row["county__teryt"] or ""][key] = row["n"]
    return dict(table)


def counts_by_county_code(
    *,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    codes: list[str] | None = None,
) -> dict[tuple[str, str], int]:
    """(county TERYT, 6-digit code) → coded ads in the window: the gap analysis's column."""
    ads = _window(counted_ads(), date_from, date_to).filter(county__isnull=False)
    if codes is not None:
        ads = ads.filter(occupation__code__in=codes)
    return {
        (row["county__teryt"], row["occupation__code"]): row["n"]
        for row in ads.values("county__teryt", "occupation__code").annotate(n=Count("pk"))
    }
