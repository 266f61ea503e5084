"""The life of a sitting and of its minutes, as tables of allowed moves."""

from __future__ import annotations

from .choices import MeetingStatus as M
from .choices import MinutesStatus as P

MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    M.PLANNED: frozenset({M.CONVENED, M.CANCELLED}),
    M.CONVENED: frozenset({M.HELD, M.CANCELLED}),
    M.HELD: frozenset({M.MINUTES_APPROVED}),
    M.MINUTES_APPROVED: frozenset(),
    M.CANCELLED: frozenset(),
}

MINUTES_TRANSITIONS: dict[str, frozenset[str]] = {
    P.DRAFT: frozenset({P.CONSULTATION}),
    P.CONSULTATION: frozenset({P.DRAFT, P.APPROVED}),
    P.APPROVED: frozenset(),
}

# While the agenda may still change (and members be told of it).
AGENDA_EDITABLE = frozenset({M.PLANNED, M.CONVENED})
# When attendance and votes can be recorded: at the sitting, or afterwards from the notes.
RECORDING_OPEN = frozenset({M.CONVENED, M.HELD})


def can_move_meeting(current: str, target: str) -> bool:
    return target in MEETING_TRANSITIONS.get(current, frozenset())


def can_move_minutes(current: str, target: str) -> bool:
    return target in MINUTES_TRANSITIONS.get(current, frozenset())
