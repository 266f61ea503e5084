"""Access helpers for the portal: a forbidden object answers 404, never a leak."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from .models import LearningOffer


def get_offer_for_user(user: Any, pk: int, *, write: bool = False) -> LearningOffer:
    offer = (
        LearningOffer.objects.select_related("provider", "county", "area")
        .prefetch_related("target_groups")
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        raise Http404
    if not user.has_perm("portal.view_offer", offer):
        raise Http404
    if write and not user.has_perm("portal.change_offer", offer):
        raise Http404
    return offer
