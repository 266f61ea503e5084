"""Issue 4's 'done when', walked through the real views on the demo data: a member raises a
matter; the office accepts it and proposes a solution; the member comments; the matter goes on
sitting IV; the WZK adopts a position; it goes to the regional board, the answer is recorded,
and it is closed. Every step is on the matter's timeline and in the audit trail."""

from __future__ import annotations

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skillshub.accounts.models import User
from skillshub.core.models import AuditEntry
from skillshub.matters.choices import MatterState as S
from skillshub.matters.models import Matter
from skillshub.team.models import Meeting, Resolution, Team


def _state(matter: Matter) -> str:
    return Matter.objects.get(pk=matter.pk).state


@pytest.mark.django_db
def test_a_members_matter_from_raising_to_closing(region):
    call_command("seed_demo", stdout=io.StringIO())
    wzk = Team.objects.get(short_name="WZK", parent__isnull=True)
    member = Client()
    member.force_login(User.objects.get(username="czlonek"))
    office = Client()
    office.force_login(User.objects.get(username="biuro"))

    # A member raises a matter (a double click sends the form twice: one matter).
    form = {
        "submission_key": str(uuid.uuid4()),
        "title": "Brak praktyk zawodowych dla uczniów szkół branżowych w Żarach",
        "description": "Pracodawcy zgłaszają, że nie mają z kim uzgodnić programu praktyk.",
        "urgency": "high",
        "submit": "1",
    }
    member.post(reverse("matters:matter_create"), form)
    member.post(reverse("matters:matter_create"), form)
    matter = Matter.objects.get(title=form["title"])
    assert matter.state == S.SUBMITTED and matter.raised_by.username == "czlonek"

    # 1. The office accepts it and writes a proposal, then asks the members for comments.
    move = reverse("matters:matter_move", args=[matter.pk])
    office.post(move, {"target": S.ACCEPTED, "expected_state": S.SUBMITTED})
    office.post(
        reverse("matters:proposal_create", args=[matter.pk]),
        {
            "text": "Biuro proponuje porozumienie szkół z izbą rzemiosła.",
            "option_1_title": "Porozumienie ramowe",
            "option_1_text": "Jedno porozumienie dla powiatu.",
            "option_2_title": "Umowy indywidualne",
            "option_2_text": "Każda szkoła osobno.",
            "recommended": "1",
        },
    )
    office.post(move, {"target": S.PROPOSAL_READY, "expected_state": S.PROPOSAL_IN_PREPARATION})
    deadline = timezone.localtime() + datetime.timedelta(days=7)
    office.post(
        reverse("matters:consultation_open", args=[matter.pk]),
        {"deadline": deadline.strftime("%Y-%m-%dT%H:%M")},
    )
    assert _state(matter) == S.PROPOSAL_READY

    # 2. The member comments.
    member.post(
        reverse("matters:comment_create", args=[matter.pk]),
        {"text": "Popieram wariant pierwszy."},
    )
    assert matter.comments.filter(author__username="czlonek").exists()

    # 3. The office puts it on sitting IV.
    when = timezone.localtime() + datetime.timedelta(days=14)
    office.post(
        reverse("team:meeting_create", args=[wzk.pk]),
        {"starts_at": when.strftime("%Y-%m-%dT10:00"), "place": "WUP, sala 101 (demo)"},
    )
    meeting = Meeting.objects.get(team=wzk, number=4)
    office.post(
        reverse("team:agenda_item_create", args=[meeting.pk]),
        {"kind": "matter", "title": "", "matter": matter.pk},
    )
    assert _state(matter) == S.ON_AGENDA
    office.post(reverse("team:meeting_status", args=[meeting.pk]), {"action": "convene"})

    # 4. The WZK adopts a position on it.
    day = when.date()
    current = wzk.memberships.filter(start_date__lte=day).exclude(end_date__lt=day)
    voting = current.exclude(role="deputy")
    for membership in voting[: voting.count() // 2 + 1]:
        office.post(
            reverse("team:attendance", args=[meeting.pk]),
            {"kind": "member", "membership": membership.pk},
        )
    item = meeting.agenda_items.get(matter=matter)
    office.post(
        reverse("team:resolution_create", args=[meeting.pk]),
        {
            "kind": "position",
            "title": "w sprawie praktyk zawodowych w Żarach",
            "text": "WZK popiera porozumienie ramowe (demo).",
            "addressee": "Zarząd Województwa Lubuskiego",
            "agenda_item": item.pk,
        },
    )
    resolution = Resolution.objects.get(meeting=meeting)
    office.post(
        reverse("team:resolution_vote", args=[resolution.pk]),
        {"votes_for": 15, "votes_against": 0, "votes_abstain": 1},
    )
    matter.refresh_from_db()
    assert matter.state == S.DECIDED and matter.decision == "adopted"
    assert matter.decision_url == resolution.get_absolute_url()

    # 5. Forwarded to the regional board; the answer is recorded; closed.
    today = timezone.localdate()
    office.post(
        reverse("matters:matter_forward", args=[matter.pk]),
        {
            "addressee_kind": "regional_board",
            "addressee": "Zarząd Województwa Lubuskiego",
            "forwarded_on": today.isoformat(),
            "answer_due": (today + datetime.timedelta(days=30)).isoformat(),
            "expected_state": S.DECIDED,
        },
    )
    assert _state(matter) == S.FORWARDED
    office.post(
        reverse("matters:matter_answer", args=[matter.pk]),
        {
            "received_on": today.isoformat(),
            "text": "Zarząd przyjmuje stanowisko do realizacji (demo).",
            "expected_state": S.FORWARDED,
        },
    )
    office.post(move, {"target": S.CLOSED, "expected_state": S.ANSWERED})
    assert _state(matter) == S.CLOSED

    # Every step is on the timeline and in the audit trail, and the member sees it all.
    path = [t.to_state for t in matter.transitions.order_by("created_at", "id")]
    assert path == [
        S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.PROPOSAL_IN_PREPARATION,
        S.PROPOSAL_READY, S.ON_AGENDA, S.DECIDED, S.FORWARDED, S.ANSWERED, S.CLOSED,
    ]  # fmt: skip
    verbs = set(
        AuditEntry.objects.filter(
            object_id=str(matter.pk), content_type__model="matter"
        ).values_list("verb", flat=True)
    )
    expected = {
        "matter_create", "proposal_add", "matter_comment", "matter_on_agenda",
        "matter_decided", "matter_forwarded", "matter_answered", "matter_closed",
    }  # fmt: skip
    assert expected <= verbs
    page = member.get(matter.get_absolute_url())
    assert page.status_code == 200
    kinds = [event.kind for event in page.context["events"]]
    assert kinds.count("move") == 10 and "proposal" in kinds and "comment" in kinds
