"""The MZDiN scale seed: the asked numbers of files and rows, and files the real import takes."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from skillshub.demo.management.commands.seed_labour_market_scale import period_file, periods
from skillshub.labour_market.choices import ImportStatus
from skillshub.labour_market.models import MzdinCount
from skillshub.labour_market.services_imports import mzdin_import
from skillshub.labour_market.tests.factories import occupation_with_ancestors


@pytest.mark.django_db
def test_writes_one_importable_file_per_period(region, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for code in ("722204", "411004", "522301"):
        occupation_with_ancestors(code)

    call_command("seed_labour_market_scale", "--periods", "3", "--directory", str(tmp_path),
                 stdout=None)  # fmt: skip

    assert periods(3) == ["2024-H2", "2025-H1", "2025-H2"]
    files = sorted(tmp_path.iterdir())
    assert len(files) == 3
    path = period_file(tmp_path, "2025-H1")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 3 * 14
    run = mzdin_import(actor=None, file=path.read_bytes(), period="2025-H1")
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert MzdinCount.objects.filter(period="2025-H1").count() == 3 * 14
    # A second run leaves the files as they are.
    before = path.stat().st_mtime_ns
    call_command("seed_labour_market_scale", "--periods", "3", "--directory", str(tmp_path),
                 stdout=None)  # fmt: skip
    assert path.stat().st_mtime_ns == before
