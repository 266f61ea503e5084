"""Factories for the programme. ``seed_demo`` builds the demo programme from these too."""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from skillshub.programme.choices import NodeKind
from skillshub.programme.models import Indicator, Node, Programme, ProgrammeVersion


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = "Regionalny program wdrażania ZSU 2030 (demo)"
    start_year = 2024
    end_year = 2030
    is_demo = True


class VersionFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeVersion

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)


class NodeFactory(DjangoModelFactory):
    class Meta:
        model = Node
        skip_postgeneration_save = True

    version = factory.SubFactory(VersionFactory)
    kind = NodeKind.OBJECTIVE
    code = factory.Sequence(lambda n: f"C{n}")
    title = factory.Sequence(lambda n: f"Cel regionalny {n} (demo)")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"W{n}")
    name = factory.Sequence(lambda n: f"Wskaźnik {n} (demo)")
    unit = "%"
    baseline_value = Decimal("10")
    baseline_year = 2023
    is_demo = True
