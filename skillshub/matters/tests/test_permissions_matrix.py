"""Every cell of the "Matters" table in docs/permissions.md, checked against the rules."""

from __future__ import annotations

import datetime
import re

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.matters.choices import MatterState
from tests.permission_matrix import ROLES, read_matrix

from .factories import MatterFactory

MATRIX = read_matrix("Matters")


def test_the_matrix_covers_every_matters_permission():
    named = {perm.split(" ")[0] for perm, _r, _e in MATRIX}
    defined = {name for name in rules.permissions.permissions if name.startswith("matters.")}
    assert defined == named


def _matter(variant: str, **extra):
    future = timezone.now() + datetime.timedelta(days=7)
    past = timezone.now() - datetime.timedelta(days=1)
    states = {
        "own draft": {"state": MatterState.DRAFT},
        "draft": {"state": MatterState.DRAFT},
        "shared": {"state": MatterState.SUBMITTED},
        "submitted": {"state": MatterState.SUBMITTED},
        "confidential": {"state": MatterState.SUBMITTED, "confidential": True},
        "decided, public": {"state": MatterState.DECIDED, "is_public": True},
        "open": {"state": MatterState.PROPOSAL_READY, "consultation_deadline": future},
        "closed": {"state": MatterState.PROPOSAL_READY, "consultation_deadline": past},
        "": {"state": MatterState.SUBMITTED},
    }
    return MatterFactory(**states[variant], **extra)


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "role", "expected"), MATRIX)
def test_permission_cell(permission, role, expected):
    user = AnonymousUser() if ROLES[role] is None else UserFactory(role=ROLES[role])
    perm = permission.split(" ")[0]
    found = re.search(r"\((.*)\)", permission)
    variant = found.group(1) if found else ""
    object_level = bool(found)
    if expected == "own":
        someone_elses = _matter(variant, raised_by=UserFactory(role=Role.TEAM_MEMBER))
        assert not user.has_perm(perm, someone_elses)
        assert user.has_perm(perm, _matter(variant, raised_by=user))
        return
    allowed = user.has_perm(perm, _matter(variant)) if object_level else user.has_perm(perm)
    assert allowed is (expected == "✓")
