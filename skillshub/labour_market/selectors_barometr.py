"""Reads for Barometr zawodów: the rounds, the panels' progress, and the regional result as
the distribution of COUNTIES over the levels (a panel's rating counts once for every county
it covers). No official aggregation formula exists, so the page shows the distribution; the
year-on-year flag compares each group's median county level (the lower median on the ordinal
scale 1–5, counties without a rating left out) with the same-named group of the previous
round.

Every aggregation is one SQL statement; Python only lays out the small group × level table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from skillshub.core.models import County

from .choices import BarometrLevel, RoundStatus
from .models import BarometrGroup, BarometrPanel, BarometrRating, BarometrRound

RATED_LEVELS = [level for level in BarometrLevel.values if level != BarometrLevel.NO_RATING]


def rounds_visible_to(user: Any) -> QuerySet[BarometrRound]:
    """Closed rounds are public; open ones only for staff and panel members."""
    rounds = BarometrRound.objects.annotate(
        group_count=Count("groups", distinct=True), rating_count=Count("ratings", distinct=True)
    ).order_by("-year")
    if user.has_perm("labour_market.view_open_round"):
        return rounds
    return rounds.filter(status=RoundStatus.CLOSED)


def panels_for_rating(user: Any) -> QuerySet[BarometrPanel]:
    """The panels ``user`` may rate for: staff any, a member their own."""
    panels = BarometrPanel.objects.order_by("name")
    if user.has_perm("labour_market.manage_rounds"):
        return panels
    return panels.filter(members=user)


def covered_county_count() -> int:
    return County.objects.filter(barometr_panels__isnull=False).distinct().count()


@dataclass
class PanelProgress:
    panel_id: int
    name: str
    counties: int
    rated: int  # groups with a rating on the scale
    no_rating: int  # groups explicitly marked "no rating"


def round_progress(barometr_round: BarometrRound) -> list[PanelProgress]:
    """Which panels have rated how many of the round's groups (one query)."""
    in_round = Q(ratings__round=barometr_round)
    rows = BarometrPanel.objects.annotate(
        n_counties=Count("counties", distinct=True),
        n_rated=Count(
            "ratings", filter=in_round & ~Q(ratings__level=BarometrLevel.NO_RATING), distinct=True
        ),
        n_none=Count(
            "ratings", filter=in_round & Q(ratings__level=BarometrLevel.NO_RATING), distinct=True
        ),
    ).order_by("name")
    return [PanelProgress(p.pk, p.name, p.n_counties, p.n_rated, p.n_none) for p in rows]


@dataclass
class GroupRow:
    group_id: int
    name: str
    counts: dict[int, int]  # level 1–5 → counties
    no_rating: int  # counties with "no rating" or whose panel has not rated yet
    median: int | None
    previous_median: int | None = None
    change: str = ""  # "up" (towards deficit) | "down" (towards surplus) | "same" | "new" | ""

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(level, 0) for level in RATED_LEVELS]


@dataclass
class Distribution:
    barometr_round: BarometrRound
    counties: int
    rows: list[GroupRow] = field(default_factory=list)
    previous: BarometrRound | None = None

    def chart(self) -> dict[str, Any]:
        """What the stacked bar chart draws: exactly the table's numbers."""
        return {
            "groups": [row.name for row in self.rows],
            "series": [
                {"level": level, "label": str(BarometrLevel(level).label),
                 "values": [row.no_rating if level == BarometrLevel.NO_RATING
                            else row.counts.get(level, 0) for row in self.rows]}
                for level in [*RATED_LEVELS, BarometrLevel.NO_RATING]
            ],
        }  # fmt: skip


def _median(counts: dict[int, int]) -> int | None:
    """The lower median level of the rated counties (an actual level of the ordinal scale)."""
    total = sum(counts.get(level, 0) for level in RATED_LEVELS)
    if not total:
        return None
    middle = (total - 1) // 2
    seen = 0
    for level in RATED_LEVELS:
        seen += counts.get(level, 0)
        if seen > middle:
            return level
    return None  # pragma: no cover


def _county_counts(rounds: list[BarometrRound]) -> dict[int, dict[int, int]]:
    """{group_id: {level: counties}} for the rounds' groups: one aggregate query."""
    result: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        BarometrRating.objects.filter(round__in=rounds)
        .values("group_id", "level")
        .annotate(n=Count("panel__counties"))
        .order_by()
    )
    for row in rows:
        result[row["group_id"]][row["level"]] = row["n"]
    return result


def distribution(barometr_round: BarometrRound) -> Distribution:
    """The regional result: per group, how many counties sit at each level (five queries)."""
    counties = covered_county_count()
    previous = BarometrRound.objects.filter(year__lt=barometr_round.year).order_by("-year").first()
    groups = list(
        BarometrGroup.objects.filter(
            round__in=[barometr_round, *([previous] if previous else [])]
        ).values_list("pk", "name", "round_id")
    )
    counts = _county_counts([barometr_round, *([previous] if previous else [])])
    previous_median = {
        name.casefold(): _median(counts.get(pk, {}))
        for pk, name, round_id in groups
        if previous and round_id == previous.pk
    }
    rows: list[GroupRow] = []
    for pk, name, round_id in sorted(groups, key=lambda g: g[1].casefold()):
        if round_id != barometr_round.pk:
            continue
        level_counts = {level: counts.get(pk, {}).get(level, 0) for level in RATED_LEVELS}
        rated = sum(level_counts.values())
        row = GroupRow(
            group_id=pk,
            name=name,
            counts=level_counts,
            no_rating=max(counties - rated, 0),
            median=_median(level_counts),
        )
        if previous is not None:
            key = name.casefold()
            if key not in previous_median:
                row.change = "new"
            else:
                row.previous_median = previous_median[key]
                if row.median is not None and row.previous_median is not None:
                    # Level 1 is "large deficit": a lower level is a move towards deficit.
                    if row.median < row.previous_median:
                        row.change = "up"
                    elif row.median > row.previous_median:
                        row.change = "down"
                    else:
                        row.change = "same"
        rows.append(row)
    return Distribution(
        barometr_round=barometr_round, counties=counties, rows=rows, previous=previous
    )


@dataclass
class CountyRating:
    teryt: str
    county: str
    panel: str
    level: int  # 0 when the panel gave no rating or has not rated yet

    @property
    def label(self) -> str:
        return str(BarometrLevel(self.level).label)


def group_counties(group: BarometrGroup) -> list[CountyRating]:
    """One group: every covered county with its panel and the panel's rating (two queries)."""
    levels = dict(BarometrRating.objects.filter(group=group).values_list("panel_id", "level"))
    through = BarometrPanel.counties.through
    rows = through.objects.select_related("county", "barometrpanel").order_by("county__teryt")
    return [
        CountyRating(
            teryt=row.county.teryt,
            county=str(row.county),
            panel=row.barometrpanel.name,
            level=levels.get(row.barometrpanel_id, BarometrLevel.NO_RATING),
        )
        for row in rows
    ]
