"""Every cell of the "Career guidance" table in docs/permissions.md, checked against the
rules."""

from __future__ import annotations

import re

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from skillshub.accounts.tests.factories import UserFactory
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory
from tests.permission_matrix import ROLES, read_matrix

from .factories import GuidanceEventFactory, GuidanceServiceFactory

MATRIX = read_matrix("Career guidance")


def test_the_matrix_covers_every_guidance_permission():
    named = {perm.split(" ")[0] for perm, _r, _e in MATRIX}
    defined = {name for name in rules.permissions.permissions if name.startswith("guidance.")}
    assert defined == named


def _object(perm: str, variant: str, **extra):
    factory = GuidanceServiceFactory if perm.endswith("_service") else GuidanceEventFactory
    return factory(status=variant, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "role", "expected"), MATRIX)
def test_permission_cell(region, permission, role, expected):
    user = AnonymousUser() if ROLES[role] is None else UserFactory(role=ROLES[role])
    perm = permission.split(" ")[0]
    found = re.search(r"\((.*)\)", permission)
    variant = found.group(1) if found else ""
    if expected == "own":
        provider, other = InstitutionFactory(), InstitutionFactory()
        if found:
            assert not user.has_perm(perm, _object(perm, variant, provider=provider))
        else:
            assert not user.has_perm(perm)
        ContactPersonFactory(institution=provider, user=user)
        user = type(user).objects.get(pk=user.pk)
        if found:
            assert user.has_perm(perm, _object(perm, variant, provider=provider))
            assert not user.has_perm(perm, _object(perm, variant, provider=other))
        else:
            assert user.has_perm(perm)
        return
    allowed = user.has_perm(perm, _object(perm, variant)) if found else user.has_perm(perm)
    assert allowed is (expected == "✓")
