"""Every cell of the "Labour-market evidence" table in docs/permissions.md."""

from __future__ import annotations

import re

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from skillshub.accounts.tests.factories import UserFactory
from skillshub.labour_market.models import BarometrPanel
from tests.permission_matrix import ROLES, read_matrix

MATRIX = read_matrix("Labour-market evidence")


def test_the_matrix_covers_every_labour_market_permission():
    named = {perm.split(" ")[0] for perm, _r, _e in MATRIX}
    defined = {n for n in rules.permissions.permissions if n.startswith("labour_market.")}
    assert defined == named


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "role", "expected"), MATRIX)
def test_permission_cell(region, permission, role, expected):
    user = AnonymousUser() if ROLES[role] is None else UserFactory(role=ROLES[role])
    perm = permission.split(" ")[0]
    object_level = bool(re.search(r"\((.*)\)", permission))
    panel = BarometrPanel.objects.create(name="Panel PUP Żary (test)")
    other = BarometrPanel.objects.create(name="Panel PUP Żagań (test)")
    if expected == "own":
        assert not (user.has_perm(perm, panel) if object_level else user.has_perm(perm))
        panel.members.add(user)
        assert user.has_perm(perm, panel) if object_level else user.has_perm(perm)
        if object_level:
            assert not user.has_perm(perm, other)
        return
    allowed = user.has_perm(perm, panel) if object_level else user.has_perm(perm)
    assert allowed is (expected == "✓")
