"""Make 20,000 matters with 100,000 comments and moves in total, for benchmarks.

Bulk inserts, not services: the services lock, validate, audit and e-mail row by row, which for
a hundred thousand rows would take many minutes, queue tens of thousands of e-mails and fill the
audit trail with work no one did. Each matter's moves still follow the transition table, so the
board and the timelines look like the real thing. Marked as demo data; never run it on a
production database. Running it again does nothing once the matters are there.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.models import User
from skillshub.core.models import County, StrategyArea
from skillshub.stakeholders.models import fold

from ...choices import AddresseeKind, Decision, MatterState
from ...models import Matter, MatterComment, MatterTransition, Proposal

S = MatterState
PREFIX = "Kwestia skali"
MATTERS = 20_000
ROWS = 100_000  # comments and moves together
BATCH = 2_000
MEMBERS = 50
# The path of a matter that went the whole way; a matter in a state has walked its prefix.
PATH: list[str] = [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY,
        S.ON_AGENDA, S.DECIDED, S.FORWARDED, S.ANSWERED, S.CLOSED]  # fmt: skip
WEIGHTS = {
    S.DRAFT: 10, S.SUBMITTED: 25, S.ACCEPTED: 15, S.REJECTED: 8, S.PROPOSAL_IN_PREPARATION: 14,
    S.PROPOSAL_READY: 6, S.ON_AGENDA: 2, S.DECIDED: 5, S.FORWARDED: 6, S.ANSWERED: 3,
    S.CLOSED: 6,
}  # fmt: skip
TOPICS = [
    "doradztwa zawodowego w szkołach branżowych", "kursów KKZ dla dorosłych",
    "praktyk zawodowych u pracodawców", "kształcenia nauczycieli przedmiotów zawodowych",
    "mikropoświadczeń w ofercie szkoleniowej", "kompetencji cyfrowych seniorów",
    "egzaminów zawodowych", "kursów języka polskiego dla cudzoziemców",
]  # fmt: skip


def _path(state: str, rng: random.Random) -> list[str]:
    if state == S.REJECTED:
        return [S.DRAFT, S.SUBMITTED, S.REJECTED]
    if state == S.CLOSED and rng.random() < 0.7:
        return [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.CLOSED]  # closed without a proposal
    return PATH[: PATH.index(state) + 1]


class Command(BaseCommand):
    help = "Bulk-create 20,000 matters with 100,000 comments and moves for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--matters", type=int, default=MATTERS)
        parser.add_argument("--rows", type=int, default=ROWS, help="comments and moves")
        parser.add_argument("--seed", type=int, default=20)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if Matter.objects.filter(title__startswith=PREFIX).exists():
            self.stdout.write("The scale matters exist already; nothing to do.")
            return
        counties = list(County.objects.in_region())
        areas = list(StrategyArea.objects.filter(part="detailed"))
        if not counties or not areas:
            raise CommandError("Load the region first: manage.py load_region 08; load_reference")
        rng = random.Random(options["seed"])
        total, rows = options["matters"], options["rows"]
        today = timezone.localdate()
        now = timezone.now()

        staff, _ = User.objects.get_or_create(
            username="bench-staff", defaults={"role": Role.OFFICE_STAFF}
        )
        existing = set(
            User.objects.filter(username__startswith="skala-czlonek-").values_list(
                "username", flat=True
            )
        )
        User.objects.bulk_create(
            [
                User(
                    username=f"skala-czlonek-{n}",
                    role=Role.TEAM_MEMBER,
                    first_name="Skala",
                    last_name=f"Członek {n}",
                    email=f"skala-czlonek-{n}@example.invalid",
                    is_demo=True,
                )
                for n in range(MEMBERS)
                if f"skala-czlonek-{n}" not in existing
            ]
        )
        members = list(User.objects.filter(username__startswith="skala-czlonek-"))

        states = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=total)
        paths = [_path(state, rng) for state in states]
        matters: list[Matter] = []
        for n, (state, path) in enumerate(zip(states, paths, strict=True)):
            title = f"{PREFIX} nr {n + 1}: dostępność {rng.choice(TOPICS)}"
            description = f"Opis kwestii nr {n + 1} zgłoszonej przez członka WZK (dane skali)."
            decided = S.DECIDED in path
            forwarded = S.FORWARDED in path
            forwarded_on = today - datetime.timedelta(days=rng.randint(20, 400))
            matters.append(
                Matter(
                    title=title,
                    description=description,
                    text_folded=fold(f"{title} {description}"),
                    raised_by=rng.choice(members),
                    state=state,
                    rejection_reason="Poza zakresem (dane skali)." if state == S.REJECTED else "",
                    confidential=rng.random() < 0.05,
                    is_public=decided and rng.random() < 0.7,
                    proposal_due=today + datetime.timedelta(days=rng.randint(-60, 90)),
                    decision=Decision.ADOPTED if decided else "",
                    decided_on=today - datetime.timedelta(days=rng.randint(30, 500))
                    if decided
                    else None,
                    addressee_kind=AddresseeKind.REGIONAL_BOARD if forwarded else "",
                    addressee="Zarząd Województwa Lubuskiego" if forwarded else "",
                    forwarded_on=forwarded_on if forwarded else None,
                    answer_due=forwarded_on + datetime.timedelta(days=rng.randint(10, 120))
                    if forwarded
                    else None,
                    version=len(path),
                    is_demo=True,
                    submitted_at=now if len(path) > 1 else None,
                    closed_at=now if state == S.CLOSED else None,
                )
            )
        matters = Matter.objects.bulk_create(matters, batch_size=BATCH)

        Matter.areas.through.objects.bulk_create(
            [
                Matter.areas.through(matter_id=m.pk, strategyarea_id=rng.choice(areas).pk)
                for m in matters
            ],
            batch_size=BATCH * 5,
        )
        Matter.counties.through.objects.bulk_create(
            [
                Matter.counties.through(matter_id=m.pk, county_id=rng.choice(counties).pk)
                for m in matters
            ],
            batch_size=BATCH * 5,
        )

        moves = [
            MatterTransition(
                matter_id=m.pk,
                from_state=path[i - 1] if i else "",
                to_state=path[i],
                actor_id=m.raised_by_id if i <= 1 else staff.pk,
            )
            for m, path in zip(matters, paths, strict=True)
            for i in range(len(path))
        ]
        MatterTransition.objects.bulk_create(moves, batch_size=BATCH * 5)

        with_proposal = [
            m for m, path in zip(matters, paths, strict=True) if S.PROPOSAL_IN_PREPARATION in path
        ]
        proposals = Proposal.objects.bulk_create(
            [
                Proposal(
                    matter_id=m.pk,
                    number=1,
                    text="Proponowane rozwiązanie (dane skali).",
                    options=[{"title": "Wariant A", "text": "Opis wariantu A."}],
                    recommended=0,
                    created_by=staff,
                )
                for m in with_proposal
            ],
            batch_size=BATCH * 5,
        )
        comment_count = max(rows - len(moves), 0)
        comments = []
        for _ in range(comment_count):
            proposal = rng.choice(proposals)
            comments.append(
                MatterComment(
                    matter_id=proposal.matter_id,
                    proposal_id=proposal.pk,
                    author=rng.choice(members),
                    text="Uwaga do propozycji (dane skali).",
                )
            )
        MatterComment.objects.bulk_create(comments, batch_size=BATCH * 5)
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {len(matters)} matters, {len(moves)} moves and {len(comments)} comments "
                f"({len(moves) + len(comments)} in total), {len(proposals)} proposals."
            )
        )
