"""Factories for labour-market evidence. Other engineers append theirs below.

Counties come from the ``region`` fixture (``load_region``); occupations either from the
``occupations`` fixture (``load_occupations``) or from ``occupation_with_ancestors``.
"""

from __future__ import annotations

import hashlib

import factory
from factory.django import DjangoModelFactory

from skillshub.core.models import County
from skillshub.labour_market.choices import (
    BarometrLevel,
    ForecastDemand,
    ImportKind,
    ImportStatus,
    MzdinClass,
    Provision,
    RoundStatus,
    TerritoryKind,
    ThresholdMethod,
)
from skillshub.labour_market.models import (
    BarometrGroup,
    BarometrPanel,
    BarometrRating,
    BarometrRound,
    CountyNeighbour,
    ForecastEntry,
    ImportRun,
    MzdinCount,
    MzdinResult,
    Occupation,
    SchoolOccupation,
    SchoolSupply,
    ThresholdSet,
)


class OccupationFactory(DjangoModelFactory):
    """A bare node; use ``occupation_with_ancestors`` for a 6-digit code with its groups."""

    class Meta:
        model = Occupation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"9{n:05d}"[:6])
    name = factory.Sequence(lambda n: f"Zawód testowy {n}")
    level = factory.LazyAttribute(lambda o: len(o.code))
    parent = None


def occupation_with_ancestors(code: str, name: str = "") -> Occupation:
    """The occupation ``code`` (6 digits) and its 1/2/3/4-digit groups, reusing existing ones."""
    assert len(code) == 6 and code.isdigit(), code
    parent: Occupation | None = None
    for digits in (1, 2, 3, 4, 6):
        prefix = code[:digits]
        node, _created = Occupation.objects.get_or_create(
            code=prefix,
            defaults={
                "name": name if digits == 6 and name else f"Grupa {prefix}",
                "level": digits,
                "parent": parent,
            },
        )
        parent = node
    assert parent is not None
    return parent


def county(teryt: str) -> County:
    return County.objects.get(teryt=teryt)


class ImportRunFactory(DjangoModelFactory):
    class Meta:
        model = ImportRun

    kind = ImportKind.MZDIN
    source_name = factory.Sequence(lambda n: f"mzdin-{n}.csv")
    file_sha256 = factory.Sequence(lambda n: hashlib.sha256(str(n).encode()).hexdigest())
    encoding = "utf-8"
    period = "2024-H1"
    status = ImportStatus.SUCCEEDED


class MzdinCountFactory(DjangoModelFactory):
    """Needs an existing 6-digit occupation (``occupation_with_ancestors``) and a county."""

    class Meta:
        model = MzdinCount

    occupation = factory.LazyFunction(lambda: occupation_with_ancestors("722204"))
    county = factory.LazyFunction(lambda: County.objects.in_region().first())
    period = "2024-H1"
    offers = 10
    unemployed = 10
    inflow = 5
    outflow = 5
    long_term = 2
    import_run = factory.SubFactory(ImportRunFactory, period=factory.SelfAttribute("..period"))


class ThresholdSetFactory(DjangoModelFactory):
    class Meta:
        model = ThresholdSet
        django_get_or_create = ("name", "version")

    name = "MZDiN-2005"
    version = 1
    method = ThresholdMethod.W_RATIO
    params = factory.LazyFunction(lambda: {"deficit_above": 1.1, "surplus_below": 0.9})


class SchoolOccupationFactory(DjangoModelFactory):
    class Meta:
        model = SchoolOccupation
        django_get_or_create = ("code",)

    code = "722307"
    name = "Technik mechanik (testowy)"
    sector = "mechaniczna (MEC)"
    area = "mechaniczny i górniczo-hutniczy"
    school_types = "technikum, KKZ"
    prk_level = 4
    occupation = None


class SchoolSupplyFactory(DjangoModelFactory):
    class Meta:
        model = SchoolSupply

    school_name = factory.Sequence(lambda n: f"Zespół Szkół Testowych nr {n}")
    school_occupation = factory.SubFactory(SchoolOccupationFactory)
    county = factory.LazyFunction(lambda: County.objects.in_region().first())
    year = 2024
    enrolment = 25


class ForecastEntryFactory(DjangoModelFactory):
    class Meta:
        model = ForecastEntry

    year = 2025
    school_occupation = factory.SubFactory(SchoolOccupationFactory)
    demand = ForecastDemand.REGIONAL_SIGNIFICANT
    import_run = factory.SubFactory(
        ImportRunFactory, kind=ImportKind.MEN_FORECAST, period=factory.SelfAttribute("..year")
    )


# --- Barometr zawodów (engineer B) ------------------------------------------------------------

# The lubuskie panels as load_occupations makes them: one per county labour office, the city
# counties sharing their land county's panel (0861 with 0801, 0862 with 0809).
SHARED_PANEL_COUNTIES = {"0801": ["0801", "0861"], "0809": ["0809", "0862"]}


def barometr_panels() -> dict[str, BarometrPanel]:
    """The 12 lubuskie panels keyed by their land county's TERYT (needs ``region``)."""
    counties = {c.teryt: c for c in County.objects.in_region()}
    panels: dict[str, BarometrPanel] = {}
    for teryt, county_obj in sorted(counties.items()):
        if teryt in ("0861", "0862"):
            continue
        panel, _created = BarometrPanel.objects.get_or_create(name=f"Panel PUP {county_obj.name}")
        panel.counties.set(
            [counties[t] for t in SHARED_PANEL_COUNTIES.get(teryt, [teryt]) if t in counties]
        )
        panels[teryt] = panel
    return panels


class BarometrRoundFactory(DjangoModelFactory):
    class Meta:
        model = BarometrRound
        django_get_or_create = ("year",)

    year = 2025
    status = RoundStatus.OPEN


class BarometrGroupFactory(DjangoModelFactory):
    class Meta:
        model = BarometrGroup

    round = factory.SubFactory(BarometrRoundFactory)
    name = factory.Sequence(lambda n: f"Grupa zawodów {n}")


class BarometrRatingFactory(DjangoModelFactory):
    class Meta:
        model = BarometrRating

    group = factory.SubFactory(BarometrGroupFactory)
    round = factory.SelfAttribute("group.round")
    panel = factory.LazyFunction(lambda: BarometrPanel.objects.first())
    level = BarometrLevel.DEFICIT


# --- The gap analysis (engineer C2) -----------------------------------------------------------


def mzdin_result(
    code: str,
    teryt: str,
    klass: str,
    *,
    offers: int,
    unemployed: int,
    period: str = "2025-H1",
    threshold_set: ThresholdSet | None = None,
) -> MzdinResult:
    """A county result at level 6, as ``mzdin_compute`` would have written it."""
    return MzdinResult.objects.create(
        threshold_set=threshold_set or ThresholdSet.objects.get(name="MZDiN-2015", version=1),
        period=period,
        level=6,
        code=code,
        territory_kind=TerritoryKind.COUNTY,
        territory_code=teryt,
        offers=offers,
        unemployed=unemployed,
        inflow=4,
        outflow=5,
        long_term=1,
        intensity=offers / unemployed if unemployed else None,
        long_term_share=1 / unemployed if unemployed else None,
        fluidity=5 / 4,
        klass=klass,
    )


def school_occupation(code: str, name: str) -> SchoolOccupation:
    """A KZSB occupation and the KZiS occupation with the same code."""
    occupation = occupation_with_ancestors(code, name)
    return SchoolOccupationFactory(code=code, name=name, occupation=occupation)


def zary_gap_scenario() -> dict[str, SchoolOccupation]:
    """Powiat żarski (0811) with its neighbour żagański (0810): one occupation per case of the
    gap analysis (needs ``region``). Keys name the expected outcome in żarski."""
    zary, zagan = county("0811"), county("0810")
    CountyNeighbour.objects.get_or_create(county=zary, neighbour=zagan)
    CountyNeighbour.objects.get_or_create(county=zagan, neighbour=zary)
    cases = {
        "unmet_mzdin": school_occupation("723103", "Mechanik pojazdów samochodowych"),
        "served_by_neighbour": school_occupation("722204", "Ślusarz"),
        "oversupply": school_occupation("522301", "Sprzedawca"),
        "small_surplus": school_occupation("431103", "Technik rachunkowości"),
        "unmet_men": school_occupation("311924", "Technik mechatronik"),
        "unmet_barometr": school_occupation("512001", "Kucharz"),
        "open_round_only": school_occupation("351203", "Technik informatyk"),
    }
    code = {key: so.code for key, so in cases.items()}
    mzdin_result(code["unmet_mzdin"], "0811", MzdinClass.DEFICIT, offers=30, unemployed=10)
    mzdin_result(
        code["served_by_neighbour"], "0811", MzdinClass.MAX_DEFICIT, offers=8, unemployed=0
    )
    mzdin_result(code["oversupply"], "0811", MzdinClass.SURPLUS, offers=2, unemployed=40)
    mzdin_result(code["small_surplus"], "0811", MzdinClass.MAX_SURPLUS, offers=0, unemployed=12)
    SchoolSupplyFactory(school_occupation=cases["served_by_neighbour"], county=zagan, enrolment=24)
    SchoolSupplyFactory(school_occupation=cases["oversupply"], county=zary, enrolment=35)
    SchoolSupplyFactory(
        school_occupation=cases["oversupply"],
        county=zary,
        enrolment=25,
        provision=Provision.QUALIFICATION_COURSE,
    )
    SchoolSupplyFactory(school_occupation=cases["small_surplus"], county=zary, enrolment=20)
    ForecastEntryFactory(year=2026, school_occupation=cases["unmet_men"])

    panels = barometr_panels()
    closed = BarometrRoundFactory(year=2025, status=RoundStatus.CLOSED)
    cooks = BarometrGroupFactory(round=closed, name="Kucharze")
    cooks.occupations.set([cases["unmet_barometr"].occupation])
    BarometrRatingFactory(group=cooks, panel=panels["0811"], level=BarometrLevel.DEFICIT)
    # Another county's panel says surplus: it does not speak for żarski.
    BarometrRatingFactory(group=cooks, panel=panels["0802"], level=BarometrLevel.LARGE_SURPLUS)
    still_open = BarometrRoundFactory(year=2026, status=RoundStatus.OPEN)
    it = BarometrGroupFactory(round=still_open, name="Informatycy")
    it.occupations.set([cases["open_round_only"].occupation])
    BarometrRatingFactory(group=it, panel=panels["0811"], level=BarometrLevel.LARGE_DEFICIT)
    return cases


# --- MZDiN pages (engineer C1) ------------------------------------------------------------


def mzdin_counts(
    rows: list[tuple[str, str, str, int, int, int, int, int]], *, source_name: str = "t.csv"
) -> list[MzdinCount]:
    """Raw counts from ``(code, teryt, period, O, B, Bn, Bo, Bd)`` tuples (6-digit codes get
    their groups; one import run per period). Compute them with ``services_mzdin``."""
    runs: dict[str, ImportRun] = {}
    made = []
    for code, teryt, period, o, b, bn, bo, bd in rows:
        run = runs.get(period)
        if run is None:
            run = runs[period] = ImportRunFactory(period=period, source_name=source_name)
        made.append(
            MzdinCount.objects.create(
                occupation=occupation_with_ancestors(code), county=county(teryt), period=period,
                offers=o, unemployed=b, inflow=bn, outflow=bo, long_term=bd, import_run=run,
            )
        )  # fmt: skip
    return made
