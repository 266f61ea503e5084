"""Career-guidance demo data: services of the county labour offices, the counselling centres,
OHP, the universities' career offices and NGOs, and upcoming events with registrations.

Some gaps are left on purpose, as a region really has them, so that the coverage view has
something to show: nobody serves pupils in powiat sulęciński, and migrants are served only
in the two cities. Every row is marked as demo data; the people registered are fictional.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.utils import timezone

from skillshub.accounts.models import User
from skillshub.core.models import County, TargetGroup
from skillshub.stakeholders.models import ContactPerson, Institution
from skillshub.stakeholders.selectors import institution_named

from .choices import RegistrationStatus, ServiceKind, ServiceMode
from .models import GuidanceEvent, GuidanceService
from .tests.factories import GuidanceEventFactory, GuidanceServiceFactory, RegistrationFactory

UNSERVED_PUPILS = "0807"  # powiat sulęciński: the gap the demo's coverage map shows


@dataclass
class GuidanceDemo:
    services: int
    events: int
    registrations: int


@transaction.atomic
def build_guidance_demo(*, office_user: Any) -> GuidanceDemo | None:
    if GuidanceService.objects.filter(is_demo=True).exists():
        return None
    rng = random.Random(7)
    counties = {c.teryt: c for c in County.objects.in_region()}
    g = {t.code: t for t in TargetGroup.objects.all()}
    services: list[GuidanceService] = []

    def service(provider: Institution | None, **kwargs: Any) -> GuidanceService | None:
        if provider is None:
            return None
        made = cast(
            GuidanceService,
            GuidanceServiceFactory(
                provider=provider,
                address=f"{provider.city} (adres demonstracyjny)",
                contact_email="doradztwo.demo@example.invalid",
                contact_phone="+48 68 000 00 00",
                created_by=office_user,
                **kwargs,
            ),
        )
        services.append(made)
        return made

    for teryt, county in counties.items():
        pup = institution_named("Powiatowy Urząd Pracy", county=county)
        # City and land counties share one labour office: it serves both.
        shared = [c for c in counties.values() if c.seat and c.seat == county.seat]
        if pup is not None and pup.county_id == county.pk:
            service(
                pup,
                title=f"Indywidualne poradnictwo zawodowe — {pup.name}",
                kind=ServiceKind.INDIVIDUAL_ADVICE,
                description=(
                    "Rozmowa z doradcą zawodowym: bilans umiejętności, plan działania, wybór "
                    "szkolenia. Dla osób dorosłych, także 50+. Usługa demonstracyjna."
                ),
                counties=shared or [county],
                target_groups=[g["adults"], g["50plus"]],
            )
            service(
                pup,
                title=f"Warsztaty aktywnego poszukiwania pracy — {pup.name}",
                kind=ServiceKind.GROUP_WORKSHOP,
                description="Grupowe warsztaty: CV, rozmowa kwalifikacyjna. Demonstracyjne.",
                counties=shared or [county],
                target_groups=[g["adults"], g["neet"]],
            )
        if teryt != UNSERVED_PUPILS:
            service(
                institution_named("Poradnia Psychologiczno-Pedagogiczna", county=county),
                title="Badanie predyspozycji i zainteresowań zawodowych uczniów",
                kind=ServiceKind.INTEREST_TESTS,
                description=(
                    "Testy zainteresowań zawodowych i konsultacja wyboru szkoły dla uczniów "
                    "klas 7–8. Usługa demonstracyjna."
                ),
                counties=[county],
                target_groups=[g["pupils"], g["disability"]]
                if rng.random() < 0.4
                else [g["pupils"]],
            )
    for city, locative in (("0862", "w Zielonej Górze"), ("0861", "w Gorzowie Wielkopolskim")):
        service(
            institution_named("Wojewódzki Urząd Pracy"),
            title=f"Centrum Informacji i Planowania Kariery Zawodowej {locative}",
            kind=ServiceKind.INDIVIDUAL_ADVICE,
            mode=ServiceMode.BOTH,
            description=(
                f"Doradztwo zawodowe dla osób dorosłych {locative}, na miejscu i online, także "
                "dla migrantów (po polsku, angielsku i ukraińsku). Usługa demonstracyjna."
            ),
            counties=[counties[city]],
            target_groups=[g["adults"], g["migrants"]],
        )
    service(
        institution_named("Ochotniczych Hufców Pracy"),
        title="Młodzieżowe Centrum Kariery OHP — doradztwo dla młodzieży 15–25",
        kind=ServiceKind.INDIVIDUAL_ADVICE,
        description="Doradztwo i informacja zawodowa dla młodzieży, w tym NEET. Demonstracyjne.",
        counties=[counties[t] for t in ("0862", "0809", "0861", "0811", "0810")],
        target_groups=[g["neet"], g["pupils"]],
    )
    service(
        institution_named("Uniwersytet Zielonogórski"),
        title="Biuro Karier Uniwersytetu Zielonogórskiego",
        kind=ServiceKind.INFORMATION,
        description="Doradztwo kariery dla studentów i absolwentów. Usługa demonstracyjna.",
        counties=[counties["0862"]],
        target_groups=[g["students"]],
    )
    service(
        institution_named("Akademia im. Jakuba z Paradyża"),
        title="Akademickie Biuro Karier AJP",
        kind=ServiceKind.INFORMATION,
        description="Doradztwo kariery dla studentów. Usługa demonstracyjna.",
        counties=[counties["0861"]],
        target_groups=[g["students"]],
    )

    # The guidance editor account works at the labour office in Żary.
    editor = User.objects.filter(username="doradca").first()
    pup_zary = institution_named("Powiatowy Urząd Pracy w Żarach")
    if editor is not None and pup_zary is not None and not hasattr(editor, "contact_person"):
        ContactPerson.objects.create(
            institution=pup_zary,
            first_name="Doradca",
            last_name="Demonstracyjny",
            position="doradca zawodowy",
            email=editor.email,
            user=editor,
            is_demo=True,
        )

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    events: list[GuidanceEvent] = []
    plans: list[tuple[str, str, str | None, int, list[str]]] = [
        (
            "Targi Pracy i Edukacji w Żarach",
            ServiceKind.JOB_FAIR,
            "0811",
            200,
            ["adults", "pupils"],
        ),
        ("Warsztaty: jak napisać dobre CV", ServiceKind.GROUP_WORKSHOP, "0811", 3, ["adults"]),
        (
            "Dzień otwarty szkół branżowych w Zielonej Górze",
            ServiceKind.INFORMATION,
            "0862",
            120,
            ["pupils"],
        ),
        (
            "Warsztaty wyboru zawodu dla uczniów klas ósmych",
            ServiceKind.GROUP_WORKSHOP,
            "0861",
            25,
            ["pupils"],
        ),
        ("Giełda pracy dla osób 50+", ServiceKind.JOB_FAIR, "0804", 80, ["50plus", "adults"]),
        (
            "Testy zainteresowań zawodowych — sesja grupowa",
            ServiceKind.INTEREST_TESTS,
            "0808",
            15,
            ["pupils"],
        ),
        (
            "Spotkanie informacyjne: praca i nauka dla migrantów",
            ServiceKind.INFORMATION,
            "0862",
            40,
            ["migrants"],
        ),
        (
            "Warsztaty kompetencji cyfrowych (online)",
            ServiceKind.GROUP_WORKSHOP,
            None,
            30,
            ["adults", "neet"],
        ),
    ]
    for n, (title, kind, where, capacity, groups) in enumerate(plans):
        place_county = counties[where] if where else None
        organiser = (
            institution_named("Powiatowy Urząd Pracy", county=place_county)
            if place_county
            else institution_named("Wojewódzki Urząd Pracy")
        ) or institution_named("Wojewódzki Urząd Pracy")
        starts = now + datetime.timedelta(days=7 + 5 * n, hours=10 - now.hour)
        events.append(
            cast(
                GuidanceEvent,
                GuidanceEventFactory(
                    provider=organiser,
                    title=f"{title} (wydarzenie demonstracyjne)",
                    kind=kind,
                    county=place_county,
                    is_online=place_county is None,
                    place=(organiser.city if organiser and place_county else "online"),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=3),
                    capacity=capacity,
                    description=f"{title}. Wstęp wolny po zapisie. Wydarzenie demonstracyjne.",
                    target_groups=[g[c] for c in groups],
                    created_by=office_user,
                ),
            )
        )
    # The CV workshop in Żary is full, with one person on the waiting list.
    registrations = 0
    cv = events[1]
    for k in range(4):
        RegistrationFactory(
            event=cv,
            full_name=f"Uczestnik Demonstracyjny {k + 1}",
            email=f"uczestnik.demo{k + 1}@example.invalid",
            status=RegistrationStatus.CONFIRMED if k < 3 else RegistrationStatus.WAITING,
        )
        registrations += 1
    return GuidanceDemo(services=len(services), events=len(events), registrations=registrations)
