"""The demo WZK of województwo lubuskie, built on top of the stakeholder demo.

Every person is fictional (the demo contact people of ``skillshub.stakeholders.demo``), every
row is marked as demo data, and everything is written through the services, so the audit log
tells the same story a real secretariat would leave behind. The journey of a new user starts
here: sittings I–III are history, sitting IV is theirs to create.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from skillshub.accounts.models import User
from skillshub.stakeholders import services as stakeholder_services
from skillshub.stakeholders.choices import InstitutionStatus
from skillshub.stakeholders.models import ContactPerson, Institution, Pillar

from . import selectors
from .choices import AgendaItemKind, AttendanceKind, MemberRole, ResolutionKind, Visibility
from .models import AgendaItem, Document, Meeting, Membership, Minutes, Resolution, Team
from .services import documents as document_services
from .services import meetings as services
from .services import minutes as minutes_services

TEAM_NAME = (
    "Wojewódzki Zespół Koordynacji ds. Zintegrowanej Strategii Umiejętności w województwie lubuskim"
)
GROUP_NAME = "Zespół roboczy ds. doradztwa zawodowego"
BOARD = "Zarząd Województwa Lubuskiego"
APPOINTED = "Uchwała nr 12/345/23 Zarządu Województwa Lubuskiego z dnia 19 grudnia 2023 r. (demo)"
REAPPOINTED = (
    "Uchwała nr 98/1234/25 Zarządu Województwa Lubuskiego z dnia 16 grudnia 2025 r. (demo)"
)
TERM_START = datetime.date(2024, 1, 1)
# Three members left at the end of 2025 and were replaced from 2026: the composition on a
# date in 2025 differs from today's.
LEFT_ON = datetime.date(2025, 12, 31)
REPLACED_FROM = datetime.date(2026, 1, 1)
VOTING_MEMBERS = 40
DEPUTIES = 10
PLACE = "Wojewódzki Urząd Pracy w Zielonej Górze, ul. Przykładowa 1, sala konferencyjna (demo)"


@dataclass
class TeamDemoSummary:
    team: str
    members: int
    deputies: int
    meetings: int
    resolutions: int
    documents: int
    working_groups: int


def _pdf(title: str, paragraphs: list[str]) -> SimpleUploadedFile:
    """A small real PDF (WeasyPrint), so the demo's downloads open in any viewer."""
    from weasyprint import HTML

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        '<html lang="pl"><head><meta charset="utf-8"><style>'
        "@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); } }"
        "body { font-family: sans-serif; font-size: 11pt; } h1 { font-size: 16pt; }"
        f"</style></head><body><h1>{escape(title)}</h1>{body}"
        "<p><em>Dokument demonstracyjny — dane fikcyjne.</em></p></body></html>"
    )
    data = HTML(string=html).write_pdf()
    assert data is not None
    name = "".join(c if c.isalnum() else "-" for c in title.lower())[:60].strip("-") + ".pdf"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _people(rng: random.Random) -> tuple[list[ContactPerson], dict[int, list[ContactPerson]]]:
    """One person from each of ~45 institutions of every kind, the regional bodies first, and
    the other people of those institutions (candidates for deputies)."""
    by_institution: dict[int, list[ContactPerson]] = defaultdict(list)
    people = (
        ContactPerson.objects.filter(
            is_demo=True,
            user__isnull=True,
            anonymised_at__isnull=True,
            institution__status=InstitutionStatus.ACTIVE,
        )
        .select_related("institution", "institution__pillar")
        .order_by("institution_id", "pk")
    )
    for person in people:
        by_institution[person.institution_id].append(person)
    institutions = list(Institution.objects.filter(pk__in=by_institution).order_by("pk"))
    regional = institutions[:13]
    by_kind: dict[str, list[Institution]] = defaultdict(list)
    for institution in institutions[13:]:
        by_kind[institution.kind].append(institution)
    for group in by_kind.values():
        rng.shuffle(group)
    chosen = list(regional)
    kinds = sorted(by_kind)
    while len(chosen) < VOTING_MEMBERS + 3 and any(by_kind.values()):
        for kind in kinds:
            if by_kind[kind] and len(chosen) < VOTING_MEMBERS + 3:
                chosen.append(by_kind[kind].pop())
    return [by_institution[i.pk][0] for i in chosen], by_institution


def _member_account(office: Any, institution: Institution) -> ContactPerson:
    """The demo user ``czlonek`` gets a contact-person record, so they can sit in the WZK."""
    user = User.objects.get(username="czlonek")
    existing = ContactPerson.objects.filter(user=user).first()
    if existing is not None:
        return existing
    return stakeholder_services.contact_create(
        institution=institution,
        actor=office,
        data={
            "first_name": user.first_name or "Członek WZK",
            "last_name": user.last_name or "Demo",
            "position": "członek Zespołu (konto demonstracyjne)",
            "email": "czlonek@example.invalid",
            "phone": "",
            "user": user,
        },
        is_demo=True,
    )


def _membership(
    team: Team, office: Any, person: ContactPerson, role: str, **extra: Any
) -> Membership:
    institution = extra.pop("institution", person.institution)
    return services.membership_create(
        team=team,
        actor=office,
        data={
            "person": person,
            "institution": institution,
            "pillar": institution.pillar,
            "role": role,
            "appointed_by": extra.pop("appointed_by", APPOINTED),
            "start_date": extra.pop("start_date", TERM_START),
            "is_demo": True,
            **extra,
        },
    )


def _agenda(
    meeting: Meeting,
    office: Any,
    *,
    previous: Meeting | None,
    decisions: list[tuple[str, str]],
    documents: dict[str, list[Document]],
) -> dict[str, AgendaItem]:
    items: list[tuple[str, str, str, str]] = [
        ("open", AgendaItemKind.INFORMATION, "Otwarcie posiedzenia i stwierdzenie kworum", ""),
        ("order", AgendaItemKind.INFORMATION, "Przyjęcie porządku obrad", ""),
    ]
    if previous is not None:
        items.append(
            (
                "minutes",
                AgendaItemKind.DISCUSSION,
                f"Przyjęcie protokołu z {previous.label} Zespołu",
                "",
            )
        )
    items += [
        (
            "progress",
            AgendaItemKind.INFORMATION,
            "Informacja o postępach realizacji programu wdrożeniowego ZSU 2030",
            "Wojewódzki Urząd Pracy w Zielonej Górze",
        ),
        ("matters", AgendaItemKind.MATTER, "Kwestie zgłoszone przez członków Zespołu", ""),
        *[
            (key, AgendaItemKind.RESOLUTION, title, "Przewodniczący Zespołu")
            for key, title in decisions
        ],
        ("other", AgendaItemKind.DISCUSSION, "Sprawy różne i zamknięcie posiedzenia", ""),
    ]
    out = {}
    for key, kind, title, presenter in items:
        out[key] = services.agenda_item_add(
            meeting=meeting,
            actor=office,
            data={"kind": kind, "title": title, "presenter": presenter},
            documents=documents.get(key, []),
        )
    return out


def _attend(
    meeting: Meeting,
    office: Any,
    rng: random.Random,
    members: list[Membership],
    deputies: list[Membership],
    always: list[Membership],
) -> None:
    """About two thirds present, two deputies standing in, and a guest."""
    standing_in = rng.sample(deputies, 2)
    replaced = {d.deputy_of_id for d in standing_in}
    present = [m for m in members if m.pk not in replaced and (m in always or rng.random() < 0.7)]
    for membership in present:
        services.attendance_record(
            meeting=meeting, actor=office, kind=AttendanceKind.MEMBER, membership=membership
        )
    for deputy in standing_in:
        services.attendance_record(
            meeting=meeting, actor=office, kind=AttendanceKind.DEPUTY, membership=deputy
        )
    services.attendance_record(
        meeting=meeting,
        actor=office,
        kind=AttendanceKind.GUEST,
        guest_name="Gość Przykładowy (Ministerstwo, demo)",
    )


def _resolve(
    meeting: Meeting,
    office: Any,
    item: AgendaItem,
    *,
    title: str,
    text: str,
    kind: str = ResolutionKind.RESOLUTION,
    addressee: str = "",
) -> Resolution:
    resolution = services.resolution_draft(
        meeting=meeting,
        actor=office,
        data={"kind": kind, "title": title, "text": text, "addressee": addressee, "is_demo": True},
        agenda_item=item,
    )
    quorum_present = selectors.quorum_state(meeting=meeting).present
    against = 1
    abstain = 2
    return services.resolution_vote(
        resolution=resolution,
        actor=office,
        votes_for=quorum_present - against - abstain,
        votes_against=against,
        votes_abstain=abstain,
    )


def _minutes(meeting: Meeting, office: Any, items: dict[str, AgendaItem]) -> Minutes:
    minutes = Minutes.objects.get(meeting=meeting)
    summaries = {
        item.pk: f"Omówiono punkt „{item.title}”. Członkowie Zespołu nie zgłosili uwag. (demo)"
        for item in items.values()
    }
    summaries[items["open"].pk] = (
        "Przewodniczący otworzył posiedzenie i stwierdził kworum na podstawie listy obecności."
    )
    return minutes_services.minutes_update(
        minutes=minutes,
        actor=office,
        data={
            "opening": f"{meeting.label} Zespołu odbyło się w siedzibie WUP w Zielonej Górze.",
            "closing": "Na tym posiedzenie zakończono.",
            "recorded_by": "Pracownik Biura Demo",
        },
        summaries=summaries,
        expected_version=None,
    )


def _hold(
    *,
    team: Team,
    office: Any,
    rng: random.Random,
    day: datetime.date,
    previous: Meeting | None,
    decisions: list[tuple[str, str]],
    documents: list[tuple[str, str, str, list[str]]],
    members: list[Membership],
    deputies: list[Membership],
    always: list[Membership],
) -> tuple[Meeting, dict[str, AgendaItem]]:
    """Prepare, convene and hold a sitting on a past ``day``.

    Convening refuses a past date, so the sitting is planned a week ahead, convened (the
    invitations go to the outbox), and only then moved back to ``day`` with a queryset update:
    the attendance, votes (numbered in ``day``'s year) and minutes then follow the services.
    """
    meeting = services.meeting_create(
        team=team,
        actor=office,
        data={
            "starts_at": timezone.now() + datetime.timedelta(days=7),
            "place": PLACE,
            "is_demo": True,
        },
    )
    attached: dict[str, list[Document]] = defaultdict(list)
    for key, title, visibility, paragraphs in documents:
        attached[key].append(
            document_services.document_upload(
                team=team,
                actor=office,
                title=title,
                file=_pdf(title, paragraphs),
                visibility=visibility,
                meeting=meeting,
                is_demo=True,
            )
        )
    items = _agenda(meeting, office, previous=previous, decisions=decisions, documents=attached)
    services.meeting_convene(meeting=meeting, actor=office)
    # Demo only: move the convened sitting into the past (see the docstring).
    starts = _at(day)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2, minutes=30),
        convened_at=starts - datetime.timedelta(days=14),
    )
    meeting.refresh_from_db()
    _attend(meeting, office, rng, members, deputies, always)
    return meeting, items


def _current(memberships: list[Membership], day: datetime.date) -> list[Membership]:
    return [m for m in memberships if m.is_current_on(day)]


@transaction.atomic
def build_team_demo(*, office_user: Any, seed: int = 2030) -> TeamDemoSummary | None:
    """The WZK with its members, three past sittings and a working group. ``None`` if the demo
    team exists already."""
    if Team.objects.filter(name=TEAM_NAME).exists():
        return None
    rng = random.Random(seed)
    office = office_user
    today = timezone.localdate()

    wzk = services.team_create(
        actor=office,
        data={
            "name": TEAM_NAME,
            "short_name": "WZK",
            "description": (
                "Zespół koordynuje wdrażanie Zintegrowanej Strategii Umiejętności 2030 "
                "w regionie. (dane demonstracyjne)"
            ),
            "is_demo": True,
        },
        pillars=Pillar.objects.all(),
    )

    # --- Composition ---------------------------------------------------------------------
    people, colleagues = _people(rng)
    # The regional bodies come first: the WUP, then the Marshal's Office, which chairs.
    people[0], people[1] = people[1], people[0]
    account_person = _member_account(office, people[1].institution)
    chair = _membership(wzk, office, people[0], MemberRole.CHAIR)
    vice = [_membership(wzk, office, p, MemberRole.VICE_CHAIR) for p in people[1:3]]
    ordinary = [
        _membership(wzk, office, p, MemberRole.MEMBER) for p in people[3 : VOTING_MEMBERS - 1]
    ]
    # The account of the demo member represents the WUP alongside its vice-chair.
    account = _membership(wzk, office, account_person, MemberRole.MEMBER)
    leaving = ordinary[-3:]
    for membership in leaving:
        services.membership_update(membership=membership, actor=office, data={"end_date": LEFT_ON})
    replacements = [
        _membership(
            wzk,
            office,
            person,
            MemberRole.MEMBER,
            appointed_by=REAPPOINTED,
            start_date=REPLACED_FROM,
        )
        for person in people[VOTING_MEMBERS - 1 : VOTING_MEMBERS + 2]
    ]
    voting = [chair, *vice, *ordinary, account, *replacements]
    used = {m.person_id for m in voting}
    deputies: list[Membership] = []
    for principal in [chair, *vice, *ordinary[: DEPUTIES * 2]]:
        if len(deputies) == DEPUTIES:
            break
        spare = [p for p in colleagues[principal.institution_id] if p.pk not in used]
        if not spare:
            continue
        used.add(spare[0].pk)
        deputies.append(
            _membership(
                wzk,
                office,
                spare[0],
                MemberRole.DEPUTY,
                deputy_of=principal,
                institution=principal.institution,
            )
        )

    # --- Sittings I–III --------------------------------------------------------------------
    days = [
        today - datetime.timedelta(days=272),
        today - datetime.timedelta(days=181),
        today - datetime.timedelta(days=33),
    ]
    always = [chair, account]
    progress = [
        "Biuro Zespołu przedstawia informację o stanie realizacji działań programu "
        "wdrożeniowego Zintegrowanej Strategii Umiejętności 2030 w województwie lubuskim.",
        "Zrealizowano spotkania sieci współpracy w każdym powiecie; katalog ofert liczy "
        "kilkaset pozycji. (liczby demonstracyjne)",
    ]

    # Sitting I
    first, items = _hold(
        team=wzk,
        office=office,
        rng=rng,
        day=days[0],
        previous=None,
        decisions=[
            ("plan", "Przyjęcie planu pracy Zespołu na rok 2026"),
            ("position", "Przyjęcie stanowiska w sprawie potrzeb kształcenia zawodowego"),
        ],
        documents=[
            ("progress", "Informacja o postępach programu – I posiedzenie", "public", progress),
        ],
        members=_current(voting, days[0]),
        deputies=deputies,
        always=always,
    )
    _resolve(
        first,
        office,
        items["plan"],
        title="w sprawie przyjęcia planu pracy Zespołu na rok 2026",
        text="Zespół przyjmuje plan pracy na rok 2026 w brzmieniu załącznika. (demo)",
    )
    answered = _resolve(
        first,
        office,
        items["position"],
        title="w sprawie potrzeb kształcenia zawodowego w województwie lubuskim",
        text="Zespół rekomenduje Zarządowi Województwa zwiększenie wsparcia szkół branżowych.",
        kind=ResolutionKind.POSITION,
        addressee=BOARD,
    )
    services.meeting_mark_held(meeting=first, actor=office)
    first_minutes = _minutes(first, office, items)
    services.resolution_mark_sent(
        resolution=answered,
        actor=office,
        sent_on=days[0] + datetime.timedelta(days=7),
        answer_due=days[0] + datetime.timedelta(days=37),
    )
    services.resolution_record_answer(
        resolution=answered,
        actor=office,
        received_on=days[0] + datetime.timedelta(days=30),
        text=(
            "Zarząd Województwa Lubuskiego przyjął stanowisko do wiadomości i uwzględni je "
            "w planowaniu środków na rok 2027. (odpowiedź demonstracyjna)"
        ),
    )

    # Sitting II: approves the minutes of I
    second, items = _hold(
        team=wzk,
        office=office,
        rng=rng,
        day=days[1],
        previous=first,
        decisions=[
            ("report", "Przyjęcie sprawozdania z realizacji programu za 2025 r."),
            ("position", "Przyjęcie stanowiska w sprawie finansowania doradztwa zawodowego"),
        ],
        documents=[
            (
                "progress",
                "Materiały na II posiedzenie",
                Visibility.MEMBERS,
                ["Materiały robocze dla członków Zespołu.", *progress],
            ),
            (
                "report",
                "Sprawozdanie z realizacji programu",
                Visibility.PUBLIC,
                ["Sprawozdanie z realizacji programu wdrożeniowego ZSU 2030 za 2025 r.", *progress],
            ),
            (
                "position",
                "Projekt stanowiska w sprawie finansowania doradztwa zawodowego",
                Visibility.MEMBERS,
                ["Projekt stanowiska do przyjęcia na II posiedzeniu Zespołu."],
            ),
        ],
        members=_current(voting, days[1]),
        deputies=deputies,
        always=always,
    )
    minutes_services.minutes_open_consultation(
        minutes=first_minutes, actor=office, deadline=timezone.now() + datetime.timedelta(days=1)
    )
    minutes_services.minutes_approve(minutes=first_minutes, actor=office, at_meeting=second)
    _resolve(
        second,
        office,
        items["report"],
        title="w sprawie przyjęcia sprawozdania z realizacji programu za 2025 r.",
        text="Zespół przyjmuje sprawozdanie z realizacji programu wdrożeniowego za 2025 r.",
    )
    awaiting = _resolve(
        second,
        office,
        items["position"],
        title="w sprawie finansowania doradztwa zawodowego",
        text="Zespół wnosi o zapewnienie stałego finansowania doradztwa zawodowego w szkołach.",
        kind=ResolutionKind.POSITION,
        addressee=BOARD,
    )
    services.meeting_mark_held(meeting=second, actor=office)
    second_minutes = _minutes(second, office, items)
    services.resolution_mark_sent(
        resolution=awaiting,
        actor=office,
        sent_on=days[1] + datetime.timedelta(days=10),
        answer_due=today + datetime.timedelta(days=30),
    )

    # Sitting III: approves the minutes of II; its own are open for comments
    third, items = _hold(
        team=wzk,
        office=office,
        rng=rng,
        day=days[2],
        previous=second,
        decisions=[
            ("position", "Powołanie zespołu roboczego ds. doradztwa zawodowego"),
        ],
        documents=[
            ("progress", "Informacja o postępach programu – III posiedzenie", "public", progress),
        ],
        members=_current(voting, days[2]),
        deputies=deputies,
        always=always,
    )
    minutes_services.minutes_open_consultation(
        minutes=second_minutes, actor=office, deadline=timezone.now() + datetime.timedelta(days=1)
    )
    minutes_services.minutes_approve(minutes=second_minutes, actor=office, at_meeting=third)
    _resolve(
        third,
        office,
        items["position"],
        title="w sprawie powołania zespołu roboczego ds. doradztwa zawodowego",
        text="Zespół powołuje zespół roboczy ds. doradztwa zawodowego w składzie 6 osób.",
    )
    services.meeting_mark_held(meeting=third, actor=office)
    third_minutes = _minutes(third, office, items)
    minutes_services.minutes_open_consultation(
        minutes=third_minutes, actor=office, deadline=_at(today + datetime.timedelta(days=10), 16)
    )
    # Demo only: the approved minutes' comment periods and the votes belong to the past.
    for meeting, minutes in ((first, first_minutes), (second, second_minutes)):
        Minutes.objects.filter(pk=minutes.pk).update(
            comment_deadline=meeting.starts_at + datetime.timedelta(days=21)
        )
    for meeting in (first, second, third):
        Resolution.objects.filter(meeting=meeting).update(
            voted_at=meeting.starts_at + datetime.timedelta(hours=1)
        )

    # --- The working group, with one upcoming meeting ---------------------------------------
    group = services.team_create(
        actor=office,
        data={
            "name": GROUP_NAME,
            "short_name": "ZR-DZ",
            "parent": wzk,
            "description": "Zespół roboczy WZK (dane demonstracyjne).",
            "is_demo": True,
        },
        pillars=Pillar.objects.filter(name__icontains="oświat"),
    )
    group_people = [m for m in voting if m.end_date is None][3:8]
    _membership(group, office, group_people[0].person, MemberRole.CHAIR, start_date=days[2])
    for membership in [*group_people[1:], account]:
        _membership(group, office, membership.person, MemberRole.MEMBER, start_date=days[2])
    meeting = services.meeting_create(
        team=group,
        actor=office,
        data={
            "starts_at": _at(today + datetime.timedelta(days=17), 11),
            "online_url": "https://meet.example.invalid/zr-dz-demo",
            "title": "Katalog usług doradztwa zawodowego w regionie",
            "is_demo": True,
        },
    )
    for title in (
        "Otwarcie i przyjęcie porządku spotkania",
        "Przegląd usług doradztwa zawodowego w powiatach",
        "Plan pracy zespołu roboczego",
    ):
        services.agenda_item_add(meeting=meeting, actor=office, data={"title": title})
    services.meeting_convene(meeting=meeting, actor=office)

    return TeamDemoSummary(
        team=wzk.short_name,
        members=Membership.objects.filter(team=wzk).current_on(today).voting().count(),
        deputies=Membership.objects.filter(team=wzk).current_on(today).deputies().count(),
        meetings=Meeting.objects.filter(team=wzk).count(),
        resolutions=Resolution.objects.filter(team=wzk).adopted().count(),
        documents=Document.objects.filter(team=wzk).count(),
        working_groups=Team.objects.filter(parent=wzk).count(),
    )
