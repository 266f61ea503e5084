"""Every cell of docs/permissions.md, checked against the rules the code uses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from skillshub.accounts.tests.factories import UserFactory
from tests.permission_matrix import ROLES, read_matrix

from .factories import ContactPersonFactory, InstitutionFactory

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
