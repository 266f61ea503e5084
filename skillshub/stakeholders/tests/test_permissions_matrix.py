"""Every cell of docs/permissions.md, checked against the rules the code uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory

from .factories import ContactPersonFactory, InstitutionFactory

DOC = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"
ROLES = {
    "office admin": Role.OFFICE_ADMIN,
    "office staff": Role.OFFICE_STAFF,
    "WZK member": Role.TEAM_MEMBER,
    "institution contact": Role.INSTITUTION_CONTACT,
    "guidance editor": Role.GUIDANCE_EDITOR,
    "anonymous": None,
}


def read_matrix() -> list[tuple[str, str, str]]:
    text = DOC.read_text(encoding="utf-8").split("\n## WZK secretariat")[0]
    lines = [line for line in text.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header[1:] == list(ROLES), "the matrix's columns must be the six roles"
    cells = []
    for line in lines[2:]:
        values = [cell.strip() for cell in line.strip("|").split("|")]
        for role, expected in zip(header[1:], values[1:], strict=True):
            cells.append((values[0], role, expected))
    return cells


MATRIX = read_matrix()


def test_the_matrix_covers_every_role_and_permission():
    permissions = {perm for perm, _role, _expected in MATRIX}
    assert len(MATRIX) == len(permissions) * len(ROLES)
    assert "stakeholders.change_institution" in permissions


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "role", "expected"), MATRIX)
def test_permission_cell(region, permission, role, expected):
    user = AnonymousUser() if ROLES[role] is None else UserFactory(role=ROLES[role])
    listed = InstitutionFactory(listed_publicly=True)
    unlisted = InstitutionFactory(listed_publicly=False)
    perm = (
        "stakeholders.view_institution"
        if permission.endswith("view_unlisted_institution")
        else permission
    )
    target = unlisted if permission.endswith("view_unlisted_institution") else listed
    object_level = expected == "own" or perm in {
        "stakeholders.view_institution",
        "stakeholders.change_institution",
    }
    if expected == "own":
        # Not their institution: refused; their own: allowed.
        assert not user.has_perm(perm, target)
        ContactPersonFactory(institution=target, user=user)
        assert user.has_perm(perm, target)
        return
    allowed = user.has_perm(perm, target) if object_level else user.has_perm(perm)
    assert allowed is (expected == "✓")
