"""Who may do what with stakeholders.

The matrix is in docs/permissions.md; a test checks each cell.
"""

from __future__ import annotations

from typing import Any

import rules

from skillshub.accounts.rules import is_office_staff

from .models import Institution


@rules.predicate
def is_contact_of_institution(user: Any, institution: Institution | None) -> bool:
    if institution is None or not user.is_authenticated:
        return False
    return institution.contacts.filter(user=user, anonymised_at__isnull=True).exists()


def represented_institution_id(user: Any) -> int | None:
    """The institution a signed-in person is a (non-anonymised) contact of, remembered on the
    user object for the request: providers' pages ask it several times."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_represented_institution_id"):
        user._represented_institution_id = (
            Institution.objects.filter(contacts__user=user, contacts__anonymised_at__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
    return user._represented_institution_id


@rules.predicate
def represents_an_institution(user: Any) -> bool:
    return bool(getattr(user, "is_active", False)) and represented_institution_id(user) is not None


@rules.predicate
def represents_provider(user: Any, obj: Any) -> bool:
    """The person is a contact of the institution that provides ``obj`` (an offer, a service,
    an event: anything with ``provider_id``)."""
    if obj is None or not getattr(user, "is_active", False):
        return False
    institution_id = represented_institution_id(user)
    return institution_id is not None and institution_id == obj.provider_id


@rules.predicate
def is_listed(user: Any, institution: Institution | None) -> bool:
    if institution is None:
        return True
    return bool(institution.listed_publicly and not institution.is_archived)


# Institutions
rules.add_perm("stakeholders.view_directory", rules.always_allow)
rules.add_perm(
    "stakeholders.view_institution", is_office_staff | is_listed | is_contact_of_institution
)
rules.add_perm("stakeholders.view_institution_private", is_office_staff)
rules.add_perm("stakeholders.add_institution", is_office_staff)
rules.add_perm("stakeholders.change_institution", is_office_staff | is_contact_of_institution)
rules.add_perm("stakeholders.archive_institution", is_office_staff)
rules.add_perm("stakeholders.import_institutions", is_office_staff)
rules.add_perm("stakeholders.export_directory", rules.always_allow)

# Contact people and RODO
rules.add_perm("stakeholders.view_contact", is_office_staff)
rules.add_perm("stakeholders.change_contact", is_office_staff)
rules.add_perm("stakeholders.export_person", is_office_staff)
rules.add_perm("stakeholders.anonymise_person", is_office_staff)

# Applications to join
rules.add_perm("stakeholders.submit_application", rules.always_allow)
rules.add_perm("stakeholders.review_application", is_office_staff)

# Interactions
rules.add_perm("stakeholders.view_interactions", is_office_staff)
rules.add_perm("stakeholders.log_interaction", is_office_staff)
