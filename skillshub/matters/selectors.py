"""Reads that span matters: the board's columns, a matter's timeline, the digest."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from .choices import MatterState
from .models import Matter, MatterComment, MatterTransition, Proposal

BOARD_CARDS_PER_COLUMN = 20
BOARD_STATES = [
    MatterState.SUBMITTED,
    MatterState.ACCEPTED,
    MatterState.PROPOSAL_IN_PREPARATION,
    MatterState.PROPOSAL_READY,
    MatterState.ON_AGENDA,
    MatterState.DECIDED,
    MatterState.FORWARDED,
    MatterState.ANSWERED,
]


@dataclass
class Column:
    state: str
    label: str
    count: int = 0
    cards: list[Matter] = field(default_factory=list)


def board(*, matters: QuerySet[Matter]) -> list[Column]:
    """The kanban board: one column per open state with its count and its first cards (most
    urgent due date first), in two queries whatever the number of matters."""
    columns: dict[str, Column] = {
        s: Column(state=s, label=str(MatterState(s).label)) for s in BOARD_STATES
    }
    counts = (
        matters.filter(state__in=BOARD_STATES).order_by().values("state").annotate(n=Count("id"))
    )
    for row in counts:
        columns[row["state"]].count = row["n"]
    ranked = (
        matters.filter(state__in=BOARD_STATES)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("state")],
                order_by=[F("proposal_due").asc(nulls_last=True), F("created_at").desc()],
            )
        )
        .filter(rank__lte=BOARD_CARDS_PER_COLUMN)
        .select_related("raised_by", "on_behalf_of")
        .order_by("state", "rank")
    )
    for matter in ranked:
        columns[matter.state].cards.append(matter)
    return list(columns.values())


@dataclass
class Event:
    """One entry of a matter's timeline."""

    at: datetime.datetime
    kind: str  # "move", "proposal", "comment"
    item: Any


def timeline(*, matter: Matter) -> list[Event]:
    """Moves, proposal versions and comments, oldest first, in three queries."""
    events = [
        Event(t.created_at, "move", t)
        for t in MatterTransition.objects.filter(matter=matter).select_related("actor")
    ]
    events += [
        Event(p.created_at, "proposal", p)
        for p in Proposal.objects.filter(matter=matter).select_related("created_by")
    ]
    events += [
        Event(c.created_at, "comment", c)
        for c in MatterComment.objects.filter(matter=matter, reply_to__isnull=True)
        .select_related("author")
        .prefetch_related("replies__author")
    ]
    return sorted(events, key=lambda e: (e.at, e.kind))


def digest_items(*, today: datetime.date | None = None) -> tuple[list[Matter], list[Matter]]:
    """What the office's daily digest lists: overdue, and due within 7 days."""
    today = today or timezone.localdate()
    overdue = list(Matter.objects.overdue(today).order_by("proposal_due", "answer_due"))
    soon = list(Matter.objects.due_within(7, today).order_by("proposal_due", "answer_due"))
    return overdue, soon
