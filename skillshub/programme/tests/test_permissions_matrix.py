"""Every cell of the "Programme" table in docs/permissions.md, checked against the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory

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
    text = DOC.read_text(encoding="utf-8").split("\n## Programme", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in text.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header[1:] == list(ROLES)
    cells = []
    for line in lines[2:]:
        values = [cell.strip() for cell in line.strip("|").split("|")]
        for role, expected in zip(header[1:], values[1:], strict=True):
            cells.append((values[0], role, expected))
    return cells


MATRIX = read_matrix()


def test_the_matrix_covers_every_programme_permission():
    named = {perm for perm, _r, _e in MATRIX}
    defined = {name for name in rules.permissions.permissions if name.startswith("programme.")}
    assert defined == named


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "role", "expected"), MATRIX)
def test_permission_cell(permission, role, expected):
    user = AnonymousUser() if ROLES[role] is None else UserFactory(role=ROLES[role])
    assert user.has_perm(permission) is (expected == "✓")
