"""Who may do what with career guidance. The matrix is in docs/permissions.md ("Career
guidance"); a test checks each cell."""

from __future__ import annotations

from typing import Any

import rules

from skillshub.accounts.rules import is_office_staff
from skillshub.stakeholders.rules import represents_an_institution, represents_provider

from .choices import EventStatus, PublicationStatus


@rules.predicate
def is_public(user: Any, obj: Any) -> bool:
    """A published service, or a published (or cancelled: people must learn of it) event."""
    return obj is not None and obj.status in (
        PublicationStatus.PUBLISHED,
        EventStatus.CANCELLED,
    )


rules.add_perm("guidance.view_service", is_public | is_office_staff | represents_provider)
rules.add_perm("guidance.add_service", is_office_staff | represents_an_institution)
rules.add_perm("guidance.change_service", is_office_staff | represents_provider)
rules.add_perm("guidance.view_event", is_public | is_office_staff | represents_provider)
rules.add_perm("guidance.add_event", is_office_staff | represents_an_institution)
rules.add_perm("guidance.change_event", is_office_staff | represents_provider)
rules.add_perm("guidance.view_registrations", is_office_staff | represents_provider)
rules.add_perm("guidance.register", rules.always_allow)
rules.add_perm("guidance.view_coverage", is_office_staff)
