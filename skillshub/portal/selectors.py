"""Reads of learning offers that the views, the exports and the API share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from skillshub.accounts.rules import is_office_staff
from skillshub.stakeholders.rules import represented_institution_id

from .choices import OfferStatus
from .models import LearningOffer


def public_offers() -> QuerySet[LearningOffer]:
    """The catalogue: published offers, with what a list row shows."""
    return LearningOffer.objects.published().select_related("provider", "county")


def managed_offers(user: Any) -> QuerySet[LearningOffer]:
    """Offers a person manages: every one for staff, their institution's for a contact."""
    if is_office_staff(user):
        qs = LearningOffer.objects.all()
    else:
        own = represented_institution_id(user)
        qs = (
            LearningOffer.objects.filter(provider_id=own)
            if own is not None
            else LearningOffer.objects.none()
        )
    return qs.select_related("provider", "county").order_by("-updated_at", "-pk")


def review_queue() -> QuerySet[LearningOffer]:
    """Submitted offers, the longest-waiting first."""
    return (
        LearningOffer.objects.filter(status=OfferStatus.SUBMITTED)
        .select_related("provider", "county", "submitted_by")
        .order_by("submitted_at", "pk")
    )
