"""A small model trained once per test session: about 1,200 ads plus the driver and programmer
groups (so that the obvious ads have their codes), with their auxiliary texts."""

from __future__ import annotations

import pytest

from skillshub.labour_market.coding.model import OccupationCoder
from skillshub.labour_market.coding.training import Example, subsample, training_material

SEED = 2030
FORCED_GROUPS = ("8322", "8332", "2514")


def small_material() -> list[Example]:
    material = training_material()
    chosen = subsample(material, 1_200, SEED)
    codes = {example.code for example in chosen}
    per_code: dict[str, int] = {}
    for example in material:
        if example.code[:4] in FORCED_GROUPS and example.code not in codes:
            # At most 120 ads per forced code keeps the model small and training fast.
            if example.source == "ads":
                per_code[example.code] = per_code.get(example.code, 0) + 1
                if per_code[example.code] > 120:
                    continue
            chosen.append(example)
    return chosen


@pytest.fixture(scope="session")
def material() -> list[Example]:
    return small_material()


@pytest.fixture(scope="session")
def coder(material: list[Example]) -> OccupationCoder:
    return OccupationCoder.train(material, seed=SEED)
