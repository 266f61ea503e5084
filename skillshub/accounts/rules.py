"""Predicates about who a person is. Apps combine them into permissions in their own rules.py."""

from __future__ import annotations

from typing import Any

import rules

from .choices import Role


@rules.predicate
def is_office_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active) and (
        user.is_superuser or user.role == Role.OFFICE_ADMIN
    )


@rules.predicate
def is_office_staff(user: Any) -> bool:
    """Office staff and office admins: the coordination office as a whole."""
    return bool(user.is_authenticated and user.is_active) and (
        user.is_superuser or user.role in (Role.OFFICE_STAFF, Role.OFFICE_ADMIN)
    )


@rules.predicate
def is_team_member(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.TEAM_MEMBER)


@rules.predicate
def is_institution_contact(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.INSTITUTION_CONTACT)


@rules.predicate
def is_guidance_editor(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.GUIDANCE_EDITOR)


rules.add_perm("accounts.manage_users", is_office_admin)
rules.add_perm("accounts.use_api_tokens", is_office_staff | is_team_member)
# The audit trail is core's, but the office is its audience.
rules.add_perm("core.view_audit", is_office_staff)
# The outbox is core's; the office watches it for failed sends.
rules.add_perm("core.view_mail_queue", is_office_staff)
