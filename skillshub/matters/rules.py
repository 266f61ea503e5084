"""Who may do what with matters. The matrix is in docs/permissions.md ("Matters"); a test
checks each cell."""

from __future__ import annotations

from typing import Any

import rules

from skillshub.accounts.rules import is_office_staff, is_team_member

from .choices import MatterState
from .models import Matter
from .workflow import EDITABLE_BY_RAISER


@rules.predicate
def raised_it(user: Any, matter: Matter | None) -> bool:
    return bool(matter is not None and user.is_authenticated and matter.raised_by_id == user.pk)


@rules.predicate
def is_shared_with_members(user: Any, matter: Matter | None) -> bool:
    return bool(
        matter is not None and not matter.confidential and matter.state != MatterState.DRAFT
    )


@rules.predicate
def is_public_matter(user: Any, matter: Matter | None) -> bool:
    # A confidential matter is never public, whatever its flag says.
    return bool(
        matter is not None
        and matter.is_public
        and not matter.confidential
        and matter.state in Matter.PUBLIC_STATES
    )


@rules.predicate
def is_draft(user: Any, matter: Matter | None) -> bool:
    return bool(matter is not None and matter.state in EDITABLE_BY_RAISER)


@rules.predicate
def consultation_open(user: Any, matter: Matter | None) -> bool:
    from .services import consultation_is_open

    return matter is not None and consultation_is_open(matter)


rules.add_perm("matters.view_board", is_office_staff | is_team_member)
rules.add_perm("matters.view_public_matters", rules.always_allow)
rules.add_perm(
    "matters.view_matter",
    is_office_staff | raised_it | (is_team_member & is_shared_with_members) | is_public_matter,
)
rules.add_perm("matters.add_matter", is_office_staff | is_team_member)
rules.add_perm("matters.change_matter", is_office_staff | (raised_it & is_draft))
rules.add_perm("matters.submit_matter", is_office_staff | (raised_it & is_draft))
rules.add_perm("matters.move_matter", is_office_staff)
rules.add_perm("matters.write_proposal", is_office_staff)
rules.add_perm(
    "matters.comment_matter",
    is_office_staff | (consultation_open & (raised_it | (is_team_member & is_shared_with_members))),
)
rules.add_perm("matters.export_matters", is_office_staff)
