"""Make a large register for benchmarks: 20,000 institutions and 60,000 contacts by default.

Bulk inserts, not services: this is load for measuring, marked as demo, and it writes no audit
trail. Never run it on a production database.
"""

from __future__ import annotations

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from skillshub.core.models import County, StrategyArea
from skillshub.core.pagecache import bump
from skillshub.stakeholders.choices import InstitutionKind
from skillshub.stakeholders.models import ContactPerson, Institution, Pillar, fold

BATCH = 2000
WORDS = ["Centrum", "Zespół Szkół", "Akademia", "Fundacja", "Stowarzyszenie", "Instytut", "Ośrodek"]
TOPICS = ["Kształcenia", "Rozwoju", "Kompetencji", "Zawodowe", "Edukacji", "Szkoleń", "Kariery"]


class Command(BaseCommand):
    help = "Bulk-create many demo institutions and contacts for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--institutions", type=int, default=20_000)
        parser.add_argument("--contacts", type=int, default=60_000)
        parser.add_argument("--seed", type=int, default=20)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        counties = list(County.objects.in_region())
        if not counties:
            raise CommandError("Load the region first: manage.py load_region 08; load_reference")
        existing = Institution.objects.filter(name__startswith="Skala ").count()
        wanted = options["institutions"] - existing
        if wanted <= 0:
            self.stdout.write(f"Already {existing} scale institutions; nothing to do.")
            return
        rng = random.Random(options["seed"])
        areas = list(StrategyArea.objects.filter(part="detailed"))
        pillars = list(Pillar.objects.all())
        kinds = InstitutionKind.values
        new = []
        for n in range(existing, existing + wanted):
            county = counties[n % len(counties)]
            name = f"Skala {rng.choice(WORDS)} {rng.choice(TOPICS)} nr {n + 1}"
            new.append(
                Institution(
                    name=name,
                    name_folded=fold(name),
                    kind=kinds[n % len(kinds)],
                    pillar=rng.choice(pillars) if pillars else None,
                    county=county,
                    city=county.seat or county.name,
                    email=f"skala{n + 1}@example.invalid",
                    listed_publicly=rng.random() < 0.85,
                    is_demo=True,
                )
            )
        created = Institution.objects.bulk_create(new, batch_size=BATCH)
        if not created or created[0].pk is None:
            created = list(
                Institution.objects.filter(name__startswith="Skala ").order_by("-pk")[:wanted]
            )
        through = Institution.areas.through
        links = [
            through(institution_id=inst.pk, strategyarea_id=area.pk)
            for inst in created
            for area in rng.sample(areas, 2)
        ]
        through.objects.bulk_create(links, batch_size=BATCH * 2)
        per_institution = max(1, options["contacts"] // max(1, options["institutions"]))
        people = [
            ContactPerson(
                institution_id=inst.pk,
                first_name="Skala",
                last_name=f"Kontakt {inst.pk}-{k + 1}",
                email=f"skala{inst.pk}-{k + 1}@example.invalid",
                is_demo=True,
            )
            for inst in created
            for k in range(per_institution)
        ]
        ContactPerson.objects.bulk_create(people, batch_size=BATCH)
        bump("stakeholders")
        self.stdout.write(
            self.style.SUCCESS(f"Created {len(created)} institutions and {len(people)} contacts.")
        )
