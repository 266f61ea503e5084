"""Primary keys printed into addresses, form values and element ids must never be localised:
with USE_THOUSAND_SEPARATOR a Polish page prints 4642 as "4 642" (a no-break space), which
breaks links and forms once a table passes a thousand rows (PostgreSQL's sequences got there
first in CI)."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
RAW_ID = re.compile(r"\{\{ *[a-z_.]+\.(pk|id) *\}\}")


def test_no_template_prints_a_raw_primary_key():
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in [
            *ROOT.glob("skillshub/*/templates/**/*.html"),
            *ROOT.glob("templates/**/*.html"),
        ]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if RAW_ID.search(line)
    ]
    assert offenders == [], "use {{ obj.pk|unlocalize }} (load l10n): " + ", ".join(offenders)


def test_unlocalize_keeps_a_large_key_whole():
    with translation.override("pl"):
        template = Template("{% load l10n %}{{ n }}|{{ n|unlocalize }}")
        assert template.render(Context({"n": 4642})) == "4\xa0642|4642"
