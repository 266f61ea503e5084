from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def occupations(region):  # type: ignore[no-untyped-def]
    """KZiS, KZSB, ESCO and the region's subregions, panels and neighbours (after ``region``)."""
    call_command("load_occupations", stdout=None)
