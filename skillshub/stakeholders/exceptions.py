from __future__ import annotations

from django.core.exceptions import ValidationError

from skillshub.core.exceptions import EditConflict

__all__ = ["EditConflict", "IllegalTransition"]


class IllegalTransition(ValidationError):
    pass
