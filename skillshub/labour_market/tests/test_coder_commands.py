"""The coder's two commands end to end on a subsample: train (then --if-missing does nothing),
and evaluate (the table with the baseline beside it)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from skillshub.labour_market.coding import runtime

pytestmark = pytest.mark.django_db


def test_train_writes_a_versioned_model_with_its_data_hash_and_if_missing_keeps_it(settings):
    out = io.StringIO()
    call_command("train_occupation_coder", sample=300, stdout=out)
    info = runtime.active_model_info()
    assert info is not None and info.version in out.getvalue()
    sidecar = json.loads(info.path.with_suffix(".json").read_text())
    assert len(sidecar["data_hash"]) == 64 and len(sidecar["sha256"]) == 64
    assert sidecar["seed"] == 2030
    again = io.StringIO()
    call_command("train_occupation_coder", if_missing=True, stdout=again)
    assert "nothing to do" in again.getvalue()
    assert [m.path for m in runtime.available_models()] == [info.path]


def test_evaluate_prints_the_table_with_the_baseline_beside_the_model():
    out = io.StringIO()
    call_command("evaluate_occupation_coder", sample=800, stdout=out)
    table = out.getvalue().lower()
    for row in ("6 digits", "4 digits", "2 digits", "1 digit", "top-3", "top-5", "macro-f1", "ece"):
        assert row in table, row
    assert "baseline" in table
