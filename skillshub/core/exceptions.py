"""Exceptions every app's services share."""

from __future__ import annotations

from typing import Any


class EditConflict(Exception):
    """Someone saved the object after this editor opened it.

    ``changes`` maps each field the other person changed to ``(their value, your value)``.
    """

    def __init__(self, *, current: Any, changes: dict[str, tuple[Any, Any]]) -> None:
        super().__init__("edit conflict")
        self.current = current
        self.changes = changes
