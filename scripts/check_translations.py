#!/usr/bin/env python
"""Fail when the Polish catalogue has an untranslated or fuzzy entry, or a stale .mo file.

Polish is the site's first language, so a missing translation is a visible defect. Run it after
`make messages`; a test runs it too.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _joined(lines: list[str]) -> str:
    return "".join(m for line in lines for m in STRING.findall(line))


def problems(po: Path = PO, mo: Path = MO) -> list[str]:
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = block.splitlines()
        fields: dict[str, list[str]] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            head = line.split(" ", 1)[0]
            if head.startswith("msg"):
                current = head
                fields[current] = [line[len(head) :]]
            elif current and line.startswith('"'):
                fields[current].append(line)
        msgid = _joined(fields.get("msgid", []))
        if not msgid:
            continue
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            found.append(f"fuzzy: {msgid}")
        translations = [_joined(v) for k, v in fields.items() if k.startswith("msgstr")]
        if not translations or any(not t for t in translations):
            found.append(f"untranslated: {msgid}")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime - 1:
        found.append("the .mo file is older than the .po file: run `make messages`")
    return found


if __name__ == "__main__":
    issues = problems()
    for issue in issues:
        print(issue)
    sys.exit(1 if issues else 0)
