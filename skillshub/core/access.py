"""The one refusal every access helper uses: a forbidden object answers 404, never a leak."""

from __future__ import annotations

from typing import Any

from django.http import Http404


def require_perm(user: Any, perm: str, obj: Any = None) -> None:
    if not user.has_perm(perm, obj):
        raise Http404
