"""Access helpers: one per main object. A forbidden matter answers 404, never a leak."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from skillshub.core.access import require_perm

from .models import Matter


def get_matter_for_user(user: Any, pk: int, *, write: bool = False) -> Matter:
    matter = (
        Matter.objects.select_related("raised_by", "on_behalf_of")
        .prefetch_related("areas", "counties")
        .filter(pk=pk)
        .first()
    )
    if matter is None:
        raise Http404
    require_perm(user, "matters.view_matter", matter)
    if write:
        require_perm(user, "matters.change_matter", matter)
    return matter
