"""Reads of career guidance that span models.

``coverage`` counts the published services per county × target group × kind for the whole
region in one aggregate query through the two M2M tables (and one more for each county's
total), so the matrix costs the same four queries whether the region has ten services or ten
thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from skillshub.core.models import County, TargetGroup

from .choices import ServiceKind, ServiceMode
from .models import GuidanceService


@dataclass(frozen=True)
class CoverageRow:
    """One county's line of the matrix: a count per target group, in the groups' order."""

    county: County
    cells: list[int]
    total: int  # distinct services serving the county, whatever the group

    @property
    def unserved_groups(self) -> int:
        return sum(1 for n in self.cells if n == 0)


@dataclass(frozen=True)
class Coverage:
    """Published services per (county, target group, kind) for the region's counties."""

    counties: list[County]
    groups: list[TargetGroup]
    kind: str = ""
    mode: str = ""
    # (county id, group id, kind) -> number of services
    counts: dict[tuple[int, int, str], int] = field(default_factory=dict)
    # (county id, kind) -> services serving the county, whatever the group
    county_totals: dict[tuple[int, str], int] = field(default_factory=dict)

    def count(self, county_id: int, group_id: int, kind: str = "") -> int:
        """One cell; without ``kind``, the sum over kinds (a service has exactly one kind)."""
        if kind:
            return self.counts.get((county_id, group_id, kind), 0)
        return sum(self.counts.get((county_id, group_id, k), 0) for k in ServiceKind.values)

    def rows(self, kind: str = "") -> list[CoverageRow]:
        return [
            CoverageRow(
                county=county,
                cells=[self.count(county.pk, group.pk, kind) for group in self.groups],
                total=self._total(county.pk, kind),
            )
            for county in self.counties
        ]

    def _total(self, county_id: int, kind: str) -> int:
        if kind:
            return self.county_totals.get((county_id, kind), 0)
        return sum(self.county_totals.get((county_id, k), 0) for k in ServiceKind.values)

    def column(self, group_id: int, kind: str = "") -> list[tuple[County, int]]:
        """The counties with their count for one target group (what the map shows)."""
        return [(county, self.count(county.pk, group_id, kind)) for county in self.counties]

    def unserved(self, group_id: int, kind: str = "") -> list[County]:
        return [county for county, n in self.column(group_id, kind) if n == 0]


def _mode_filter(mode: str) -> Q:
    """In person includes services offered both ways; so does online."""
    if mode == ServiceMode.IN_PERSON:
        return Q(mode__in=[ServiceMode.IN_PERSON, ServiceMode.BOTH])
    if mode == ServiceMode.ONLINE:
        return Q(mode__in=[ServiceMode.ONLINE, ServiceMode.BOTH])
    return Q()


def coverage(*, kind: str = "", mode: str = "") -> Coverage:
    """The coverage of the region's counties by published guidance services.

    ``kind`` narrows to one service kind (the counts then hold only that kind), ``mode`` to
    services offered in person or online. Drafts and archived services never count.
    """
    counties = list(County.objects.in_region().order_by("teryt"))
    groups = list(TargetGroup.objects.order_by("order", "name"))
    services = GuidanceService.objects.published().filter(_mode_filter(mode))
    if kind:
        services = services.filter(kind=kind)
    region = [c.pk for c in counties]
    # One row per (county, group, kind) through both M2M tables; distinct because the two
    # joins multiply a service's rows.
    cells = (
        services.filter(counties__in=region, target_groups__isnull=False)
        .values_list("counties", "target_groups", "kind")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    counts = {(c, g, k): n for c, g, k, n in cells}
    totals = (
        services.filter(counties__in=region)
        .values_list("counties", "kind")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    county_totals = {(c, k): n for c, k, n in totals}
    return Coverage(
        counties=counties,
        groups=groups,
        kind=kind,
        mode=mode,
        counts=counts,
        county_totals=county_totals,
    )
