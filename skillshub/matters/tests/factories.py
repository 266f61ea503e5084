"""Factories for matters. ``seed_demo`` builds the demo's matters from these too."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from skillshub.matters.choices import MatterState
from skillshub.matters.models import Matter, Proposal


class MatterFactory(DjangoModelFactory):
    class Meta:
        model = Matter
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kwestia demonstracyjna nr {n}")
    description = "Opis kwestii zgłoszonej przez członka WZK (dane demonstracyjne)."
    state = MatterState.DRAFT
    is_demo = True


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    matter = factory.SubFactory(MatterFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Proponowane rozwiązanie (demo)."
