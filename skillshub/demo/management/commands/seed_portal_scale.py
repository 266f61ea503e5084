"""Make the public portal at scale for benchmarks: 100,000 learning offers, 5,000 guidance
services, 20,000 events and 5,000 news items by default, then rebuild the search index once.

Bulk inserts, not services: the services lock, validate, audit, e-mail and index row by row,
which for 130,000 rows would take a long time and fill the audit trail with work no one did.
``bulk_create`` sends no ``post_save`` and the M2M rows go straight into the through tables (no
``m2m_changed``), so the search signal handlers never fire during the load; the index is built
once at the end with ``skillshub.core.search.rebuild()``.

The text is varied Polish generated from word lists (course titles, occupations, the region's
towns in the locative, target groups) so that benchmark queries have realistic selectivity: some
words match tens of thousands of rows, some a handful. Marked as demo data (``is_demo``); never
run it on a production database. Running it again does nothing once the offers are there (the
marker is the import key prefix ``skala-``).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from skillshub.core import search
from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.core.pagecache import bump
from skillshub.core.search import SearchDocument
from skillshub.guidance.choices import EventStatus, ServiceKind, ServiceMode
from skillshub.guidance.choices import PublicationStatus as GuidanceStatus
from skillshub.guidance.models import GuidanceEvent, GuidanceService
from skillshub.portal.choices import OfferKind, OfferStatus, PublicationStatus
from skillshub.portal.models import LearningOffer, NewsItem
from skillshub.stakeholders.choices import InstitutionKind
from skillshub.stakeholders.models import Institution, fold

MARKER = "skala-"  # LearningOffer.source_key prefix; NewsItem.slug prefix
BATCH = 4000
PROVIDERS = 2000  # institutions that offer something
OWN_PROVIDERS = 300  # made when the register is (nearly) empty

# County TERYT → towns (nominative, locative with its preposition). The first is the seat.
TOWNS: dict[str, list[tuple[str, str]]] = {
    "0801": [("Kostrzyn nad Odrą", "w Kostrzynie nad Odrą"), ("Witnica", "w Witnicy"),
             ("Deszczno", "w Deszcznie")],
    "0802": [("Krosno Odrzańskie", "w Krośnie Odrzańskim"), ("Gubin", "w Gubinie")],
    "0803": [("Międzyrzecz", "w Międzyrzeczu"), ("Skwierzyna", "w Skwierzynie")],
    "0804": [("Nowa Sól", "w Nowej Soli"), ("Kożuchów", "w Kożuchowie")],
    "0805": [("Słubice", "w Słubicach"), ("Rzepin", "w Rzepinie")],
    "0806": [("Strzelce Krajeńskie", "w Strzelcach Krajeńskich"), ("Drezdenko", "w Drezdenku")],
    "0807": [("Sulęcin", "w Sulęcinie"), ("Torzym", "w Torzymiu")],
    "0808": [("Świebodzin", "w Świebodzinie"), ("Zbąszynek", "w Zbąszynku")],
    "0809": [("Sulechów", "w Sulechowie"), ("Nowogród Bobrzański", "w Nowogrodzie Bobrzańskim")],
    "0810": [("Żagań", "w Żaganiu"), ("Szprotawa", "w Szprotawie")],
    "0811": [("Żary", "w Żarach"), ("Lubsko", "w Lubsku")],
    "0812": [("Wschowa", "we Wschowie"), ("Sława", "w Sławie")],
    "0861": [("Gorzów Wielkopolski", "w Gorzowie Wielkopolskim")],
    "0862": [("Zielona Góra", "w Zielonej Górze")],
}  # fmt: skip
# The two cities get more of everything, as they do in life.
COUNTY_WEIGHTS = {"0861": 6, "0862": 6, "0811": 2, "0810": 2, "0804": 2, "0808": 2}
STREETS = ["ul. Kościuszki", "ul. Mickiewicza", "ul. Chrobrego", "ul. Słowackiego",
           "ul. Piłsudskiego", "ul. Wojska Polskiego", "ul. Sienkiewicza", "ul. Szkolna",
           "ul. Dworcowa", "al. Niepodległości"]  # fmt: skip

# Offer titles by kind, with occupation codes where they exist (KZiS).
SCHOOL_OCCUPATIONS = [
    ("Technik informatyk", "351203"), ("Technik programista", "351406"),
    ("Technik logistyk", "333107"), ("Technik mechatronik", "311410"),
    ("Technik ekonomista", "331403"), ("Technik budownictwa", "311204"),
    ("Technik hotelarstwa", "422402"), ("Technik żywienia i usług gastronomicznych", "343404"),
    ("Technik pojazdów samochodowych", "311513"), ("Technik elektryk", "311303"),
    ("Technik rachunkowości", "431103"), ("Technik usług fryzjerskich", "514105"),
    ("Technik weterynarii", "324002"), ("Technik rolnik", "314207"),
    ("Mechanik pojazdów samochodowych", "723103"), ("Elektryk", "741103"),
    ("Kucharz", "512001"), ("Fryzjer", "514101"), ("Cukiernik", "751201"),
    ("Stolarz", "752205"), ("Magazynier-logistyk", "432106"),
    ("Operator obrabiarek skrawających", "722307"), ("Murarz-tynkarz", "711204"),
    ("Monter sieci i instalacji sanitarnych", "712616"), ("Sprzedawca", "522301"),
]  # fmt: skip
QUALIFICATIONS = [
    "KKZ INF.02 Administracja i eksploatacja systemów komputerowych",
    "KKZ INF.03 Tworzenie i administrowanie stronami internetowymi",
    "KKZ SPL.01 Obsługa magazynów", "KKZ SPL.04 Organizacja transportu",
    "KKZ MEC.08 Wykonywanie i naprawa elementów maszyn",
    "KKZ HGT.02 Przygotowanie i wydawanie dań",
    "KKZ EKA.04 Prowadzenie dokumentacji w jednostce organizacyjnej",
    "KKZ ELE.02 Montaż i konserwacja instalacji elektrycznych",
    "KKZ BUD.12 Wykonywanie robót murarskich i tynkarskich",
    "KKZ FRK.01 Wykonywanie usług fryzjerskich", "KKZ MOT.05 Obsługa pojazdów samochodowych",
    "KKZ ROL.04 Prowadzenie produkcji rolniczej", "KKZ OGR.01 Zakładanie terenów zieleni",
]  # fmt: skip
COURSES = [
    "Kurs spawania metodą MAG", "Kurs spawania metodą TIG", "Kurs spawania gazowego",
    "Kurs operatora wózków widłowych", "Kurs obsługi koparko-ładowarki",
    "Kurs języka niemieckiego dla początkujących", "Kurs języka niemieckiego zawodowego",
    "Kurs języka angielskiego w biznesie", "Kurs języka polskiego dla cudzoziemców",
    "Kurs kadry i płace", "Kurs księgowości od podstaw", "Kurs pierwszej pomocy",
    "Kurs prawa jazdy kategorii C+E", "Kurs kompetencji cyfrowych dla seniorów",
    "Kurs grafiki komputerowej", "Kurs programowania w Pythonie", "Kurs opiekunki osób starszych",
    "Kurs florystyki", "Kurs uprawnień SEP do 1 kV", "Kurs obsługi kasy fiskalnej",
    "Kurs barmański", "Kurs stylizacji paznokci", "Szkolenie BHP dla pracodawców",
    "Kurs operatora obrabiarek CNC", "Kurs Excel dla zaawansowanych",
    "Kurs marketingu internetowego", "Kurs magazyniera z obsługą programu WMS",
    "Kurs kosmetyczny", "Kurs cukierniczy", "Kurs pilarza", "Kurs dekarza",
]  # fmt: skip
STUDIES = [
    "Studia podyplomowe logistyka i zarządzanie łańcuchem dostaw",
    "Studia podyplomowe doradztwo zawodowe i personalne",
    "Studia podyplomowe rachunkowość i finanse", "Studia podyplomowe zarządzanie projektami",
    "Studia podyplomowe pedagogika pracy", "Studia podyplomowe analityka danych",
    "Studia podyplomowe bezpieczeństwo i higiena pracy", "Studia podyplomowe logopedia",
    "Studia podyplomowe kadry i płace", "Studia pierwszego stopnia informatyka",
    "Studia inżynierskie mechatronika", "Studia magisterskie pielęgniarstwo",
    "Studia dualne logistyka", "Studia inżynierskie budownictwo",
]  # fmt: skip
OTHER = [
    "Warsztaty przedsiębiorczości", "Doradztwo zawodowe dla osób dorosłych",
    "Bootcamp programistyczny", "Staż zawodowy w firmie logistycznej",
    "Szkolenie z autoprezentacji", "Klub pracy", "Mikropoświadczenie kompetencji cyfrowych",
    "Uniwersytet trzeciego wieku", "Akademia kompetencji miękkich",
]  # fmt: skip
OFFER_KIND_WEIGHTS = {
    OfferKind.SCHOOL_OCCUPATION: 15, OfferKind.QUALIFICATION_COURSE: 15,
    OfferKind.COURSE: 50, OfferKind.STUDIES: 10, OfferKind.OTHER: 10,
}  # fmt: skip
# Target group code → "dla …" (genitive) as written in titles.
GROUP_PHRASES = {
    "pupils": "dla uczniów", "students": "dla studentów", "adults": "dla osób dorosłych",
    "disability": "dla osób z niepełnosprawnościami", "50plus": "dla osób 50+",
    "neet": "dla młodzieży NEET", "migrants": "dla migrantów", "employers": "dla pracodawców",
    "teachers": "dla nauczycieli",
}  # fmt: skip
PROGRAMME = [
    "zajęcia teoretyczne i praktyczne", "ćwiczenia w pracowni", "praktyki u pracodawcy",
    "przygotowanie do egzaminu zawodowego", "bezpieczeństwo i higienę pracy",
    "obsługę nowoczesnych urządzeń", "pracę w zespole", "podstawy prawa pracy",
    "kompetencje cyfrowe", "komunikację z klientem", "zajęcia z języka obcego zawodowego",
]  # fmt: skip
CERTIFICATES = [
    "zaświadczenie zgodne z rozporządzeniem MEN", "certyfikat", "świadectwo kwalifikacji",
    "mikropoświadczenie", "dyplom ukończenia studiów podyplomowych", "zaświadczenie",
]  # fmt: skip

SERVICES = [
    ("Indywidualne doradztwo zawodowe", ServiceKind.INDIVIDUAL_ADVICE),
    ("Doradztwo edukacyjno-zawodowe", ServiceKind.INDIVIDUAL_ADVICE),
    ("Poradnictwo zawodowe", ServiceKind.INDIVIDUAL_ADVICE),
    ("Konsultacje CV i rozmowy kwalifikacyjnej", ServiceKind.INDIVIDUAL_ADVICE),
    ("Coaching kariery", ServiceKind.INDIVIDUAL_ADVICE),
    ("Warsztaty planowania kariery", ServiceKind.GROUP_WORKSHOP),
    ("Grupowe zajęcia aktywizacyjne", ServiceKind.GROUP_WORKSHOP),
    ("Warsztaty poszukiwania pracy", ServiceKind.GROUP_WORKSHOP),
    ("Badanie predyspozycji zawodowych", ServiceKind.INTEREST_TESTS),
    ("Testy zainteresowań zawodowych", ServiceKind.INTEREST_TESTS),
    ("Targi pracy i edukacji", ServiceKind.JOB_FAIR),
    ("Giełda pracy", ServiceKind.JOB_FAIR),
    ("Informacja o rynku pracy", ServiceKind.INFORMATION),
    ("Informacja o kierunkach kształcenia", ServiceKind.INFORMATION),
]  # fmt: skip
EVENTS = [
    ("Targi pracy", ServiceKind.JOB_FAIR), ("Targi edukacyjne", ServiceKind.JOB_FAIR),
    ("Giełda pracy", ServiceKind.JOB_FAIR), ("Festiwal zawodów", ServiceKind.JOB_FAIR),
    ("Dzień otwarty szkoły branżowej", ServiceKind.INFORMATION),
    ("Spotkanie z doradcą zawodowym", ServiceKind.INDIVIDUAL_ADVICE),
    ("Warsztaty: jak napisać CV", ServiceKind.GROUP_WORKSHOP),
    ("Warsztaty rozmowy kwalifikacyjnej", ServiceKind.GROUP_WORKSHOP),
    ("Warsztaty planowania ścieżki kariery", ServiceKind.GROUP_WORKSHOP),
    ("Webinar: zawody przyszłości", ServiceKind.INFORMATION),
    ("Tydzień kariery", ServiceKind.INFORMATION),
    ("Badanie predyspozycji zawodowych", ServiceKind.INTEREST_TESTS),
]  # fmt: skip
# draft, published, cancelled, archived (the order of EventStatus)
EVENT_STATUS_WEIGHTS = [5, 85, 5, 5]
NEWS = [
    "Rusza nabór na kwalifikacyjne kursy zawodowe {loc}",
    "Targi pracy {loc} już w przyszłym miesiącu", "Bezpłatne szkolenia {group} {loc}",
    "Nowe kierunki kształcenia w szkołach branżowych {loc}",
    "Wyniki egzaminów zawodowych {year} w województwie lubuskim",
    "Dzień doradztwa zawodowego {loc}", "Konferencja WZK o kompetencjach cyfrowych",
    "Pracodawcy szukają spawaczy i operatorów CNC", "Rekrutacja na studia podyplomowe {year}",
    "Szkoła branżowa {loc} otwiera pracownię mechatroniki",
    "Mikropoświadczenia w ofercie szkoleniowej regionu", "Barometr zawodów {year}: deficyty",
]  # fmt: skip


def _batches(items: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Places:
    """Random places of the region, weighted to the cities: (county, town, locative)."""

    def __init__(self, counties: list[County], rng: random.Random) -> None:
        self.rng = rng
        self.choices: list[tuple[County, str, str]] = []
        weights: list[int] = []
        for county in counties:
            towns = TOWNS.get(county.teryt) or [(county.seat or county.name, f"w {county.name}")]
            for town, loc in towns:
                self.choices.append((county, town, loc))
                weights.append(COUNTY_WEIGHTS.get(county.teryt, 1))
        self.weights = weights

    def pick(self) -> tuple[County, str, str]:
        return self.rng.choices(self.choices, weights=self.weights, k=1)[0]


class _FallbackProvider:
    """A minimal search provider for a kind whose app has not registered one yet, so that the
    benchmark can measure the engine before every app's ``search.py`` lands. Used only here."""

    def __init__(self, kind: str, model: Any, status: str) -> None:
        self.kind, self.model, self.status = kind, model, status

    def document_for(self, obj: Any) -> SearchDocument | None:
        if obj.status != self.status:
            return None
        county_id = getattr(obj, "county_id", None)
        text = getattr(obj, "description", "") or strip_tags(getattr(obj, "body", ""))
        return SearchDocument(
            kind=self.kind,
            object_id=obj.pk,
            url=obj.get_absolute_url(),
            title=obj.title,
            summary=getattr(obj, "lead", "") or text[:300],
            body=text,
            county_ids=(county_id,) if county_id else (),
            subkind=getattr(obj, "kind", ""),
            is_free=getattr(obj, "is_free", None),
            is_online=getattr(obj, "is_online", None),
        )

    def documents(self) -> Iterable[SearchDocument]:
        for obj in self.model.objects.filter(status=self.status).iterator(chunk_size=2000):
            doc = self.document_for(obj)
            if doc is not None:
                yield doc


class Command(BaseCommand):
    help = "Bulk-create learning offers, guidance services, events and news for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--offers", type=int, default=100_000)
        parser.add_argument("--services", type=int, default=5_000)
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument("--news", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=6)
        parser.add_argument(
            "--no-index", action="store_true", help="skip the search index rebuild at the end"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if LearningOffer.objects.filter(source_key__startswith=MARKER).exists():
            self.stdout.write("The scale portal data exist already; nothing to do.")
            return
        counties = list(County.objects.in_region().order_by("teryt"))
        groups = list(TargetGroup.objects.all())
        if not counties or not groups:
            raise CommandError("Load the region first: manage.py load_region 08; load_reference")
        self.rng = random.Random(options["seed"])
        self.places = _Places(counties, self.rng)
        self.groups = groups
        self.areas = list(StrategyArea.objects.filter(part="detailed"))
        self.today = timezone.localdate()
        self.now = timezone.now()

        started = time.monotonic()
        with transaction.atomic():
            providers = self._providers(counties)
            offers = self._offers(options["offers"], providers)
            services = self._services(options["services"], providers, counties)
            events = self._events(options["events"], providers, services)
            news = self._news(options["news"])
            bump("portal")
            bump("guidance")
        loaded = time.monotonic() - started
        self.stdout.write(
            f"Made {offers} offers, {len(services)} services, {events} events and "
            f"{news} news items in {loaded:.1f} s."
        )
        if options["no_index"]:
            return
        started = time.monotonic()
        fallbacks = self._fallback_providers()
        try:
            counts = search.rebuild()
        finally:
            for kind in fallbacks:
                search.unregister(kind)
        took = time.monotonic() - started
        if fallbacks:
            self.stdout.write(
                self.style.WARNING(
                    f"No search provider registered for {', '.join(fallbacks)}: indexed them "
                    "with this command's minimal fallback provider."
                )
            )
        summary = ", ".join(f"{kind} {count}" for kind, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt in {took:.1f} s: {summary} "
                f"({sum(counts.values())} entries in total)."
            )
        )

    # --- the rows ---------------------------------------------------------------------------

    def _providers(self, counties: list[County]) -> list[Institution]:
        """Reuse the register's listed institutions (``seed_scale`` makes 20,000), or make a few
        hundred providers when there are not enough."""
        existing = list(
            Institution.objects.listed()
            .order_by("pk")
            .only("pk", "name", "city", "county_id")[:PROVIDERS]
        )
        if len(existing) >= OWN_PROVIDERS:
            return existing
        names = ["Centrum Kształcenia Zawodowego", "Centrum Kształcenia Ustawicznego",
                 "Zespół Szkół Technicznych", "Zakład Doskonalenia Zawodowego",
                 "Powiatowy Urząd Pracy", "Akademia Nauk Stosowanych", "Fundacja Rozwoju Kariery",
                 "Ośrodek Szkoleniowy"]  # fmt: skip
        kinds = InstitutionKind.values
        made = []
        for n in range(OWN_PROVIDERS):
            county, town, loc = self.places.pick()
            name = f"{self.rng.choice(names)} {loc} nr {n + 1}"
            made.append(
                Institution(
                    name=name,
                    name_folded=fold(name),
                    kind=kinds[n % len(kinds)],
                    county=county,
                    city=town,
                    email=f"skala-dostawca{n + 1}@example.invalid",
                    listed_publicly=True,
                    is_demo=True,
                )
            )
        Institution.objects.bulk_create(made, batch_size=BATCH)
        return existing + made

    def _offer_title(self, kind: str) -> tuple[str, str]:
        rng = self.rng
        if kind == OfferKind.SCHOOL_OCCUPATION:
            title, code = rng.choice(SCHOOL_OCCUPATIONS)
            if rng.random() < 0.5:
                title = (
                    f"{title} – technikum"
                    if title.startswith("Technik")
                    else f"{title} – szkoła branżowa I stopnia"
                )
            return title, code
        if kind == OfferKind.QUALIFICATION_COURSE:
            return rng.choice(QUALIFICATIONS), ""
        if kind == OfferKind.STUDIES:
            return rng.choice(STUDIES), ""
        if kind == OfferKind.OTHER:
            return rng.choice(OTHER), ""
        return rng.choice(COURSES), ""

    def _description(self, provider: Institution, what: str, loc: str, online: bool) -> str:
        rng = self.rng
        where = "w formie zdalnej (online)" if online else f"{loc}, {rng.choice(STREETS)}"
        parts = [
            f"{provider.name} zaprasza: {what}.",
            f"Zajęcia odbywają się {where}.",
            f"Program obejmuje {', '.join(rng.sample(PROGRAMME, 3))}.",
            f"Po ukończeniu uczestnicy otrzymują {rng.choice(CERTIFICATES)}.",
        ]
        if rng.random() < 0.5:
            parts.append("Liczba miejsc ograniczona, decyduje kolejność zgłoszeń.")
        if rng.random() < 0.3:
            parts.append("Możliwość dofinansowania z Krajowego Funduszu Szkoleniowego.")
        return " ".join(parts)

    def _offers(self, total: int, providers: list[Institution]) -> int:
        rng = self.rng
        kinds = rng.choices(list(OFFER_KIND_WEIGHTS), list(OFFER_KIND_WEIGHTS.values()), k=total)
        statuses = [OfferStatus.PUBLISHED] * 85 + [OfferStatus.SUBMITTED] * 5
        statuses += [OfferStatus.DRAFT] * 4 + [OfferStatus.ARCHIVED] * 6
        offers: list[LearningOffer] = []
        group_codes: list[list[TargetGroup]] = []
        for n, kind in enumerate(kinds):
            provider = rng.choice(providers)
            county, town, loc = self.places.pick()
            online = rng.random() < 0.15
            title, code = self._offer_title(kind)
            chosen = rng.sample(self.groups, rng.randint(1, 3))
            if rng.random() < 0.35:
                title = f"{title} {GROUP_PHRASES.get(chosen[0].code, '')}".strip()
            if not online and rng.random() < 0.4:
                title = f"{title} {loc}"
            if rng.random() < 0.1:
                starts = ends = None
            else:
                starts = self.today + datetime.timedelta(days=rng.randint(-60, 365))
                ends = starts + datetime.timedelta(days=rng.randint(3, 300))
            free = rng.random() < 0.45
            status = rng.choice(statuses)
            offers.append(
                LearningOffer(
                    kind=kind,
                    title=title,
                    provider_id=provider.pk,
                    county=None if online and rng.random() < 0.5 else county,
                    place="" if online else f"{town}, {rng.choice(STREETS)} {rng.randint(1, 60)}",
                    is_online=online,
                    starts_on=starts,
                    ends_on=ends,
                    is_free=free,
                    price=None if free else Decimal(rng.randrange(200, 8000, 50)),
                    area=rng.choice(self.areas) if self.areas and rng.random() < 0.7 else None,
                    occupation_codes=code,
                    description=self._description(provider, title.lower(), loc, online),
                    url=f"https://example.invalid/oferta/{n + 1}",
                    status=status,
                    source_key=f"{MARKER}{n + 1}",
                    published_at=self.now if status == OfferStatus.PUBLISHED else None,
                    is_demo=True,
                )
            )
            group_codes.append(chosen)
        through = LearningOffer.target_groups.through
        for chunk, chunk_groups in zip(_batches(offers), _batches(group_codes), strict=True):
            made = LearningOffer.objects.bulk_create(chunk)
            through.objects.bulk_create(
                [
                    through(learningoffer_id=offer.pk, targetgroup_id=group.pk)
                    for offer, chosen in zip(made, chunk_groups, strict=True)
                    for group in chosen
                ]
            )
        return len(offers)

    def _services(
        self, total: int, providers: list[Institution], counties: list[County]
    ) -> list[GuidanceService]:
        rng = self.rng
        services: list[GuidanceService] = []
        served: list[list[County]] = []
        chosen_groups: list[list[TargetGroup]] = []
        for n in range(total):
            provider = rng.choice(providers)
            county, town, loc = self.places.pick()
            title, kind = rng.choice(SERVICES)
            chosen = rng.sample(self.groups, rng.randint(1, 3))
            title = f"{title} {GROUP_PHRASES.get(chosen[0].code, '')}".strip()
            if rng.random() < 0.3:
                title = f"{title} {loc}"
            mode = rng.choices(list(ServiceMode), weights=[70, 15, 15], k=1)[0]
            if rng.random() < 0.05:
                area = list(counties)  # region-wide
            else:
                area = [county, *rng.sample(counties, rng.randint(0, 2))]
            status = rng.choices(
                [GuidanceStatus.PUBLISHED, GuidanceStatus.DRAFT, GuidanceStatus.ARCHIVED],
                weights=[90, 5, 5],
                k=1,
            )[0]
            services.append(
                GuidanceService(
                    provider_id=provider.pk,
                    title=title,
                    kind=kind,
                    description=self._description(
                        provider, title.lower(), loc, mode == ServiceMode.ONLINE
                    ),
                    mode=mode,
                    is_free=rng.random() < 0.85,
                    address=f"{town}, {rng.choice(STREETS)} {rng.randint(1, 60)}",
                    contact_email=f"doradztwo{n + 1}@example.invalid",
                    contact_phone=f"+48 68 {rng.randint(100, 999)} {rng.randint(10, 99)} 00",
                    status=status,
                    is_demo=True,
                )
            )
            served.append(list({c.pk: c for c in area}.values()))
            chosen_groups.append(chosen)
        services = GuidanceService.objects.bulk_create(services, batch_size=BATCH)
        county_link = GuidanceService.counties.through
        group_link = GuidanceService.target_groups.through
        county_link.objects.bulk_create(
            [
                county_link(guidanceservice_id=s.pk, county_id=c.pk)
                for s, area in zip(services, served, strict=True)
                for c in area
            ],
            batch_size=BATCH,
        )
        group_link.objects.bulk_create(
            [
                group_link(guidanceservice_id=s.pk, targetgroup_id=g.pk)
                for s, chosen in zip(services, chosen_groups, strict=True)
                for g in chosen
            ],
            batch_size=BATCH,
        )
        return services

    def _events(
        self, total: int, providers: list[Institution], services: list[GuidanceService]
    ) -> int:
        rng = self.rng
        events: list[GuidanceEvent] = []
        chosen_groups: list[list[TargetGroup]] = []
        tz = timezone.get_current_timezone()
        for _n in range(total):
            provider = rng.choice(providers)
            county, town, loc = self.places.pick()
            title, kind = rng.choice(EVENTS)
            online = title.startswith("Webinar") or rng.random() < 0.1
            chosen = rng.sample(self.groups, rng.randint(1, 2))
            if rng.random() < 0.3:
                title = f"{title} {GROUP_PHRASES.get(chosen[0].code, '')}".strip()
            if not online:
                title = f"{title} {loc}"
            day = self.today + datetime.timedelta(days=rng.randint(-30, 365))
            starts = datetime.datetime.combine(
                day, datetime.time(rng.choice([9, 10, 11, 12, 14, 16, 17])), tzinfo=tz
            )
            status = rng.choices(list(EventStatus), weights=EVENT_STATUS_WEIGHTS, k=1)[0]
            events.append(
                GuidanceEvent(
                    provider_id=provider.pk,
                    service=rng.choice(services) if services and rng.random() < 0.3 else None,
                    title=title,
                    kind=kind,
                    description=self._description(provider, title.lower(), loc, online),
                    county=None if online and rng.random() < 0.5 else county,
                    place="" if online else f"{town}, {rng.choice(STREETS)} {rng.randint(1, 60)}",
                    is_online=online,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=rng.choice([1, 2, 3, 4, 6])),
                    is_free=rng.random() < 0.9,
                    capacity=rng.choice([None, 15, 20, 30, 50, 100, 200]),
                    status=status,
                    is_demo=True,
                )
            )
            chosen_groups.append(chosen)
        group_link = GuidanceEvent.target_groups.through
        for chunk, chunk_groups in zip(_batches(events), _batches(chosen_groups), strict=True):
            made = GuidanceEvent.objects.bulk_create(chunk)
            group_link.objects.bulk_create(
                [
                    group_link(guidanceevent_id=e.pk, targetgroup_id=g.pk)
                    for e, chosen in zip(made, chunk_groups, strict=True)
                    for g in chosen
                ]
            )
        return len(events)

    def _news(self, total: int) -> int:
        rng = self.rng
        items = []
        for n in range(total):
            _county, town, loc = self.places.pick()
            group = rng.choice(self.groups)
            year = self.today.year - rng.randint(0, 3)
            title = rng.choice(NEWS).format(
                loc=loc, group=GROUP_PHRASES.get(group.code, ""), year=year
            )
            title = " ".join(title.split())
            lead = (
                f"{title}. Informacja Wojewódzkiego Urzędu Pracy dla mieszkańców {town} "
                f"i całego województwa lubuskiego."
            )
            body = (
                f"<p>{lead}</p><p>Zapraszamy {GROUP_PHRASES.get(group.code, '')[4:]} "
                f"do kontaktu z doradcą zawodowym. Szczegóły {loc}, "
                f"{rng.choice(STREETS)} {rng.randint(1, 60)}.</p>"
            )
            published = rng.random() < 0.95
            items.append(
                NewsItem(
                    title=title[:200],
                    slug=f"{MARKER}wiadomosc-{n + 1}",
                    lead=lead[:400],
                    body=body,
                    status=PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT,
                    published_at=self.now - datetime.timedelta(days=rng.randint(0, 3 * 365))
                    if published
                    else None,
                    is_demo=True,
                )
            )
        NewsItem.objects.bulk_create(items, batch_size=BATCH)
        return len(items)

    def _fallback_providers(self) -> list[str]:
        known = set(search.registered_kinds())
        wanted = [
            ("offer", LearningOffer, OfferStatus.PUBLISHED),
            ("service", GuidanceService, GuidanceStatus.PUBLISHED),
            ("event", GuidanceEvent, EventStatus.PUBLISHED),
            ("news", NewsItem, PublicationStatus.PUBLISHED),
        ]
        added = []
        for kind, model, status in wanted:
            if kind not in known:
                search.register(_FallbackProvider(kind, model, status))
                added.append(kind)
        return added
