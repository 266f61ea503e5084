"""Every cell of the "Programme" table in docs/permissions.md, checked against the rules."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from skillshub.accounts.tests.factories import UserFactory
from tests.permission_matrix import ROLES, read_matrix

MATRIX = read_matrix("Programme")


def test_the_matrix_covers_every_programme_permission():
    named = {perm for perm, _r, _e in MATRIX}
    defined = {name for name in rules.permissions.permissions if name.startswith("programme.")}
    assert defined == named


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "role", "expected"), MATRIX)
def test_permission_cell(permission, role, expected):
    user = AnonymousUser() if ROLES[role] is None else UserFactory(role=ROLES[role])
    assert user.has_perm(permission) is (expected == "✓")
