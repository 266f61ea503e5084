"""The review of an application to join, as a table of allowed moves."""

from __future__ import annotations

from .choices import ApplicationStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.INFO_REQUESTED, S.ACCEPTED, S.REJECTED}),
    S.INFO_REQUESTED: frozenset({S.NEW, S.ACCEPTED, S.REJECTED}),
    S.ACCEPTED: frozenset(),
    S.REJECTED: frozenset(),
}


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
