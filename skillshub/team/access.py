"""Access helpers: one per main object. A forbidden object answers 404, never a leak."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from skillshub.core.access import require_perm

from . import selectors
from .models import AgendaItem, Document, Meeting, Minutes, Resolution, Team


def get_team_for_user(user: Any, pk: int, *, write: bool = False) -> Team:
    team = get_object_or_404(Team.objects.select_related("parent"), pk=pk)
    require_perm(user, "team.view_team", team)
    if write:
        require_perm(user, "team.manage_team", team)
    return team


def get_meeting_for_user(user: Any, pk: int, *, write: bool = False) -> Meeting:
    meeting = selectors.meeting_detail(pk=pk)
    if meeting is None:
        raise Http404
    require_perm(user, "team.view_meeting", meeting)
    if write:
        require_perm(user, "team.manage_meeting", meeting)
    return meeting


def get_agenda_item_for_user(user: Any, pk: int) -> AgendaItem:
    """Agenda items are only ever changed, never shown on their own: staff only."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__team"), pk=pk)
    require_perm(user, "team.manage_meeting", item.meeting)
    return item


def get_document_for_user(user: Any, pk: int, *, write: bool = False) -> Document:
    document = get_object_or_404(
        Document.objects.select_related("team", "meeting", "current_version"), pk=pk
    )
    require_perm(user, "team.view_document", document)
    if write:
        require_perm(user, "team.manage_documents", document)
    return document


def get_resolution_for_user(user: Any, pk: int, *, write: bool = False) -> Resolution:
    resolution = get_object_or_404(
        Resolution.objects.select_related("team", "meeting", "agenda_item"), pk=pk
    )
    require_perm(user, "team.view_resolution", resolution)
    if write:
        require_perm(user, "team.manage_resolutions", resolution)
    return resolution


def get_minutes_for_user(user: Any, meeting_pk: int, *, write: bool = False) -> Minutes:
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting", "meeting__team", "approved_at_meeting"),
        meeting_id=meeting_pk,
    )
    require_perm(user, "team.view_minutes", minutes)
    if write:
        require_perm(user, "team.manage_minutes", minutes)
    return minutes
