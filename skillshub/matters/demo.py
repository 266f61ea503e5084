"""Demo matters of województwo lubuskie, built on top of the stakeholder and team demos.

Every person is fictional (the demo users of ``skillshub.stakeholders.demo``: ``czlonek`` is a
WZK member, ``biuro`` the office), every matter is marked as demo data, and everything is
written through the services, so each matter's timeline and the audit trail tell the story a
real office would leave behind. The sittings and their resolutions are handed in as references
(``SittingRef``) by ``seed_demo``: matters never import team.

The journey of a new user starts here: at least one matter raised by ``czlonek`` is "proposal
ready", waiting for staff to put it on sitting IV.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from skillshub.accounts.models import User
from skillshub.core.models import County, StrategyArea
from skillshub.stakeholders.models import ContactPerson

from . import services
from .choices import AddresseeKind, Decision, MatterState, Urgency
from .models import Matter

S = MatterState
BOARD = "Zarząd Województwa Lubuskiego"
MINISTRY = "Ministerstwo Funduszy i Polityki Regionalnej – zespół projektowy ZSU (demo)"


@dataclass(frozen=True)
class SittingRef:
    """A past sitting as the team's services describe it, with its adopted resolutions as
    ``(label, url)`` pairs."""

    key: str
    label: str
    url: str
    date: datetime.date
    resolutions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MattersDemoSummary:
    matters: int
    by_state: dict[str, int]
    raised_by_member: int


@dataclass
class _Demo:
    office: Any
    member: Any
    today: datetime.date
    counties: dict[str, County]
    areas: dict[int, StrategyArea]
    institution: Any


def _raise(
    demo: _Demo,
    title: str,
    description: str,
    *,
    by_member: bool = True,
    raised_by_name: str = "",
    counties: tuple[str, ...] = (),
    areas: tuple[int, ...] = (),
    urgency: str = Urgency.NORMAL,
    confidential: bool = False,
    submit: bool = True,
) -> Matter:
    actor = demo.member if by_member else demo.office
    data: dict[str, Any] = {
        "title": title,
        "description": description,
        "urgency": urgency,
        "confidential": confidential,
        "is_demo": True,
    }
    if by_member:
        data["on_behalf_of"] = demo.institution
    else:
        data.update({"raised_orally": True, "raised_by_name": raised_by_name})
    return services.matter_create(
        actor=actor,
        data=data,
        areas=[demo.areas[n] for n in areas if n in demo.areas],
        counties=[demo.counties[t] for t in counties if t in demo.counties],
        submit=submit,
    )


def _accept(demo: _Demo, matter: Matter, *, due_in: int) -> Matter:
    matter = services.matter_move(
        matter=matter,
        actor=demo.office,
        target=S.ACCEPTED,
        expected_state=S.SUBMITTED,
        note="Przyjęto do opracowania przez Biuro Zespołu.",
    )
    return services.matter_update(
        matter=matter,
        actor=demo.office,
        data={"proposal_due": demo.today + datetime.timedelta(days=due_in)},
    )


def _propose(demo: _Demo, matter: Matter, text: str, options: list[dict[str, str]]) -> Matter:
    services.proposal_add(
        matter=matter,
        actor=demo.office,
        text=text,
        options=options,
        recommended=0 if options else None,
    )
    return Matter.objects.get(pk=matter.pk)


def _ready(demo: _Demo, matter: Matter) -> Matter:
    return services.matter_move(matter=matter, actor=demo.office, target=S.PROPOSAL_READY)


def _decide(
    demo: _Demo, matter: Matter, sitting: SittingRef, *, decision: str = Decision.ADOPTED
) -> Matter:
    """The matter went through the given past sitting, which adopted its first resolution."""
    matter = services.matter_place_on_agenda(
        matter=matter,
        actor=demo.office,
        sitting_key=sitting.key,
        sitting_label=sitting.label,
        sitting_url=sitting.url,
        sitting_date=sitting.date,
    )
    label, url = sitting.resolutions[0] if sitting.resolutions else (sitting.label, sitting.url)
    matter = services.matter_record_decision(
        matter=matter,
        actor=demo.office,
        decision=decision,
        resolution_label=label,
        resolution_url=url,
        decided_on=sitting.date,
    )
    return services.matter_update(matter=matter, actor=demo.office, data={"is_public": True})


def _through_sitting(
    demo: _Demo, matter: Matter, sitting: SittingRef, proposal: str, **kwargs: Any
) -> Matter:
    matter = _accept(demo, matter, due_in=-(demo.today - sitting.date).days - 14)
    matter = _propose(demo, matter, proposal, [])
    matter = _ready(demo, matter)
    return _decide(demo, matter, sitting, **kwargs)


def _forward(
    demo: _Demo, matter: Matter, *, kind: str, addressee: str, ago: int, answer_in: int
) -> Matter:
    forwarded_on = demo.today - datetime.timedelta(days=ago)
    return services.matter_forward(
        matter=matter,
        actor=demo.office,
        addressee_kind=kind,
        addressee=addressee,
        forwarded_on=forwarded_on,
        answer_due=demo.today + datetime.timedelta(days=answer_in),
        expected_state=S.DECIDED,
    )


@transaction.atomic
def build_matters_demo(
    *, office_user: Any, sittings: list[SittingRef]
) -> MattersDemoSummary | None:
    """About fourteen matters in every state. ``sittings`` are the demo's past sittings, oldest
    first (I–III). Returns None if the demo's matters exist already."""
    if Matter.objects.filter(is_demo=True).exists():
        return None
    member = User.objects.get(username="czlonek")
    person = ContactPerson.objects.filter(user=member).select_related("institution").first()
    demo = _Demo(
        office=office_user,
        member=member,
        today=timezone.localdate(),
        counties={c.teryt: c for c in County.objects.in_region()},
        areas={a.number: a for a in StrategyArea.objects.filter(part="detailed")},
        institution=person.institution if person else None,
    )
    today = demo.today

    # A draft the member is still writing.
    _raise(
        demo,
        "Transport uczniów na praktyki zawodowe w powiecie wschowskim",
        "Uczniowie szkół branżowych z mniejszych miejscowości nie mają dojazdu do zakładów "
        "pracy, w których odbywają praktyki. (dane demonstracyjne)",
        counties=("0812",),
        areas=(2,),
        submit=False,
    )

    # Submitted: the office has yet to look at it.
    _raise(
        demo,
        "Brak doradców zawodowych w szkołach branżowych powiatu żarskiego",
        "W części szkół branżowych powiatu żarskiego nie ma etatu doradcy zawodowego; "
        "uczniowie korzystają z doradztwa sporadycznie. Prośba o przygotowanie rozwiązania "
        "na poziomie regionu. (dane demonstracyjne)",
        counties=("0811",),
        areas=(1, 2),
        urgency=Urgency.HIGH,
    )

    # Accepted, the office's proposal is overdue.
    matter = _raise(
        demo,
        "Niedopasowanie kierunków kształcenia do potrzeb pracodawców w powiecie nowosolskim",
        "Pracodawcy z branży metalowej zgłaszają brak absolwentów w zawodach, w których "
        "szkoły powiatu nie prowadzą naboru. (dane demonstracyjne)",
        counties=("0804",),
        areas=(2, 5),
    )
    _accept(demo, matter, due_in=-4)

    # Proposal in preparation, due within a week; raised orally at a sitting.
    matter = _raise(
        demo,
        "Dostępność kursów KKZ dla dorosłych w powiatach wschodnich",
        "Kwalifikacyjne kursy zawodowe dla dorosłych są dostępne głównie w miastach "
        "wojewódzkich; w powiatach wschodnich brakuje oferty. (dane demonstracyjne)",
        by_member=False,
        raised_by_name="Przedstawicielka powiatowego urzędu pracy (zgłoszenie ustne, demo)",
        counties=("0804", "0809", "0812"),
        areas=(3,),
    )
    matter = _accept(demo, matter, due_in=5)
    _propose(
        demo,
        matter,
        "Biuro proponuje rozpoznanie zapotrzebowania na kursy KKZ wspólnie z powiatowymi "
        "urzędami pracy i przygotowanie mapy oferty. (wersja robocza, demo)",
        [],
    )

    # Proposal ready, consultation open, two comments: the member's journey continues here.
    matter = _raise(
        demo,
        "Uznawanie mikropoświadczeń w ofercie szkoleniowej regionu",
        "Instytucje szkoleniowe wydają różne zaświadczenia; pracodawcy nie wiedzą, jak je "
        "porównać. Proponuję wspólny standard opisu efektów uczenia się. (dane demonstracyjne)",
        areas=(3, 4),
    )
    matter = _accept(demo, matter, due_in=10)
    matter = _propose(
        demo,
        matter,
        "Biuro proponuje, by Zespół zarekomendował instytucjom szkoleniowym opisywanie "
        "efektów uczenia się zgodnie ze Zintegrowanym Systemem Kwalifikacji. (demo)",
        [
            {
                "title": "Rekomendacja standardu ZSK",
                "text": "Zespół przyjmuje stanowisko rekomendujące opis efektów według ZSK.",
            },
            {
                "title": "Pilotaż w dwóch powiatach",
                "text": "Najpierw pilotaż z kilkoma instytucjami szkoleniowymi.",
            },
        ],
    )
    matter = _ready(demo, matter)
    services.consultation_open(
        matter=matter,
        actor=demo.office,
        deadline=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=10), datetime.time(16))
        ),
    )
    question = services.comment_add(
        matter=matter,
        actor=demo.member,
        text="Popieram wariant pierwszy; czy Biuro przygotuje wzór opisu dla instytucji?",
    )
    services.comment_add(
        matter=matter,
        actor=demo.office,
        reply_to=question,
        text="Tak, wzór opisu dołączymy do materiałów na posiedzenie.",
    )

    # A second "proposal ready" matter of the member, without a consultation.
    matter = _raise(
        demo,
        "Współpraca szkół z pracodawcami przy egzaminach zawodowych",
        "Brakuje egzaminatorów z firm i miejsc do przeprowadzania części praktycznej "
        "egzaminów zawodowych. (dane demonstracyjne)",
        counties=("0862",),
        areas=(2,),
    )
    matter = _accept(demo, matter, due_in=14)
    _propose(
        demo,
        matter,
        "Biuro proponuje porozumienie z izbami gospodarczymi o wspólnej bazie egzaminatorów.",
        [],
    )
    _ready(demo, matter)

    # Rejected as out of scope, with the reason.
    matter = _raise(
        demo,
        "Remont sali gimnastycznej w szkole w powiecie słubickim",
        "Prośba o wsparcie remontu sali gimnastycznej. (dane demonstracyjne)",
        counties=("0805",),
    )
    services.matter_reject(
        matter=matter,
        actor=demo.office,
        reason="Sprawa infrastruktury szkolnej nie należy do zadań Zespołu; właściwy jest "
        "organ prowadzący szkołę.",
        expected_state=S.SUBMITTED,
    )

    # Confidential: only its author and the office see it.
    _raise(
        demo,
        "Sytuacja kadrowa w jednej z placówek kształcenia ustawicznego",
        "Informacja poufna dla Biura o brakach kadrowych w placówce. (dane demonstracyjne)",
        confidential=True,
    )

    if len(sittings) >= 3:
        first, second, third = sittings[0], sittings[1], sittings[-1]

        # Decided at sitting III, public.
        matter = _raise(
            demo,
            "Doradztwo zawodowe dla osób dorosłych w powiatowych urzędach pracy",
            "Dorośli zmieniający zawód rzadko korzystają z doradztwa; brakuje informacji o "
            "usługach. (dane demonstracyjne)",
            areas=(1, 3),
        )
        _through_sitting(
            demo,
            matter,
            third,
            "Powołanie zespołu roboczego, który przygotuje katalog usług doradztwa.",
        )

        # Forwarded to the regional board: the answer is overdue.
        matter = _raise(
            demo,
            "Finansowanie doradztwa zawodowego w szkołach ze środków regionalnych",
            "Szkoły nie mają stałego źródła finansowania doradztwa. (dane demonstracyjne)",
            areas=(1,),
        )
        matter = _through_sitting(
            demo, matter, second, "Stanowisko do Zarządu Województwa.", decision=Decision.AMENDED
        )
        _forward(
            demo, matter, kind=AddresseeKind.REGIONAL_BOARD, addressee=BOARD, ago=60, answer_in=-9
        )

        # Forwarded to the ministry: the answer is due within a week.
        matter = _raise(
            demo,
            "Aktualizacja podstaw programowych w zawodach branży drzewnej",
            "Podstawy programowe nie nadążają za technologiami stosowanymi w zakładach "
            "branży drzewnej regionu. (dane demonstracyjne)",
            by_member=False,
            raised_by_name="Przedstawiciel izby gospodarczej (zgłoszenie ustne, demo)",
            areas=(2,),
        )
        matter = _through_sitting(demo, matter, third, "Wniosek do ministerstwa.")
        _forward(demo, matter, kind=AddresseeKind.MINISTRY, addressee=MINISTRY, ago=20, answer_in=4)

        # Answered.
        matter = _raise(
            demo,
            "Baza ofert szkoleniowych dla pracodawców w powiecie gorzowskim",
            "Pracodawcy nie znają oferty szkoleń dofinansowanych. (dane demonstracyjne)",
            counties=("0801", "0861"),
            areas=(4,),
        )
        matter = _through_sitting(demo, matter, second, "Rekomendacja do Zarządu Województwa.")
        matter = _forward(
            demo, matter, kind=AddresseeKind.REGIONAL_BOARD, addressee=BOARD, ago=90, answer_in=-30
        )
        services.matter_record_answer(
            matter=matter,
            actor=demo.office,
            received_on=today - datetime.timedelta(days=40),
            text="Zarząd Województwa uwzględni rekomendację w planie działań na 2027 r. (demo)",
            expected_state=S.FORWARDED,
        )

        # Closed: the whole path.
        matter = _raise(
            demo,
            "Kursy języka polskiego dla cudzoziemców podejmujących pracę w regionie",
            "Pracodawcy zatrudniający cudzoziemców zgłaszają potrzebę kursów języka "
            "polskiego zawodowego. (dane demonstracyjne)",
            areas=(3, 6),
        )
        matter = _through_sitting(demo, matter, first, "Stanowisko w sprawie kursów językowych.")
        matter = _forward(
            demo,
            matter,
            kind=AddresseeKind.REGIONAL_BOARD,
            addressee=BOARD,
            ago=200,
            answer_in=-170,
        )
        matter = services.matter_record_answer(
            matter=matter,
            actor=demo.office,
            received_on=today - datetime.timedelta(days=175),
            text="Kursy zostaną ujęte w ofercie Centrum Kształcenia Ustawicznego. (demo)",
        )
        services.matter_close(
            matter=matter,
            actor=demo.office,
            note="Odpowiedź przyjęta przez Zespół; sprawa zamknięta.",
            expected_state=S.ANSWERED,
        )

    matters = Matter.objects.filter(is_demo=True)
    by_state: dict[str, int] = {}
    for state in matters.values_list("state", flat=True):
        by_state[state] = by_state.get(state, 0) + 1
    return MattersDemoSummary(
        matters=matters.count(),
        by_state=by_state,
        raised_by_member=matters.filter(raised_by=member).count(),
    )
