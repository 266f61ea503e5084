"""Make a team with a long history for benchmarks: 60 members and 20 deputies, ten years of
sittings (80) with agendas, attendance, resolutions and minutes, and 2,000 documents.

Bulk inserts, not services: the services lock, validate and audit row by row, which for tens of
thousands of rows would take minutes and fill the audit log with load that no one did. This is
data for measuring, marked as demo. Never run it on a production database.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from skillshub.core.models import County
from skillshub.stakeholders.choices import InstitutionKind
from skillshub.stakeholders.models import ContactPerson, Institution, Pillar, fold
from skillshub.team.choices import (
    AgendaItemKind,
    AttendanceKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    ResolutionOutcome,
    Visibility,
)
from skillshub.team.models import (
    AgendaItem,
    Attendance,
    Document,
    DocumentVersion,
    Meeting,
    Membership,
    Minutes,
    Resolution,
    Team,
)

TEAM_NAME = "Zespół skali (benchmark)"
SHORT_NAME = "WZK-S"
BATCH = 1000
MEMBERS = 60
DEPUTIES = 20
SITTINGS = 80
ITEMS = 8
# The newest held sitting: the one whose minutes the benchmark renders.
BIG_SITTING_ITEMS = 20
DOCUMENTS = 2000
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
KINDS = [AgendaItemKind.INFORMATION, AgendaItemKind.DISCUSSION, AgendaItemKind.MATTER]


class Command(BaseCommand):
    help = "Bulk-create a team with ten years of sittings and 2,000 documents for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sittings", type=int, default=SITTINGS)
        parser.add_argument("--documents", type=int, default=DOCUMENTS)
        parser.add_argument("--seed", type=int, default=60)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if Team.objects.filter(name=TEAM_NAME).exists():
            self.stdout.write(f"The team “{TEAM_NAME}” exists already; nothing to do.")
            return
        counties = list(County.objects.in_region())
        if not counties:
            raise CommandError("Load the region first: manage.py load_region 08; load_reference")
        rng = random.Random(options["seed"])
        sittings, documents = options["sittings"], options["documents"]
        pillars = list(Pillar.objects.all())
        kinds = InstitutionKind.values

        institutions = Institution.objects.bulk_create(
            [
                Institution(
                    name=f"Instytucja zespołu skali nr {n + 1} (demo)",
                    name_folded=fold(f"Instytucja zespołu skali nr {n + 1} (demo)"),
                    kind=kinds[n % len(kinds)],
                    pillar=pillars[n % len(pillars)] if pillars else None,
                    county=counties[n % len(counties)],
                    email=f"zespol-skali{n + 1}@example.invalid",
                    is_demo=True,
                )
                for n in range(MEMBERS)
            ]
        )
        people = ContactPerson.objects.bulk_create(
            [
                ContactPerson(
                    institution_id=institution.pk,
                    first_name="Skala",
                    last_name=f"Członek {institution.pk}-{k + 1}",
                    email=f"zespol-skali{institution.pk}-{k + 1}@example.invalid",
                    is_demo=True,
                )
                for institution in institutions
                for k in range(2)
            ]
        )
        team = Team.objects.create(name=TEAM_NAME, short_name=SHORT_NAME, is_demo=True)
        team.pillars.set(pillars)

        first_day = timezone.localdate() - datetime.timedelta(days=3650)
        roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.VICE_CHAIR]
        members = Membership.objects.bulk_create(
            [
                Membership(
                    team=team,
                    person_id=people[2 * n].pk,
                    institution_id=institutions[n].pk,
                    pillar_id=institutions[n].pillar_id,
                    role=roles[n] if n < len(roles) else MemberRole.MEMBER,
                    appointed_by="Uchwała Zarządu Województwa (benchmark)",
                    start_date=first_day,
                    is_demo=True,
                )
                for n in range(MEMBERS)
            ]
        )
        deputies = Membership.objects.bulk_create(
            [
                Membership(
                    team=team,
                    person_id=people[2 * n + 1].pk,
                    institution_id=institutions[n].pk,
                    role=MemberRole.DEPUTY,
                    deputy_of_id=members[n].pk,
                    start_date=first_day,
                    is_demo=True,
                )
                for n in range(DEPUTIES)
            ]
        )

        # Sittings every ~45 days over ten years; all but the newest have approved minutes.
        step = 3650 // (sittings + 1)
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    team=team,
                    number=n + 1,
                    starts_at=timezone.make_aware(
                        datetime.datetime.combine(
                            first_day + datetime.timedelta(days=step * (n + 1)),
                            datetime.time(10, 0),
                        )
                    ),
                    place="Sala konferencyjna (benchmark)",
                    status=MeetingStatus.HELD
                    if n == sittings - 1
                    else MeetingStatus.MINUTES_APPROVED,
                    is_demo=True,
                )
                for n in range(sittings)
            ]
        )
        items = AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    meeting=meeting,
                    order=k + 1,
                    kind=AgendaItemKind.RESOLUTION if k == 2 else KINDS[k % len(KINDS)],
                    title=f"Punkt {k + 1} porządku obrad {meeting.label}",
                    presenter="Biuro Zespołu",
                    summary=f"Omówiono punkt {k + 1}. Członkowie nie zgłosili uwag.",
                )
                for meeting in meetings
                for k in range(BIG_SITTING_ITEMS if meeting is meetings[-1] else ITEMS)
            ],
            batch_size=BATCH,
        )
        by_meeting: dict[int, list[AgendaItem]] = {}
        for item in items:
            by_meeting.setdefault(item.meeting_id, []).append(item)

        attendance: list[Attendance] = []
        for meeting in meetings:
            standing_in = rng.sample(deputies, 3)
            replaced = {d.deputy_of_id for d in standing_in}
            for member in members:
                if member.pk not in replaced and rng.random() < 0.7:
                    attendance.append(
                        Attendance(
                            meeting=meeting,
                            kind=AttendanceKind.MEMBER,
                            membership=member,
                            institution_id=member.institution_id,
                        )
                    )
            for deputy in standing_in:
                attendance.append(
                    Attendance(
                        meeting=meeting,
                        kind=AttendanceKind.DEPUTY,
                        membership=deputy,
                        stands_in_for_id=deputy.deputy_of_id,
                        institution_id=deputy.institution_id,
                    )
                )
            attendance.append(
                Attendance(
                    meeting=meeting, kind=AttendanceKind.GUEST, guest_name="Gość (benchmark)"
                )
            )
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)

        resolutions: list[Resolution] = []
        numbers: dict[int, int] = {}
        for meeting in meetings:
            year = timezone.localtime(meeting.starts_at).year
            for k in range(1 + (meeting.number % 2)):
                numbers[year] = numbers.get(year, 0) + 1
                resolutions.append(
                    Resolution(
                        team=team,
                        meeting=meeting,
                        agenda_item=by_meeting[meeting.pk][2 + k],
                        title=f"w sprawie nr {numbers[year]} (benchmark)",
                        text="Treść uchwały (benchmark).",
                        year=year,
                        number=numbers[year],
                        votes_for=30,
                        votes_against=2,
                        votes_abstain=3,
                        present_at_vote=40,
                        outcome=ResolutionOutcome.ADOPTED,
                        voted_at=meeting.starts_at + datetime.timedelta(hours=1),
                        is_demo=True,
                    )
                )
        Resolution.objects.bulk_create(resolutions, batch_size=BATCH)
        Minutes.objects.bulk_create(
            [
                Minutes(
                    meeting=meeting,
                    status=MinutesStatus.DRAFT
                    if meeting is meetings[-1]
                    else MinutesStatus.APPROVED,
                    opening=f"{meeting.label} otworzył Przewodniczący Zespołu.",
                    closing="Na tym posiedzenie zakończono.",
                    recorded_by="Biuro Zespołu (benchmark)",
                    approved_at_meeting=None if meeting is meetings[-1] else meetings[n + 1],
                    approved_on=(
                        None
                        if meeting is meetings[-1]
                        else timezone.localtime(meetings[n + 1].starts_at).date()
                    ),
                )
                for n, meeting in enumerate(meetings)
            ]
        )

        # One tiny stored file serves every version: the benchmark measures pages and queries,
        # not disk, and 2,000 copies of the same bytes would only fill var/media.
        path = default_storage.save("team/documents/benchmark/tiny.pdf", ContentFile(TINY_PDF))
        docs = Document.objects.bulk_create(
            [
                Document(
                    team=team,
                    meeting=meetings[n % len(meetings)],
                    title=f"Dokument {n + 1} (benchmark)",
                    visibility=Visibility.PUBLIC if n % 3 == 0 else Visibility.MEMBERS,
                    is_demo=True,
                )
                for n in range(documents)
            ],
            batch_size=BATCH,
        )
        versions = DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    document=document,
                    number=1,
                    file=path,
                    original_name="dokument.pdf",
                    content_type="application/pdf",
                    size=len(TINY_PDF),
                    sha256="0" * 64,
                )
                for document in docs
            ],
            batch_size=BATCH,
        )
        for document, version in zip(docs, versions, strict=True):
            document.current_version = version
        Document.objects.bulk_update(docs, ["current_version"], batch_size=BATCH)
        through = AgendaItem.documents.through
        links = []
        for n, document in enumerate(docs):
            meeting_items = by_meeting[document.meeting_id]  # type: ignore[index]
            links.append(
                through(
                    agendaitem_id=meeting_items[n % len(meeting_items)].pk, document_id=document.pk
                )
            )
        through.objects.bulk_create(links, batch_size=BATCH)

        # Two sittings ahead, so the calendar has something to show.
        upcoming = Meeting.objects.bulk_create(
            [
                Meeting(
                    team=team,
                    number=sittings + k + 1,
                    starts_at=timezone.now() + datetime.timedelta(days=14 + 30 * k),
                    place="Sala konferencyjna (benchmark)",
                    status=MeetingStatus.CONVENED if k == 0 else MeetingStatus.PLANNED,
                    is_demo=True,
                )
                for k in range(2)
            ]
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=meeting, order=k + 1, title=f"Punkt {k + 1}")
                for meeting in upcoming
                for k in range(ITEMS)
            ]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Team “{TEAM_NAME}”: {len(members)} members, {len(deputies)} deputies, "
                f"{len(meetings) + len(upcoming)} sittings, {len(items)} agenda items, "
                f"{len(attendance)} attendance rows, {len(resolutions)} resolutions, "
                f"{len(docs)} documents."
            )
        )
