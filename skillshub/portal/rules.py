"""Who may do what on the portal. The matrix is in docs/permissions.md ("Portal"); a test checks
each cell."""

from __future__ import annotations

from typing import Any

import rules

from skillshub.accounts.rules import is_office_staff
from skillshub.stakeholders.rules import represents_an_institution, represents_provider

from .choices import OfferStatus
from .models import LearningOffer


@rules.predicate
def is_published_offer(user: Any, offer: LearningOffer | None) -> bool:
    return offer is not None and offer.status == OfferStatus.PUBLISHED


@rules.predicate
def is_not_archived(user: Any, offer: LearningOffer | None) -> bool:
    return offer is not None and offer.status != OfferStatus.ARCHIVED


rules.add_perm("portal.view_offer", is_published_offer | is_office_staff | represents_provider)
rules.add_perm("portal.add_offer", is_office_staff | represents_an_institution)
rules.add_perm("portal.change_offer", is_office_staff | (represents_provider & is_not_archived))
rules.add_perm("portal.archive_offer", is_office_staff | represents_provider)
rules.add_perm("portal.review_offer", is_office_staff)
rules.add_perm("portal.import_offers", is_office_staff | represents_an_institution)
rules.add_perm("portal.manage_content", is_office_staff)
