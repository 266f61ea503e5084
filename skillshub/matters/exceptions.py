from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from skillshub.stakeholders.exceptions import EditConflict

__all__ = ["EditConflict", "IllegalTransition", "StaleMove"]


class IllegalTransition(ValidationError):
    """The matter cannot move to the asked state from where it is."""


class StaleMove(Exception):
    """Someone moved the matter after this person looked at it: their move is not made.

    ``matter`` is the matter as it is now, ``seen`` the state the person saw.
    """

    def __init__(self, *, matter: Any, seen: str) -> None:
        super().__init__("stale move")
        self.matter = matter
        self.seen = seen
