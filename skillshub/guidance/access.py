"""Access helpers: one per main object. A forbidden object answers 404, never a leak."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from .models import GuidanceEvent, GuidanceService


def get_service_for_user(user: Any, pk: int, *, write: bool = False) -> GuidanceService:
    service = (
        GuidanceService.objects.select_related("provider", "provider__county")
        .prefetch_related("counties", "target_groups")
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise Http404
    if not user.has_perm("guidance.view_service", service):
        raise Http404
    if write and not user.has_perm("guidance.change_service", service):
        raise Http404
    return service


def get_event_for_user(
    user: Any, pk: int, *, write: bool = False, registrations: bool = False
) -> GuidanceEvent:
    """``write``: the person may edit it; ``registrations``: they may see who registered."""
    event = (
        GuidanceEvent.objects.with_seat_counts()
        .select_related("provider", "county", "service")
        .prefetch_related("target_groups")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404
    if not user.has_perm("guidance.view_event", event):
        raise Http404
    if write and not user.has_perm("guidance.change_event", event):
        raise Http404
    if registrations and not user.has_perm("guidance.view_registrations", event):
        raise Http404
    return event
