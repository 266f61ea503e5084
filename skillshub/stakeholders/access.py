"""Access helpers: one per main object. A forbidden object answers 404, never a leak."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import selectors
from .models import ContactPerson, Institution, JoinApplication


def get_institution_for_user(user: Any, pk: int, *, write: bool = False) -> Institution:
    institution = selectors.institution_detail(user=user, pk=pk)
    if institution is None:
        # A contact may see and edit their own institution even when it is unlisted.
        institution = (
            Institution.objects.select_related("county", "commune", "pillar")
            .prefetch_related("areas", "target_groups")
            .filter(pk=pk)
            .first()
        )
        if institution is None or not user.has_perm("stakeholders.view_institution", institution):
            raise Http404
    if write and not user.has_perm("stakeholders.change_institution", institution):
        raise Http404
    return institution


def get_contact_for_user(user: Any, pk: int, *, write: bool = False) -> ContactPerson:
    if not user.has_perm("stakeholders.view_contact"):
        raise Http404
    contact = get_object_or_404(ContactPerson.objects.select_related("institution", "user"), pk=pk)
    if write and not user.has_perm("stakeholders.change_contact", contact):
        raise Http404
    return contact


def get_application_for_user(user: Any, pk: int) -> JoinApplication:
    if not user.has_perm("stakeholders.review_application"):
        raise Http404
    return get_object_or_404(
        JoinApplication.objects.select_related("county", "institution", "decided_by"), pk=pk
    )
