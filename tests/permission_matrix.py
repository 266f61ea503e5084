"""Reads the roles × permissions tables of docs/permissions.md for the matrix tests."""

from __future__ import annotations

from pathlib import Path

from skillshub.accounts.choices import Role

DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
ROLES = {
    "office admin": Role.OFFICE_ADMIN,
    "office staff": Role.OFFICE_STAFF,
    "WZK member": Role.TEAM_MEMBER,
    "institution contact": Role.INSTITUTION_CONTACT,
    "guidance editor": Role.GUIDANCE_EDITOR,
    "anonymous": None,
}


def read_matrix(section: str | None = None) -> list[tuple[str, str, str]]:
    """The (permission, role, expected) cells of one table: the one under ``## {section}``, or
    the page's first table (before any ``##`` heading) when ``section`` is None."""
    text = DOC.read_text(encoding="utf-8")
    if section is not None:
        text = text.split(f"\n## {section}\n", 1)[1]
    text = text.split("\n## ", 1)[0]
    lines = [line for line in text.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header[1:] == list(ROLES), "the matrix's columns must be the six roles"
    cells = []
    for line in lines[2:]:
        values = [cell.strip() for cell in line.strip("|").split("|")]
        for role, expected in zip(header[1:], values[1:], strict=True):
            cells.append((values[0], role, expected))
    return cells
