"""The life of a learning offer, as a table of allowed moves.

A provider drafts and submits; the office publishes or returns it with a note. A provider's
edit to a published offer sends it back for approval, so nothing reaches the public unchecked.
"""

from __future__ import annotations

from .choices import OfferStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.PUBLISHED, S.ARCHIVED}),
    S.SUBMITTED: frozenset({S.PUBLISHED, S.RETURNED, S.ARCHIVED}),
    S.RETURNED: frozenset({S.SUBMITTED, S.ARCHIVED}),
    S.PUBLISHED: frozenset({S.SUBMITTED, S.ARCHIVED}),
    S.ARCHIVED: frozenset({S.DRAFT}),
}

# Moves only the office makes (approval); a provider's contact makes the others.
STAFF_ONLY: frozenset[tuple[str, str]] = frozenset(
    {
        (S.DRAFT, S.PUBLISHED),
        (S.SUBMITTED, S.PUBLISHED),
        (S.SUBMITTED, S.RETURNED),
    }
)

EDITABLE = frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.PUBLISHED})


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def next_states(current: str, *, staff: bool) -> list[str]:
    return [
        target
        for target in S.values
        if can_move(current, target) and (staff or (current, target) not in STAFF_ONLY)
    ]
