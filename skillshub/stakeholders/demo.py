"""The demo network of województwo lubuskie, built from the test factories.

Public institutions bear their public names (without identifiers, which we would otherwise have
to invent); private firms and every person are obviously fictional and marked as demo data.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.models import User
from skillshub.core.models import County, StrategyArea, TargetGroup

from . import services
from .choices import InstitutionKind as K
from .choices import InstitutionStatus, InteractionKind, LegalBasis
from .models import Institution, Pillar
from .tests.factories import JoinApplicationFactory, nip_with_checksum

# County TERYT -> the town where its offices sit (city counties are their own seat).
SEATS = {
    "0801": "Gorzów Wielkopolski", "0802": "Krosno Odrzańskie", "0803": "Międzyrzecz",
    "0804": "Nowa Sól", "0805": "Słubice", "0806": "Strzelce Krajeńskie", "0807": "Sulęcin",
    "0808": "Świebodzin", "0809": "Zielona Góra", "0810": "Żagań", "0811": "Żary",
    "0812": "Wschowa", "0861": "Gorzów Wielkopolski", "0862": "Zielona Góra",
}  # fmt: skip
# County labour offices: Gorzów city and county share one, as do Zielona Góra city and county.
PUP_COUNTIES = ["0861", "0802", "0803", "0804", "0805", "0806", "0807", "0808", "0862", "0810", "0811", "0812"]  # fmt: skip

REGIONAL = [
    ("Wojewódzki Urząd Pracy w Zielonej Górze", "WUP", K.LABOUR_OFFICE, "0862", "zarządzanie strategiczne"),
    ("Urząd Marszałkowski Województwa Lubuskiego", "UMWL", K.LOCAL_GOVERNMENT, "0861", "zarządzanie strategiczne"),
    ("Uniwersytet Zielonogórski", "UZ", K.UNIVERSITY, "0862", "oświata"),
    ("Akademia im. Jakuba z Paradyża w Gorzowie Wielkopolskim", "AJP", K.UNIVERSITY, "0861", "oświata"),
    ("Lubuska Wojewódzka Komenda Ochotniczych Hufców Pracy", "LWK OHP", K.OHP, "0862", "oświata"),
    ("Lubuski Kurator Oświaty", "", K.LOCAL_GOVERNMENT, "0861", "oświata"),
    ("Zachodnia Izba Przemysłowo-Handlowa", "ZIPH", K.EMPLOYERS_ORGANISATION, "0861", "gospodarka"),
    ("Lubuska Izba Rzemiosła i Przedsiębiorczości", "", K.EMPLOYERS_ORGANISATION, "0862", "gospodarka"),
    ("Lubuska Organizacja Pracodawców", "", K.EMPLOYERS_ORGANISATION, "0862", "dialog społeczny"),
    ("Zarząd Regionu Gorzowskiego NSZZ „Solidarność”", "", K.TRADE_UNION, "0861", "dialog społeczny"),
    ("Rada Wojewódzka OPZZ Województwa Lubuskiego", "", K.TRADE_UNION, "0862", "dialog społeczny"),
    ("Lubuskie Centrum Rozwoju Zawodowego", "", K.CKZ_CKU, "0862", "oświata"),
    ("Wojewódzki Ośrodek Metodyczny w Gorzowie Wielkopolskim", "WOM", K.OTHER, "0861", "oświata"),
]  # fmt: skip

PER_COUNTY = [
    # (name pattern, kind, pillar); {seat} is the county's town in the locative where needed.
    ("Starostwo Powiatowe {loc}", K.LOCAL_GOVERNMENT, "zarządzanie strategiczne"),
    ("Zespół Szkół Ponadpodstawowych nr 1 {loc}", K.SCHOOL, "oświata"),
    ("Zespół Szkół Technicznych {loc}", K.SCHOOL, "oświata"),
    ("Centrum Kształcenia Zawodowego {loc}", K.CKZ_CKU, "oświata"),
    ("Poradnia Psychologiczno-Pedagogiczna {loc}", K.OTHER, "oświata"),
    ("Demo Szkolenia {town} sp. z o.o. (firma fikcyjna)", K.TRAINING_PROVIDER, "gospodarka"),
    ("Fikcyjne Zakłady Produkcyjne {town} S.A. (demo)", K.EMPLOYER, "gospodarka"),
    ("Stowarzyszenie Demo na rzecz Edukacji {town}", K.NGO, "dialog społeczny"),
    ("Przykładowa Fundacja Rozwoju Zawodowego {town} (demo)", K.NGO, "dialog społeczny"),
    ("Demo Akademia Kompetencji {town} (firma fikcyjna)", K.TRAINING_PROVIDER, "fundusze europejskie"),
]  # fmt: skip

LOCATIVE = {
    "Gorzów Wielkopolski": "w Gorzowie Wielkopolskim", "Krosno Odrzańskie": "w Krośnie Odrzańskim",
    "Międzyrzecz": "w Międzyrzeczu", "Nowa Sól": "w Nowej Soli", "Słubice": "w Słubicach",
    "Strzelce Krajeńskie": "w Strzelcach Krajeńskich", "Sulęcin": "w Sulęcinie",
    "Świebodzin": "w Świebodzinie", "Zielona Góra": "w Zielonej Górze", "Żagań": "w Żaganiu",
    "Żary": "w Żarach", "Wschowa": "we Wschowie",
}  # fmt: skip

DEMO_FIRST = ["Demo", "Testowa", "Przykładowy", "Fikcyjna", "Próbny", "Wzorcowa"]
DEMO_LAST = ["Kontakt", "Osoba", "Użytkownik", "Przykład", "Testowy", "Demonstracyjna"]
POSITIONS = ["dyrektor/ka", "koordynator/ka projektów", "doradca zawodowy", "specjalista/ka ds. szkoleń", "kierownik/czka działu"]  # fmt: skip
SUBJECTS = [
    "Spotkanie w sprawie kształcenia zawodowego", "Konsultacje programu wdrożeniowego ZSU",
    "Rozmowa o potrzebach kadrowych pracodawców", "Udział w targach pracy",
    "Zaproszenie na posiedzenie WZK", "Uzgodnienie danych do katalogu ofert",
]  # fmt: skip

DEMO_USERS = [
    ("admin", Role.OFFICE_ADMIN, "Administrator", "Demo"),
    ("biuro", Role.OFFICE_STAFF, "Pracownik Biura", "Demo"),
    ("czlonek", Role.TEAM_MEMBER, "Członek WZK", "Demo"),
    ("kontakt", Role.INSTITUTION_CONTACT, "Kontakt Instytucji", "Demo"),
    ("doradca", Role.GUIDANCE_EDITOR, "Doradca", "Demo"),
]
DEMO_PASSWORD = "demo"


@dataclass
class DemoSummary:
    institutions: int
    contacts: int
    interactions: int
    applications: int
    users: list[str]


def _user(username: str, role: str, first: str, last: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.invalid",
            "is_demo": True,
            "is_staff": role == Role.OFFICE_ADMIN,
            "is_superuser": role == Role.OFFICE_ADMIN,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def build_demo(*, seed: int = 2030) -> DemoSummary:
    rng = random.Random(seed)
    users = {name: _user(name, role, first, last) for name, role, first, last in DEMO_USERS}
    office = users["biuro"]
    counties = {c.teryt: c for c in County.objects.in_region()}
    areas = list(StrategyArea.objects.filter(part="detailed"))
    groups = list(TargetGroup.objects.all())
    pillars = {p.name: p for p in Pillar.objects.all()}

    specs: list[
        tuple[str, str, str, str, str, bool]
    ] = []  # name, short, kind, county, pillar, real
    for name, short, kind, teryt, pillar in REGIONAL:
        specs.append((name, short, kind, teryt, pillar, True))
    for teryt in PUP_COUNTIES:
        town = SEATS[teryt]
        specs.append((f"Powiatowy Urząd Pracy {LOCATIVE[town]}", "PUP", K.LABOUR_OFFICE, teryt, "zarządzanie strategiczne", True))  # fmt: skip
    for teryt, county in counties.items():
        town = SEATS[teryt]
        for pattern, kind, pillar in PER_COUNTY:
            if county.kind == "city" and pattern.startswith("Starostwo"):
                pattern = "Urząd Miasta {town}"
            name = pattern.format(loc=LOCATIVE[town], town=town)
            real = "demo" not in name.lower() and "fikcyjn" not in name.lower()
            # The same seat serves a land county and its city county: keep names unique.
            if any(s[0] == name for s in specs):
                name = f"{name} (powiat {county.name})"
            specs.append((name, "", kind, teryt, pillar, real))

    institutions: list[Institution] = []
    for n, (name, short, kind_value, teryt, pillar, real) in enumerate(specs):
        county = counties[teryt]
        institution = services.institution_create(
            actor=office,
            data={
                "name": name,
                "short_name": short,
                "kind": kind_value,
                "pillar": pillars.get(pillar),
                "nip": "" if real else nip_with_checksum(n + 1),
                "county": county,
                "city": SEATS[teryt],
                "street": f"ul. Przykładowa {n + 1} (adres demonstracyjny)",
                "postal_code": "",
                "website": "",
                "email": f"instytucja{n + 1}@example.invalid",
                "listed_publicly": rng.random() < 0.85,
                "description": "Dane demonstracyjne.",
                "is_demo": True,
            },
            areas=rng.sample(areas, rng.randint(1, 3)),
            target_groups=rng.sample(groups, rng.randint(1, 3)),
            verb="seed_demo",
        )
        institutions.append(institution)

    contacts = interactions = 0
    today = timezone.localdate()
    for n, institution in enumerate(institutions):
        people = []
        for k in range(rng.randint(1, 3)):
            person = services.contact_create(
                institution=institution,
                actor=office,
                data={
                    "first_name": DEMO_FIRST[(n + k) % len(DEMO_FIRST)],
                    "last_name": f"{DEMO_LAST[(n + 2 * k) % len(DEMO_LAST)]} {n + 1}-{k + 1}",
                    "position": rng.choice(POSITIONS),
                    "email": f"osoba{n + 1}-{k + 1}@example.invalid",
                    "phone": "",
                },
                is_demo=True,
            )
            services.consent_record(
                contact=person,
                actor=office,
                basis=rng.choice([LegalBasis.CONSENT, LegalBasis.PUBLIC_TASK]),
                scope="kontakt w sprawach sieci współpracy ZSU 2030 (demo)",
                source="dane demonstracyjne",
            )
            people.append(person)
            contacts += 1
        for _ in range(rng.randint(0, 3)):
            date = today - datetime.timedelta(days=rng.randint(1, 300))
            follow = rng.random() < 0.3
            services.interaction_log(
                institution=institution,
                actor=office,
                data={
                    "kind": rng.choice(InteractionKind.values),
                    "date": date,
                    "subject": rng.choice(SUBJECTS),
                    "note": "Notatka demonstracyjna.",
                    "follow_up": "Przesłać materiały po spotkaniu" if follow else "",
                    "follow_up_due": date + datetime.timedelta(days=14) if follow else None,
                },
                contacts=people[:1],
            )
            interactions += 1
    # The demo contact account belongs to a person at the vocational training centre in Żary,
    # so that "kontakt" can submit learning offers for it on the portal.
    ckz_zary = next(
        (i for i in institutions if i.kind == K.CKZ_CKU and i.county.teryt == "0811"),
        institutions[len(REGIONAL)],
    )
    first_contact = ckz_zary.contacts.first()
    if first_contact is not None:
        services.contact_update(
            contact=first_contact, actor=office, data={"user": users["kontakt"]}
        )
    for institution in rng.sample([i for i in institutions[len(REGIONAL) :] if i != ckz_zary], 4):
        services.institution_set_status(
            institution=institution, actor=office, status=InstitutionStatus.ARCHIVED
        )

    # Applications waiting for review, two of which look like known institutions.
    fictional = [i for i in institutions if i.nip]
    zary = counties["0811"]
    apps = [
        JoinApplicationFactory(county=zary, city="Żary", consent_listing=True),
        JoinApplicationFactory(
            institution_name="Demo Szkolenia Nowa Sól sp. z o.o.",
            kind=K.TRAINING_PROVIDER,
            nip=fictional[0].nip,
            county=fictional[0].county,
            city=fictional[0].city,
        ),
        JoinApplicationFactory(
            institution_name="Zespół Szkół Technicznych, Żary",
            county=zary,
            city="Żary",
        ),
    ]
    return DemoSummary(
        institutions=len(institutions),
        contacts=contacts,
        interactions=interactions,
        applications=len(apps),
        users=list(users),
    )
