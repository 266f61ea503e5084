"""The life of a matter, as a table of allowed moves.

Some moves belong to the sitting: a matter goes on the agenda, and is decided, only when the
team's services say so (``SITTING_MOVES``); the office cannot make them by hand.
"""

from __future__ import annotations

from .choices import MatterState as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.ACCEPTED, S.REJECTED}),
    S.ACCEPTED: frozenset({S.PROPOSAL_IN_PREPARATION, S.CLOSED}),
    S.REJECTED: frozenset({S.CLOSED}),
    S.PROPOSAL_IN_PREPARATION: frozenset({S.PROPOSAL_READY}),
    S.PROPOSAL_READY: frozenset({S.PROPOSAL_IN_PREPARATION, S.ON_AGENDA}),
    S.ON_AGENDA: frozenset({S.DECIDED, S.PROPOSAL_READY}),
    S.DECIDED: frozenset({S.FORWARDED, S.CLOSED}),
    S.FORWARDED: frozenset({S.ANSWERED}),
    S.ANSWERED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# Moves made only through a sitting (team's services), never from the matter's page.
SITTING_MOVES: frozenset[tuple[str, str]] = frozenset(
    {
        (S.PROPOSAL_READY, S.ON_AGENDA),
        (S.ON_AGENDA, S.DECIDED),
        (S.ON_AGENDA, S.PROPOSAL_READY),
    }
)

# States in which the office still owes a proposal (its due date counts).
AWAITING_PROPOSAL = frozenset({S.SUBMITTED, S.ACCEPTED, S.PROPOSAL_IN_PREPARATION})
# States a member may still edit in.
EDITABLE_BY_RAISER = frozenset({S.DRAFT})
# States in which the matter is "open" on the board.
OPEN = frozenset(set(TRANSITIONS) - {S.CLOSED, S.REJECTED, S.DRAFT})


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def next_states(current: str, *, by_hand: bool = True) -> list[str]:
    """The states a matter may move to next; ``by_hand`` leaves out the sitting's moves."""
    return [
        target
        for target in S.values
        if can_move(current, target) and not (by_hand and (current, target) in SITTING_MOVES)
    ]
