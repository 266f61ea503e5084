from __future__ import annotations

from django.core.exceptions import ValidationError

from skillshub.stakeholders.exceptions import EditConflict

__all__ = ["EditConflict", "IllegalTransition", "NoQuorum"]


class IllegalTransition(ValidationError):
    """A sitting or minutes cannot move to the asked status from where they are."""


class NoQuorum(ValidationError):
    """A vote was attempted while the quorum does not hold."""
