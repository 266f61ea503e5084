"""The matter's life: every allowed move, every illegal one, and what each leaves behind."""

from __future__ import annotations

import datetime
import itertools
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from skillshub.core.models import AuditEntry
from skillshub.matters import services as svc
from skillshub.matters.choices import MatterState as S
from skillshub.matters.exceptions import IllegalTransition, StaleMove
from skillshub.matters.models import Matter
from skillshub.matters.workflow import SITTING_MOVES, TRANSITIONS, can_move, next_states

from .factories import MatterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _raise(member, **data) -> Matter:
    return svc.matter_create(
        actor=member,
        data={"title": "Brak doradców zawodowych w szkołach", "description": "Opis.", **data},
    )


def _ready(member, coordinator) -> Matter:
    matter = _raise(member)
    svc.matter_submit(matter=matter, actor=member)
    svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED)
    svc.proposal_add(matter=matter, actor=coordinator, text="Propozycja.")
    return svc.matter_move(matter=matter, actor=coordinator, target=S.PROPOSAL_READY)


def _sitting(n: int = 4) -> dict:
    return {
        "sitting_key": f"meeting:{n}",
        "sitting_label": "IV posiedzenie WZK",
        "sitting_url": "/wzk/meetings/4/",
        "sitting_date": timezone.localdate(),
    }


def test_a_member_raises_a_draft_and_submits_it(member, coordinator):
    matter = _raise(member)
    assert matter.state == S.DRAFT and matter.raised_by == member
    svc.matter_submit(matter=matter, actor=member)
    matter.refresh_from_db()
    assert matter.state == S.SUBMITTED and matter.submitted_at
    assert coordinator.email in [m.to[0] for m in mail.outbox]  # the office is told
    assert [t.to_state for t in matter.transitions.all()] == [S.DRAFT, S.SUBMITTED]
    assert AuditEntry.objects.filter(object_id=str(matter.pk), verb="matter_submitted").exists()


def test_the_whole_path_to_closed(member, coordinator):
    matter = _ready(member, coordinator)
    svc.matter_place_on_agenda(matter=matter, actor=coordinator, **_sitting())
    svc.matter_record_decision(
        matter=matter,
        actor=coordinator,
        decision="adopted",
        resolution_label="Uchwała nr 1/2026 WZK",
        resolution_url="/wzk/resolutions/1/",
        decided_on=timezone.localdate(),
    )
    svc.matter_forward(
        matter=matter,
        actor=coordinator,
        addressee_kind="regional_board",
        addressee="Zarząd Województwa Lubuskiego",
        forwarded_on=timezone.localdate(),
        answer_due=timezone.localdate() + datetime.timedelta(days=30),
    )
    svc.matter_record_answer(
        matter=matter, actor=coordinator, received_on=timezone.localdate(), text="Odpowiedź."
    )
    svc.matter_close(matter=matter, actor=coordinator)
    matter.refresh_from_db()
    states = [t.to_state for t in matter.transitions.all()]
    assert states == [
        S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY,
        S.ON_AGENDA, S.DECIDED, S.FORWARDED, S.ANSWERED, S.CLOSED,
    ]  # fmt: skip
    assert matter.decision_label == "Uchwała nr 1/2026 WZK"
    # The author heard of every move they did not make themselves.
    assert sum(member.email in m.to for m in mail.outbox) == 8


ALL_PAIRS = list(itertools.product(S.values, S.values))


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_every_move_follows_the_table(current, target):
    assert can_move(current, target) is (target in TRANSITIONS[current])


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c, t in ALL_PAIRS if not can_move(c, t) and t not in (S.FORWARDED, S.ANSWERED)],
)
def test_every_illegal_move_is_refused_with_a_reason(region, coordinator, current, target):
    matter = MatterFactory(state=current, rejection_reason="x" if current == S.REJECTED else "")
    with pytest.raises(IllegalTransition) as refused:
        svc.matter_move(matter=matter, actor=coordinator, target=target, note="powód")
    assert "cannot become" in str(refused.value)
    matter.refresh_from_db()
    assert matter.state == current
    assert not matter.transitions.exists()


@pytest.mark.parametrize(("current", "target"), sorted(SITTING_MOVES))
def test_the_sittings_moves_cannot_be_made_by_hand(coordinator, current, target):
    matter = MatterFactory(state=current)
    with pytest.raises(IllegalTransition, match="sitting"):
        svc.matter_move(matter=matter, actor=coordinator, target=target)
    assert target not in next_states(current)


def test_rejection_needs_a_reason_which_the_author_receives(member, coordinator):
    matter = _raise(member)
    svc.matter_submit(matter=matter, actor=member)
    with pytest.raises(ValidationError):
        svc.matter_reject(matter=matter, actor=coordinator, reason="  ")
    svc.matter_reject(matter=matter, actor=coordinator, reason="Poza zakresem ZSU 2030.")
    matter.refresh_from_db()
    assert matter.state == S.REJECTED and matter.rejection_reason == "Poza zakresem ZSU 2030."
    assert "Poza zakresem ZSU 2030." in mail.outbox[-1].body


def test_ready_needs_a_proposal(member, coordinator):
    matter = MatterFactory(state=S.PROPOSAL_IN_PREPARATION, raised_by=member)
    with pytest.raises(IllegalTransition, match="proposed solution"):
        svc.matter_move(matter=matter, actor=coordinator, target=S.PROPOSAL_READY)


def test_proposals_are_versioned_with_a_recommended_option(member, coordinator):
    matter = _raise(member)
    svc.matter_submit(matter=matter, actor=member)
    svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED)
    first = svc.proposal_add(
        matter=matter,
        actor=coordinator,
        text="Wersja 1",
        options=[{"title": "A", "text": "a"}, {"title": "B", "text": "b"}],
        recommended=1,
    )
    second = svc.proposal_add(matter=matter, actor=coordinator, text="Wersja 2")
    assert (first.number, second.number) == (1, 2)
    assert first.recommended_option == {"title": "B", "text": "b"}
    matter.refresh_from_db()
    assert matter.state == S.PROPOSAL_IN_PREPARATION
    with pytest.raises(ValidationError):
        svc.proposal_add(matter=matter, actor=coordinator, text="X", options=[], recommended=0)


def test_members_comment_only_while_the_consultation_is_open(member, other_member, coordinator):
    matter = _ready(member, coordinator)
    with pytest.raises(IllegalTransition):
        svc.comment_add(matter=matter, actor=other_member, text="Uwaga")
    svc.consultation_open(
        matter=matter, actor=coordinator, deadline=timezone.now() + datetime.timedelta(days=7)
    )
    assert other_member.email in [m.to[0] for m in mail.outbox]
    comment = svc.comment_add(matter=matter, actor=other_member, text="Popieram wariant B.")
    reply = svc.comment_add(matter=matter, actor=coordinator, text="Dziękujemy.", reply_to=comment)
    assert reply.reply_to == comment
    assert mail.outbox[-1].to == [other_member.email]  # told of the reply
    Matter.objects.filter(pk=matter.pk).update(
        consultation_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(IllegalTransition, match="closed"):
        svc.comment_add(matter=matter, actor=other_member, text="Za późno")
    svc.comment_add(matter=matter, actor=coordinator, text="Biuro może dopisać.")


def test_an_empty_comment_is_refused(member, coordinator):
    matter = _ready(member, coordinator)
    with pytest.raises(ValidationError):
        svc.comment_add(matter=matter, actor=coordinator, text="   ")


def test_a_double_submission_makes_one_matter(member):
    key = uuid.uuid4()
    data = {"title": "Kwestia", "description": "Opis"}
    first = svc.matter_create(actor=member, data=data, submission_key=key, submit=True)
    second = svc.matter_create(actor=member, data=data, submission_key=key, submit=True)
    assert first.pk == second.pk
    assert Matter.objects.count() == 1


@pytest.mark.parametrize("description", ["", "   ", "x" * 10_001])
def test_an_empty_or_oversized_description_is_refused(member, description):
    with pytest.raises(ValidationError) as refused:
        svc.matter_create(actor=member, data={"title": "T", "description": description})
    assert "description" in refused.value.message_dict
    assert not Matter.objects.exists()


def test_a_disallowed_attachment_is_refused_and_nothing_is_written(member):
    fake = SimpleUploadedFile("wniosek.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError):
        svc.matter_create(
            actor=member, data={"title": "T", "description": "Opis"}, attachments=[fake]
        )
    assert not Matter.objects.exists()


def test_a_stale_move_loses_and_says_what_happened(member, coordinator, office_admin):
    matter = _raise(member)
    svc.matter_submit(matter=matter, actor=member)
    svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED, expected_state=S.SUBMITTED)
    with pytest.raises(StaleMove) as stale:
        svc.matter_reject(
            matter=matter, actor=office_admin, reason="Poza zakresem", expected_state=S.SUBMITTED
        )
    assert stale.value.matter.state == S.ACCEPTED
    matter.refresh_from_db()
    assert matter.state == S.ACCEPTED


def test_the_author_edits_only_a_draft(member, coordinator):
    matter = _raise(member)
    svc.matter_update(matter=matter, actor=member, data={"title": "Nowy tytuł"})
    svc.matter_submit(matter=matter, actor=member)
    with pytest.raises(IllegalTransition):
        svc.matter_update(matter=matter, actor=member, data={"title": "Jeszcze inny"})
    svc.matter_update(matter=matter, actor=coordinator, data={"urgency": "high"})


def test_members_cannot_set_office_fields(member):
    matter = svc.matter_create(
        actor=member,
        data={"title": "T", "description": "D", "is_public": True, "proposal_due": "2020-01-01"},
    )
    assert matter.is_public is False and matter.proposal_due is None


def test_overdue_and_due_soon(region):
    today = timezone.localdate()
    late = MatterFactory(state=S.ACCEPTED, proposal_due=today - datetime.timedelta(days=1))
    soon = MatterFactory(state=S.SUBMITTED, proposal_due=today + datetime.timedelta(days=3))
    answer_late = MatterFactory(state=S.FORWARDED, answer_due=today - datetime.timedelta(days=2))
    MatterFactory(state=S.CLOSED, proposal_due=today - datetime.timedelta(days=9))
    assert set(Matter.objects.overdue()) == {late, answer_late}
    assert set(Matter.objects.due_within(7)) == {soon}
    assert late.is_overdue() and not soon.is_overdue()


def test_someone_elses_submission_key_is_refused(member, other_member):
    key = uuid.uuid4()
    mine = svc.matter_create(
        actor=member, data={"title": "T", "description": "D"}, submission_key=key
    )
    with pytest.raises(ValidationError, match="already been used"):
        svc.matter_create(
            actor=other_member, data={"title": "X", "description": "Y"}, submission_key=key
        )
    assert Matter.objects.get() == mine


def test_staff_noting_an_oral_matter_twice_make_one(coordinator):
    key = uuid.uuid4()
    data = {"title": "Ustna", "description": "D", "raised_orally": True, "raised_by_name": "Demo"}
    first = svc.matter_create(actor=coordinator, data=data, submission_key=key)
    second = svc.matter_create(actor=coordinator, data=data, submission_key=key)
    assert first.pk == second.pk and first.raised_by is None
