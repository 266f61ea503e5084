"""The demo regional implementation programme of ZSU 2030 for województwo lubuskie.

Built on top of the stakeholder demo (its institutions lead the actions) through the services,
so the audit trail tells the story an office would leave behind: the programme drafted,
consulted and adopted by a (fictional) resolution of the regional board. Every programme and
indicator is marked as demo data, and every number is invented: plausible in size, but not the
statistics of the region. The reference strategy gets the edition "ZSU 2030, część
szczegółowa (2020)" with paraphrased themes and directions the office would enter.

Measurements go through ``measurement_record``, which refuses a year before the baseline: the
programme's indicators (baseline 2023) have values for 2023–2025; the context indicators, whose
baseline is 2019, have the series 2019–2025.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.stakeholders.models import Institution

from . import services
from . import services_strategy as strategy
from .choices import ActionStatus as St
from .choices import Direction, FundingSource, NodeKind, TerritorialLevel, VersionStatus
from .models import Node, Programme, StrategyDirection, StrategyEdition

PROGRAMME_NAME = "Regionalny Program Wdrażania ZSU 2030 w województwie lubuskim (demo)"
EDITION_NAME = "ZSU 2030, część szczegółowa (2020)"
RESOLUTION = "Uchwała nr 123/4567/24 Zarządu Województwa Lubuskiego (demo)"
ADOPTED_ON = datetime.date(2024, 6, 18)
SOURCE_NOTE = "dane demonstracyjne"

# Themes and directions of action per area of impact (paraphrased, for the demo).
THEMES: dict[int, list[tuple[str, str, list[tuple[str, str]]]]] = {
    1: [
        ("1.1", "Umiejętności podstawowe i przekrojowe", [
            ("1.1.1", "Rozwijanie umiejętności podstawowych dorosłych o niskich kwalifikacjach"),
            ("1.1.2", "Kształtowanie umiejętności przekrojowych w szkołach")]),
        ("1.2", "Umiejętności cyfrowe", [
            ("1.2.1", "Umiejętności cyfrowe dzieci i młodzieży"),
            ("1.2.2", "Umiejętności cyfrowe osób dorosłych, w tym 50+")]),
        ("1.3", "Umiejętności zawodowe", [
            ("1.3.1", "Dostosowanie kształcenia zawodowego do potrzeb rynku pracy"),
            ("1.3.2", "Kształcenie w zawodach przyszłości i zielonej transformacji")]),
    ],
    2: [
        ("2.1", "Przygotowanie kadr zarządzających oświatą", [
            ("2.1.1", "Doskonalenie dyrektorów w zarządzaniu rozwojem umiejętności"),
            ("2.1.2", "Wykorzystanie danych w zarządzaniu szkołą")]),
        ("2.2", "Zarządzanie współpracą szkoły z otoczeniem", [
            ("2.2.1", "Planowanie oferty kształcenia z samorządem i pracodawcami"),
            ("2.2.2", "Sieci współpracy dyrektorów szkół zawodowych")]),
    ],
    3: [
        ("3.1", "Kształcenie i doskonalenie nauczycieli", [
            ("3.1.1", "Doskonalenie nauczycieli zawodu u pracodawców"),
            ("3.1.2", "Kompetencje cyfrowe nauczycieli")]),
        ("3.2", "Kadry doradztwa i kształcenia praktycznego", [
            ("3.2.1", "Przygotowanie instruktorów praktycznej nauki zawodu"),
            ("3.2.2", "Kwalifikacje doradców zawodowych")]),
    ],
    4: [
        ("4.1", "Uczenie się dorosłych", [
            ("4.1.1", "Dostępność oferty edukacyjnej dla dorosłych"),
            ("4.1.2", "Popytowe finansowanie uczenia się dorosłych")]),
        ("4.2", "Jakość kształcenia pozaformalnego", [
            ("4.2.1", "Zapewnianie jakości usług rozwojowych"),
            ("4.2.2", "Mikropoświadczenia w ofercie szkoleniowej")]),
    ],
    5: [
        ("5.1", "Rozwój umiejętności w miejscu pracy", [
            ("5.1.1", "Wsparcie MŚP w rozwoju kompetencji pracowników"),
            ("5.1.2", "Kształcenie ustawiczne pracowników ze środków KFS")]),
        ("5.2", "Wykorzystanie umiejętności w pracy", [
            ("5.2.1", "Organizacja pracy sprzyjająca uczeniu się"),
            ("5.2.2", "Zarządzanie wiekiem i kompetencjami w firmach")]),
    ],
    6: [
        ("6.1", "Doradztwo zawodowe w systemie oświaty", [
            ("6.1.1", "Doradcy zawodowi w szkołach"),
            ("6.1.2", "Programy doradztwa w szkołach podstawowych")]),
        ("6.2", "Doradztwo zawodowe dla dorosłych", [
            ("6.2.1", "Poradnictwo w publicznych służbach zatrudnienia"),
            ("6.2.2", "Informacja o zawodach i rynku pracy")]),
    ],
    7: [
        ("7.1", "Współpraca szkół z pracodawcami", [
            ("7.1.1", "Praktyczna nauka zawodu u pracodawców"),
            ("7.1.2", "Udział pracodawców w projektowaniu kształcenia")]),
        ("7.2", "Współpraca uczelni z gospodarką", [
            ("7.2.1", "Studia o profilu praktycznym i dualne"),
            ("7.2.2", "Partnerstwa uczelni z pracodawcami regionu")]),
    ],
    8: [
        ("8.1", "Planowanie uczenia się przez całe życie", [
            ("8.1.1", "Indywidualne plany rozwoju umiejętności"),
            ("8.1.2", "Informacja o ofercie uczenia się")]),
        ("8.2", "Potwierdzanie umiejętności", [
            ("8.2.1", "Walidacja efektów uczenia się w ZSK"),
            ("8.2.2", "Uznawanie efektów uczenia się pozaformalnego")]),
    ],
}  # fmt: skip

# Code, title, areas of impact, directions.
OBJECTIVES = [
    ("1", "Wzmocnienie kształcenia zawodowego odpowiadającego potrzebom gospodarki regionu",
     [1, 3, 7], ["1.3.1", "1.3.2"]),
    ("2", "Rozwój doradztwa zawodowego dla uczniów i dorosłych", [6], ["6.1.1", "6.2.1"]),
    ("3", "Upowszechnienie uczenia się dorosłych", [4, 8], ["4.1.1", "8.2.1"]),
    ("4", "Rozwój umiejętności cyfrowych", [1, 3], ["1.2.1", "1.2.2"]),
    ("5", "Współpraca pracodawców z edukacją", [5, 7], ["7.1.1", "7.1.2"]),
]  # fmt: skip

# Institutions of the stakeholder demo, by a short key: (name prefix, county TERYT or "").
LEADS = {
    "WUP": ("Wojewódzki Urząd Pracy w Zielonej Górze", ""),
    "UMWL": ("Urząd Marszałkowski Województwa Lubuskiego", ""),
    "KO": ("Lubuski Kurator Oświaty", ""),
    "UZ": ("Uniwersytet Zielonogórski", ""),
    "AJP": ("Akademia im. Jakuba z Paradyża", ""),
    "OHP": ("Lubuska Wojewódzka Komenda Ochotniczych Hufców Pracy", ""),
    "ZIPH": ("Zachodnia Izba Przemysłowo-Handlowa", ""),
    "LIR": ("Lubuska Izba Rzemiosła i Przedsiębiorczości", ""),
    "LOP": ("Lubuska Organizacja Pracodawców", ""),
    "LCRZ": ("Lubuskie Centrum Rozwoju Zawodowego", ""),
    "WOM": ("Wojewódzki Ośrodek Metodyczny", ""),
    "PUP-GW": ("Powiatowy Urząd Pracy", "0861"),
    "PUP-ZG": ("Powiatowy Urząd Pracy", "0862"),
    "PUP-NS": ("Powiatowy Urząd Pracy", "0804"),
    "CKZ-ZG": ("Centrum Kształcenia Zawodowego", "0862"),
    "CKZ-GW": ("Centrum Kształcenia Zawodowego", "0861"),
    "PPP-ZG": ("Poradnia Psychologiczno-Pedagogiczna", "0862"),
    "NGO-ZG": ("Stowarzyszenie Demo na rzecz Edukacji", "0862"),
}

F = FundingSource
ALL = "all"
SOUTH = ["0804", "0810", "0811", "0812", "0862", "0809"]
NORTH = ["0861", "0801", "0803", "0806", "0807", "0805"]

# Code, title, lead, partners, start year, end year, funding, planned (thousand PLN), share spent,
# status, target groups, counties, directions, and its indicator: (name, unit, direction,
# baseline 2023, target 2027, target 2030, value 2025, county-level).
ACTIONS: list[tuple[Any, ...]] = [
    ("1.1", "Doposażenie pracowni centrów kształcenia zawodowego w branżach kluczowych regionu",
     "UMWL", ["CKZ-ZG", "CKZ-GW"], 2024, 2028, F.FEWL, 24000, 0.35, St.ON_TRACK,
     ["pupils", "teachers"], ALL, ["1.3.1"],
     ("Liczba doposażonych pracowni CKZ", "szt.", Direction.HIGHER, 0, 20, 40, 14, False)),
    ("1.2", "Staże nauczycieli przedmiotów zawodowych u pracodawców",
     "WOM", ["UZ", "LIR"], 2024, 2029, F.FERS, 3200, 0.30, St.ON_TRACK,
     ["teachers"], ALL, ["3.1.1"],
     ("Liczba nauczycieli zawodu po stażu u pracodawcy", "osoby",
      Direction.HIGHER, 0, 300, 700, 210, False)),
    ("1.3", "Roczna prognoza zapotrzebowania na zawody w województwie lubuskim",
     "WUP", ["KO", "UMWL"], 2024, 2030, F.REGIONAL, 450, 0.40, St.ON_TRACK,
     ["pupils", "employers"], ALL, ["1.3.1"],
     ("Odsetek szkół branżowych planujących ofertę z użyciem prognozy", "%",
      Direction.HIGHER, 35, 70, 90, 58, False)),
    ("1.4", "Wsparcie zdawalności egzaminów zawodowych",
     "KO", ["CKZ-ZG", "CKZ-GW"], 2024, 2027, F.FEWL, 5600, 0.45, St.AT_RISK,
     ["pupils"], ALL, ["1.3.1"],
     ("Zdawalność egzaminu zawodowego", "%", Direction.HIGHER, 68.5, 72, 75, 69.2, True)),
    ("1.5", "Kształcenie w zawodach zielonej transformacji",
     "UMWL", ["UZ", "ZIPH"], 2025, 2030, F.KPO, 8700, 0.10, St.DELAYED,
     ["pupils"], SOUTH, ["1.3.2"],
     ("Liczba uczniów kształcących się w zawodach zielonej transformacji", "osoby",
      Direction.HIGHER, 1200, 1600, 2100, 1310, False)),
    ("2.1", "Doradca zawodowy w każdej szkole podstawowej",
     "KO", ["PPP-ZG", "WOM"], 2024, 2030, F.FEWL, 6100, 0.32, St.ON_TRACK,
     ["pupils", "teachers"], ALL, ["6.1.1", "6.1.2"],
     ("Odsetek szkół podstawowych z doradcą zawodowym", "%",
      Direction.HIGHER, 62, 80, 95, 71, True)),
    ("2.2", "Usługi Centrum Informacji i Planowania Kariery Zawodowej dla dorosłych",
     "WUP", ["PUP-GW", "PUP-ZG"], 2024, 2030, F.FERS, 2900, 0.28, St.ON_TRACK,
     ["adults", "50plus"], ALL, ["6.2.1", "6.2.2"],
     ("Liczba dorosłych objętych poradnictwem CIiPKZ", "osoby",
      Direction.HIGHER, 3200, 4000, 5000, 3700, False)),
    ("2.3", "Doradztwo zawodowe w PUP dla młodzieży NEET i osób 50+",
     "PUP-GW", ["PUP-ZG", "PUP-NS", "OHP"], 2024, 2029, F.FEWL, 4300, 0.38, St.ON_TRACK,
     ["neet", "50plus"], ALL, ["6.2.1"],
     ("Liczba osób NEET objętych doradztwem w PUP", "osoby",
      Direction.HIGHER, 900, 1300, 1800, 1120, True)),
    ("2.4", "Podnoszenie kwalifikacji doradców zawodowych (mikropoświadczenia)",
     "UZ", ["WUP", "AJP"], 2024, 2027, F.FERS, 1500, 0.15, St.AT_RISK,
     ["teachers"], ALL, ["3.2.2"],
     ("Liczba doradców, którzy podnieśli kwalifikacje", "osoby",
      Direction.HIGHER, 0, 120, 250, 45, False)),
    ("2.5", "Lubuski portal kariery",
     "WUP", ["UMWL"], 2026, 2030, F.REGIONAL, 1200, 0.0, St.NOT_STARTED,
     ["pupils", "adults"], ALL, ["6.2.2"],
     ("Liczba użytkowników portalu kariery", "tys. osób", Direction.HIGHER, 0, 40, 80, 0, False)),
    ("3.1", "Lubuskie Konto Uczenia się: bony szkoleniowe dla dorosłych",
     "WUP", ["UMWL", "NGO-ZG"], 2024, 2030, F.FEWL, 38000, 0.22, St.ON_TRACK,
     ["adults", "50plus"], ALL, ["4.1.2"],
     ("Liczba dorosłych, którzy ukończyli szkolenie z bonem", "osoby",
      Direction.HIGHER, 0, 6000, 15000, 3900, True)),
    ("3.2", "Kształcenie ustawiczne pracowników ze środków KFS",
     "PUP-ZG", ["PUP-GW", "PUP-NS"], 2024, 2030, F.KFS, 21000, 0.33, St.ON_TRACK,
     ["adults", "employers"], ALL, ["5.1.2"],
     ("Liczba pracowników objętych kształceniem ustawicznym KFS", "osoby",
      Direction.HIGHER, 5200, 6000, 7000, 5800, False)),
    ("3.3", "Kwalifikacyjne kursy zawodowe w centrach kształcenia zawodowego",
     "CKZ-ZG", ["LCRZ", "CKZ-GW"], 2024, 2030, F.FEWL, 7400, 0.30, St.ON_TRACK,
     ["adults"], ALL, ["4.1.1"],
     ("Liczba absolwentów kwalifikacyjnych kursów zawodowych", "osoby",
      Direction.HIGHER, 850, 1100, 1400, 990, False)),
    ("3.4", "Walidacja i potwierdzanie kwalifikacji rynkowych (ZSK)",
     "LCRZ", ["LIR", "UZ"], 2024, 2029, F.FERS, 2600, 0.25, St.ON_TRACK,
     ["adults"], ALL, ["8.2.1"],
     ("Liczba osób z kwalifikacją rynkową potwierdzoną w ZSK", "osoby",
      Direction.HIGHER, 120, 400, 800, 260, False)),
    ("3.5", "Kampania „Ucz się w Lubuskiem”",
     "UMWL", ["WUP"], 2024, 2025, F.REGIONAL, 600, 0.97, St.DONE,
     ["adults"], ALL, ["8.1.2"],
     ("Rozpoznawalność kampanii wśród dorosłych", "%", Direction.HIGHER, 0, 30, 45, 31, False)),
    ("4.1", "Szkolenia cyfrowe dla osób 50+ w bibliotekach i uniwersytetach trzeciego wieku",
     "UMWL", ["NGO-ZG", "WUP"], 2024, 2029, F.FEWL, 5200, 0.27, St.ON_TRACK,
     ["50plus"], ALL, ["1.2.2"],
     ("Liczba osób 50+ przeszkolonych z umiejętności cyfrowych", "osoby",
      Direction.HIGHER, 0, 4000, 9000, 2300, True)),
    ("4.2", "Kompetencje cyfrowe nauczycieli",
     "WOM", ["AJP"], 2024, 2028, F.KPO, 2300, 0.40, St.ON_TRACK,
     ["teachers"], ALL, ["3.1.2"],
     ("Odsetek nauczycieli z certyfikatem kompetencji cyfrowych", "%",
      Direction.HIGHER, 18, 35, 50, 26, False)),
    ("4.3", "Programy rozwijania kompetencji cyfrowych w szkołach",
     "KO", ["WOM"], 2024, 2027, F.KPO, 3100, 0.50, St.ON_TRACK,
     ["pupils"], ALL, ["1.2.1"],
     ("Liczba szkół z programem rozwijania kompetencji cyfrowych", "szt.",
      Direction.HIGHER, 40, 120, 200, 85, False)),
    ("4.4", "Kompetencje cyfrowe pracowników MŚP",
     "ZIPH", ["LOP", "WUP"], 2024, 2028, F.FEWL, 6800, 0.12, St.AT_RISK,
     ["adults", "employers"], NORTH, ["5.1.1"],
     ("Liczba pracowników MŚP przeszkolonych z kompetencji cyfrowych", "osoby",
      Direction.HIGHER, 0, 2500, 6000, 900, False)),
    ("4.5", "E-usługi publicznych służb zatrudnienia",
     "WUP", ["PUP-GW", "PUP-ZG"], 2024, 2027, F.FEWL, 2700, 0.55, St.ON_TRACK,
     ["adults"], ALL, ["6.2.2"],
     ("Odsetek usług rynku pracy dostępnych online", "%", Direction.HIGHER, 40, 70, 90, 62, False)),
    ("5.1", "Porozumienia szkół zawodowych z pracodawcami",
     "ZIPH", ["LOP", "LIR", "UMWL"], 2024, 2030, F.REGIONAL, 900, 0.30, St.ON_TRACK,
     ["pupils", "employers"], ALL, ["7.1.2"],
     ("Liczba porozumień szkół z pracodawcami", "szt.",
      Direction.HIGHER, 310, 420, 550, 365, True)),
    ("5.2", "Staże uczniowskie u pracodawców",
     "LIR", ["CKZ-ZG", "CKZ-GW"], 2024, 2030, F.FEWL, 9800, 0.31, St.ON_TRACK,
     ["pupils", "employers"], ALL, ["7.1.1"],
     ("Liczba uczniów odbywających staż u pracodawcy", "osoby",
      Direction.HIGHER, 1500, 2300, 3000, 1750, False)),
    ("5.3", "Studia dualne na lubuskich uczelniach",
     "UZ", ["AJP", "ZIPH"], 2024, 2030, F.FERS, 4500, 0.08, St.DELAYED,
     ["students", "employers"], ["0861", "0862"], ["7.2.1"],
     ("Liczba studentów studiów dualnych", "osoby", Direction.HIGHER, 180, 300, 450, 195, False)),
    ("5.4", "Lubuska sieć współpracy na rzecz umiejętności (WZK i partnerstwa)",
     "WUP", ["UMWL", "ZIPH", "KO"], 2024, 2030, F.REGIONAL, 350, 0.33, St.ON_TRACK,
     ["employers", "teachers"], ALL, ["2.2.1"],
     ("Liczba instytucji aktywnych w sieci współpracy ZSU", "szt.",
      Direction.HIGHER, 60, 110, 150, 96, False)),
    ("5.5", "Przygotowanie zawodowe młodocianych pracowników",
     "OHP", ["PUP-GW", "LIR"], 2024, 2030, F.FEWL, 5100, 0.29, St.AT_RISK,
     ["pupils", "neet"], ALL, ["7.1.1"],
     ("Liczba młodocianych pracowników w przygotowaniu zawodowym", "osoby",
      Direction.HIGHER, 2100, 2400, 2700, 2050, False)),
]  # fmt: skip

# Tasks under some actions: parent, code, title, lead, status.
TASKS = [
    ("1.1", "1.1.1", "Wyposażenie pracowni mechatroniki w CKZ w Zielonej Górze",
     "CKZ-ZG", St.ON_TRACK),
    ("1.1", "1.1.2", "Wyposażenie pracowni logistyki w CKZ w Gorzowie Wielkopolskim",
     "CKZ-GW", St.DELAYED),
    ("2.2", "2.2.1", "Mobilny punkt informacji o karierze w powiatach południowych",
     "WUP", St.ON_TRACK),
    ("3.1", "3.1.1", "Nabór operatorów bonów szkoleniowych", "WUP", St.DONE),
]  # fmt: skip

# Context indicators (DOMAIN.md): code, name, unit, source, direction, yearly values from 2019.
CONTEXT: list[tuple[str, str, str, str, str, dict[int, float], str]] = [
    ("K1", "Udział osób dorosłych (25–64 lata) w kształceniu i szkoleniu", "%",
     "Eurostat trng_lfse_04, NUTS 2 PL43 (wartości demonstracyjne)", Direction.HIGHER,
     {2019: 3.9, 2020: 3.2, 2021: 4.6, 2022: 6.1, 2023: 6.9, 2024: 7.2, 2025: 7.5}, "3"),
    ("K2", "Młodzież przedwcześnie kończąca naukę (18–24 lata)", "%",
     "Eurostat edat_lfse_16, NUTS 2 PL43 (wartości demonstracyjne)", Direction.LOWER,
     {2019: 5.1, 2020: 5.4, 2021: 5.6, 2022: 5.2, 2023: 4.9, 2024: 4.7, 2025: 4.6}, "1"),
    ("K3", "Młodzież niepracująca i nieucząca się (NEET, 15–29 lat)", "%",
     "Eurostat edat_lfse_22, NUTS 2 PL43 (wartości demonstracyjne)", Direction.LOWER,
     {2019: 13.8, 2020: 14.2, 2021: 12.9, 2022: 12.1, 2023: 11.8, 2024: 11.5, 2025: 11.2}, "2"),
    ("K4", "Osoby z co najmniej podstawowymi umiejętnościami cyfrowymi (16–74 lata)", "%",
     "Eurostat isoc_sk_dskl_i21, NUTS 2 PL43 (wartości demonstracyjne)", Direction.HIGHER,
     {2019: 38.6, 2021: 40.1, 2023: 41.8, 2025: 44.0}, "4"),
    ("K5", "Zatrudnienie niedawnych absolwentów kształcenia zawodowego (20–34 lata)", "%",
     "Eurostat edat_lfse_24, NUTS 2 PL43 (wartości demonstracyjne)", Direction.HIGHER,
     {2019: 78.0, 2020: 74.1, 2021: 77.3, 2022: 79.0, 2023: 80.2, 2024: 81.0, 2025: 81.5}, "1"),
]  # fmt: skip


@dataclass
class ProgrammeDemoSummary:
    programme: Programme
    objectives: int
    actions: int
    tasks: int
    indicators: int
    context: int
    measurements: int
    themes: int


def _institutions() -> dict[str, Institution]:
    found: dict[str, Institution] = {}
    demo = Institution.objects.filter(is_demo=True).select_related("county")
    for key, (prefix, teryt) in LEADS.items():
        qs = demo.filter(name__startswith=prefix)
        if teryt:
            qs = qs.filter(county__teryt=teryt)
        institution = qs.order_by("name").first()
        if institution is not None:
            found[key] = institution
    return found


def _dec(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _edition(actor: Any) -> tuple[dict[str, StrategyDirection], int]:
    """The demo edition of the themes and directions; reused if it exists."""
    edition = StrategyEdition.objects.filter(name=EDITION_NAME).first()
    if edition is None:
        edition = strategy.edition_create(
            actor=actor, name=EDITION_NAME, published=datetime.date(2020, 12, 28)
        )
        areas = {a.number: a for a in StrategyArea.objects.filter(part="detailed")}
        for number, themes in THEMES.items():
            if number not in areas:
                continue
            for order, (code, name, pairs) in enumerate(themes, start=1):
                if edition.themes.filter(code=code).exists():
                    continue
                theme = strategy.theme_create(
                    edition=edition,
                    actor=actor,
                    data={"area": areas[number], "code": code, "name": name, "order": order},
                )
                for k, (dcode, dname) in enumerate(pairs, start=1):
                    strategy.direction_create(
                        theme=theme, actor=actor, data={"code": dcode, "name": dname, "order": k}
                    )
    found = {d.code: d for d in StrategyDirection.objects.filter(theme__edition=edition)}
    return found, edition.themes.count()


@transaction.atomic
def build_programme_demo(*, office_user: Any, seed: int = 2030) -> ProgrammeDemoSummary | None:
    """Build the demo programme; ``None`` if it exists already."""
    if Programme.objects.filter(name=PROGRAMME_NAME).exists():
        return None
    rng = random.Random(seed)
    actor = office_user
    directions, themes = _edition(actor)
    institutions = _institutions()
    areas = {a.number: a for a in StrategyArea.objects.filter(part="detailed")}
    counties = {c.teryt: c for c in County.objects.in_region().order_by("teryt")}
    groups = {g.code: g for g in TargetGroup.objects.all()}

    programme = services.programme_create(
        actor=actor,
        data={
            "name": PROGRAMME_NAME,
            "start_year": 2024,
            "end_year": 2030,
            "description": (
                "Demonstracyjny program wdrażania Zintegrowanej Strategii Umiejętności 2030 "
                "w województwie lubuskim: cele regionalne, działania z instytucjami wiodącymi "
                "i partnerami, wskaźniki z wartościami bazowymi i docelowymi. Wszystkie dane "
                "są fikcyjne."
            ),
            "is_demo": True,
        },
    )
    version = programme.versions.get()

    nodes: dict[str, Node] = {}
    for order, (code, title, area_numbers, dir_codes) in enumerate(OBJECTIVES, start=1):
        nodes[code] = services.node_create(
            version=version,
            actor=actor,
            data={"kind": NodeKind.OBJECTIVE, "code": code, "title": title, "order": order},
            m2m={
                "areas": [areas[n] for n in area_numbers if n in areas],
                "directions": [directions[c] for c in dir_codes if c in directions],
            },
        )

    action_specs = []
    for spec in ACTIONS:
        (code, title, lead, partners, start, end, funding, planned, share, status, target_groups,
         where, dir_codes, indicator) = spec  # fmt: skip
        parent = nodes[code.split(".")[0]]
        planned_pln = Decimal(planned) * 1000
        teryts = list(counties) if where == ALL else where
        nodes[code] = services.node_create(
            version=version,
            actor=actor,
            data={
                "kind": NodeKind.ACTION,
                "parent": parent,
                "code": code,
                "title": title,
                "order": int(code.split(".")[1]),
                "lead": institutions.get(lead),
                "start_date": datetime.date(start, rng.choice([1, 3, 4, 9]), 1),
                "end_date": datetime.date(end, 12, 31),
                "funding_source": funding,
                "budget_planned": planned_pln,
                "budget_spent": (planned_pln * Decimal(str(share))).quantize(Decimal("1")),
                "status": status,
            },
            m2m={
                "areas": list(parent.areas.all()),
                "directions": [directions[c] for c in dir_codes if c in directions],
                "partners": [institutions[p] for p in partners if p in institutions],
                "target_groups": [groups[g] for g in target_groups if g in groups],
                "counties": [counties[t] for t in teryts if t in counties],
            },
        )
        action_specs.append((code, indicator))

    for parent_code, code, title, lead, status in TASKS:
        action = nodes[parent_code]
        nodes[code] = services.node_create(
            version=version,
            actor=actor,
            data={
                "kind": NodeKind.TASK,
                "parent": action,
                "code": code,
                "title": title,
                "order": int(code.rsplit(".", 1)[1]),
                "lead": institutions.get(lead),
                "start_date": action.start_date,
                "end_date": action.end_date,
                "funding_source": action.funding_source,
                "status": status,
            },
        )

    # Programme indicators: one per action, baseline 2023, targets 2027 and 2030, values
    # 2023–2025 for the region (and every county for the county-level ones).
    measurements = 0
    county_factor = {t: rng.uniform(0.75, 1.25) for t in counties}
    for n, (code, (name, unit, direction, base, t2027, t2030, v2025, by_county)) in enumerate(
        action_specs, start=1
    ):
        indicator = services.indicator_create(
            programme=programme,
            actor=actor,
            data={
                "code": f"W{code}",
                "name": name,
                "definition": f"Wskaźnik działania {code} programu (definicja demonstracyjna).",
                "unit": unit,
                "source": "sprawozdania instytucji wiodących (dane demonstracyjne)",
                "level": TerritorialLevel.COUNTY if by_county else TerritorialLevel.REGION,
                "direction": direction,
                "baseline_value": _dec(base),
                "baseline_year": 2023,
                "is_demo": True,
            },
        )
        services.target_set(indicator=indicator, actor=actor, year=2027, value=_dec(t2027))
        services.target_set(indicator=indicator, actor=actor, year=2030, value=_dec(t2030))
        series = {2023: base, 2024: base + (v2025 - base) * rng.uniform(0.35, 0.6), 2025: v2025}
        for year, value in series.items():
            services.measurement_record(
                indicator=indicator, actor=actor, year=year, value=_dec(value),
                source_note=SOURCE_NOTE,
            )  # fmt: skip
            measurements += 1
            if not by_county:
                continue
            share = unit == "%"
            for teryt, county in counties.items():
                # A rate varies around the region's; a count is split among the counties.
                factor = county_factor[teryt] * rng.uniform(0.97, 1.03)
                county_value = value * factor if share else value * factor / len(counties)
                if share:
                    county_value = min(county_value, 100)
                services.measurement_record(
                    indicator=indicator,
                    actor=actor,
                    year=year,
                    value=_dec(county_value),
                    county=county,
                    source_note=SOURCE_NOTE,
                )
                measurements += 1
        services.indicator_link(indicator=indicator, node=nodes[code], actor=actor)
        if n % 5 == 1:  # the first action's indicator also measures its objective directly
            services.indicator_link(
                indicator=indicator, node=nodes[code.split(".")[0]], actor=actor, weight=2
            )

    for code, name, unit, source, direction, values, objective in CONTEXT:
        first = min(values)
        indicator = services.indicator_create(
            programme=programme,
            actor=actor,
            data={
                "code": code,
                "name": name,
                "definition": "Wskaźnik kontekstowy: opisuje sytuację regionu (demo).",
                "unit": unit,
                "source": source,
                "level": TerritorialLevel.REGION,
                "direction": direction,
                "baseline_value": _dec(values[first]),
                "baseline_year": first,
                "is_context": True,
                "is_demo": True,
            },
        )
        for year, value in values.items():
            services.measurement_record(
                indicator=indicator, actor=actor, year=year, value=_dec(value),
                source_note=SOURCE_NOTE,
            )  # fmt: skip
            measurements += 1
        services.indicator_link(indicator=indicator, node=nodes[objective], actor=actor)

    services.version_set_status(version=version, actor=actor, status=VersionStatus.CONSULTED)
    services.version_set_status(
        version=version,
        actor=actor,
        status=VersionStatus.ADOPTED,
        adopted_on=ADOPTED_ON,
        adopted_by=RESOLUTION,
    )
    return ProgrammeDemoSummary(
        programme=programme,
        objectives=len(OBJECTIVES),
        actions=len(ACTIONS),
        tasks=len(TASKS),
        indicators=len(ACTIONS) + len(CONTEXT),
        context=len(CONTEXT),
        measurements=measurements,
        themes=themes,
    )
