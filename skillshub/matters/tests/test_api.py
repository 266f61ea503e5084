"""The matters API: the public reads decided public matters, members submit and comment, staff
move; a stale move is a 409, an illegal one a 422, a retried submission one matter."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from skillshub.accounts.services import api_token_create
from skillshub.matters import services as svc
from skillshub.matters.choices import MatterState as S
from skillshub.matters.models import Matter, MatterComment, MatterTransition

from .factories import MatterFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/matters"


def _auth(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test", actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _submitted(member) -> Matter:
    matter = svc.matter_create(
        actor=member,
        data={"title": "Brak doradców zawodowych", "description": "Opis kwestii."},
        submit=True,
    )
    return matter


def test_anonymous_sees_only_decided_public_matters(client, member):
    public = MatterFactory(state=S.DECIDED, is_public=True, raised_by=member)
    forwarded = MatterFactory(state=S.FORWARDED, is_public=True)
    not_public = MatterFactory(state=S.DECIDED, is_public=False)
    not_decided = MatterFactory(state=S.PROPOSAL_READY, is_public=True)
    draft = MatterFactory(state=S.DRAFT, is_public=True)

    response = client.get(BASE)
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["items"]}
    assert ids == {public.pk, forwarded.pk}
    assert all(row["raised_by"] == "" for row in response.json()["items"])

    assert client.get(f"{BASE}/{public.pk}").status_code == 200
    for hidden in (not_public, not_decided, draft):
        assert client.get(f"{BASE}/{hidden.pk}").status_code == 404


def test_anonymous_cannot_write(client, member):
    matter = _submitted(member)
    assert client.post(BASE, {}, content_type="application/json").status_code in (401, 422)
    response = client.post(
        f"{BASE}/{matter.pk}/move",
        {"target": "accepted"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_a_member_sees_shared_matters_but_not_others_drafts_or_confidential(
    client, member, other_member
):
    own_draft = MatterFactory(state=S.DRAFT, raised_by=member)
    others_draft = MatterFactory(state=S.DRAFT, raised_by=other_member)
    shared = MatterFactory(state=S.SUBMITTED, raised_by=other_member)
    confidential = MatterFactory(state=S.SUBMITTED, raised_by=other_member, confidential=True)
    auth = _auth(member)
    ids = {row["id"] for row in client.get(BASE, **auth).json()["items"]}
    assert ids == {own_draft.pk, shared.pk}
    assert client.get(f"{BASE}/{others_draft.pk}", **auth).status_code == 404
    assert client.get(f"{BASE}/{confidential.pk}", **auth).status_code == 404


def test_list_filters_by_state_text_and_overdue(client, coordinator):
    today = timezone.localdate()
    late = MatterFactory(
        state=S.ACCEPTED, proposal_due=today - datetime.timedelta(days=3), title="Kursy KKZ"
    )
    on_time = MatterFactory(state=S.ACCEPTED, proposal_due=today + datetime.timedelta(days=30))
    MatterFactory(state=S.SUBMITTED)
    auth = _auth(coordinator)
    by_state = client.get(BASE, {"state": "accepted"}, **auth).json()["items"]
    assert {r["id"] for r in by_state} == {late.pk, on_time.pk}
    overdue = client.get(BASE, {"overdue": "true"}, **auth).json()["items"]
    assert [r["id"] for r in overdue] == [late.pk] and overdue[0]["overdue"] is True
    found = client.get(BASE, {"q": "kkz"}, **auth).json()["items"]
    assert [r["id"] for r in found] == [late.pk]
    assert client.get(BASE, {"state": "nonsense"}, **auth).status_code == 422


def test_the_list_has_a_query_ceiling_whatever_the_number_of_matters(
    client, coordinator, django_assert_max_num_queries
):
    auth = _auth(coordinator)
    MatterFactory.create_batch(3, state=S.SUBMITTED)
    with django_assert_max_num_queries(8):
        assert client.get(BASE, **auth).status_code == 200
    MatterFactory.create_batch(30, state=S.SUBMITTED)
    with django_assert_max_num_queries(8):
        response = client.get(BASE, **auth)
    assert response.json()["count"] == 33


def test_the_detail_has_the_proposal_and_the_timeline(
    client, member, coordinator, django_assert_max_num_queries
):
    matter = _submitted(member)
    svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED)
    svc.proposal_add(
        matter=matter,
        actor=coordinator,
        text="Propozycja.",
        options=[{"title": "A", "text": "a"}, {"title": "B", "text": "b"}],
        recommended=1,
    )
    svc.consultation_open(
        matter=matter, actor=coordinator, deadline=timezone.now() + datetime.timedelta(days=5)
    )
    first = svc.comment_add(matter=matter, actor=member, text="Uwaga.")
    svc.comment_add(matter=matter, actor=coordinator, text="Odpowiedź.", reply_to=first)
    auth = _auth(member)
    with django_assert_max_num_queries(12):
        response = client.get(f"{BASE}/{matter.pk}", **auth)
    assert response.status_code == 200
    body = response.json()
    assert body["proposal"]["number"] == 1 and body["proposal"]["recommended"] == 1
    moves = [e["to_state"] for e in body["timeline"] if e["kind"] == "move"]
    assert moves == [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.PROPOSAL_IN_PREPARATION]
    comments = [e["comment"]["text"] for e in body["timeline"] if e["kind"] == "comment"]
    assert comments == ["Uwaga.", "Odpowiedź."]


def test_a_member_token_raises_submits_and_comments(client, member, coordinator):
    auth = _auth(member)
    response = client.post(
        BASE,
        {"title": "Kursy KKZ dla dorosłych", "description": "Brak kursów w powiatach."},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    matter_id = response.json()["id"]
    assert response.json()["state"] == S.DRAFT
    response = client.post(f"{BASE}/{matter_id}/submit", **auth)
    assert response.status_code == 200
    assert Matter.objects.get(pk=matter_id).state == S.SUBMITTED

    matter = Matter.objects.get(pk=matter_id)
    svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED)
    svc.proposal_add(matter=matter, actor=coordinator, text="Propozycja.")
    # Before the consultation opens, a member's comment is refused with the reason.
    response = client.post(
        f"{BASE}/{matter_id}/comments",
        {"text": "Za wcześnie"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    svc.consultation_open(
        matter=matter, actor=coordinator, deadline=timezone.now() + datetime.timedelta(days=5)
    )
    response = client.post(
        f"{BASE}/{matter_id}/comments",
        {"text": "Popieram."},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    comment = MatterComment.objects.get(matter_id=matter_id)
    assert comment.author == member and comment.text == "Popieram."


def test_an_empty_description_is_a_field_error_and_nothing_is_created(client, member):
    response = client.post(
        BASE,
        {"title": "Tytuł", "description": "   ", "submit": True},
        content_type="application/json",
        **_auth(member),
    )
    assert response.status_code == 422
    assert "description" in response.json()["errors"]
    assert not Matter.objects.exists()


def test_a_double_submission_with_the_same_key_makes_one_matter(client, member):
    auth = _auth(member)
    payload = {
        "title": "Kursy KKZ",
        "description": "Opis.",
        "submit": True,
        "submission_key": str(uuid.uuid4()),
    }
    first = client.post(BASE, payload, content_type="application/json", **auth)
    second = client.post(BASE, payload, content_type="application/json", **auth)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Matter.objects.count() == 1


def test_someone_elses_submission_key_is_a_conflict(client, member, other_member):
    key = str(uuid.uuid4())
    payload = {"title": "Kursy", "description": "Opis.", "submission_key": key}
    assert (
        client.post(BASE, payload, content_type="application/json", **_auth(member)).status_code
        == 201
    )
    response = client.post(BASE, payload, content_type="application/json", **_auth(other_member))
    assert response.status_code == 409
    assert Matter.objects.count() == 1


def test_a_member_cannot_move_a_matter(client, member, other_member):
    matter = _submitted(member)
    for user in (member, other_member):
        response = client.post(
            f"{BASE}/{matter.pk}/move",
            {"target": "accepted"},
            content_type="application/json",
            **_auth(user),
        )
        assert response.status_code == 403
    matter.refresh_from_db()
    assert matter.state == S.SUBMITTED


def test_a_member_cannot_touch_a_matter_they_cannot_see(client, member, other_member):
    draft = MatterFactory(state=S.DRAFT, raised_by=other_member)
    auth = _auth(member)
    assert client.post(f"{BASE}/{draft.pk}/submit", **auth).status_code == 404
    response = client.post(
        f"{BASE}/{draft.pk}/move", {"target": "submitted"}, content_type="application/json", **auth
    )
    assert response.status_code == 404


def test_staff_move_a_matter(client, member, coordinator):
    matter = _submitted(member)
    response = client.post(
        f"{BASE}/{matter.pk}/move",
        {"target": "accepted", "expected_state": "submitted", "note": "Przyjęta."},
        content_type="application/json",
        **_auth(coordinator),
    )
    assert response.status_code == 200
    assert response.json()["state"] == S.ACCEPTED
    assert MatterTransition.objects.filter(
        matter=matter, from_state=S.SUBMITTED, to_state=S.ACCEPTED, actor=coordinator
    ).exists()


def test_a_stale_move_is_a_conflict_with_the_current_state(client, member, coordinator):
    matter = _submitted(member)
    svc.matter_reject(matter=matter, actor=coordinator, reason="Poza zakresem.")
    response = client.post(
        f"{BASE}/{matter.pk}/move",
        {"target": "accepted", "expected_state": "submitted"},
        content_type="application/json",
        **_auth(coordinator),
    )
    assert response.status_code == 409
    assert response.json()["current_state"] == S.REJECTED
    assert response.json()["seen"] == S.SUBMITTED
    matter.refresh_from_db()
    assert matter.state == S.REJECTED


def test_an_illegal_move_is_refused_with_the_reason(client, member, coordinator):
    matter = _submitted(member)
    auth = _auth(coordinator)
    response = client.post(
        f"{BASE}/{matter.pk}/move",
        {"target": "closed"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"]
    # Rejecting needs a reason: a field error.
    response = client.post(
        f"{BASE}/{matter.pk}/move",
        {"target": "rejected"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    assert "note" in response.json()["errors"]
    matter.refresh_from_db()
    assert matter.state == S.SUBMITTED


def test_staff_write_a_proposal_forward_and_record_the_answer(client, member, coordinator):
    auth = _auth(coordinator)
    matter = _submitted(member)
    svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED)
    response = client.post(
        f"{BASE}/{matter.pk}/proposals",
        {"text": "Propozycja.", "options": [{"title": "A"}, {"title": "B"}], "recommended": 0},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    assert response.json()["number"] == 1
    matter.refresh_from_db()
    assert matter.state == S.PROPOSAL_IN_PREPARATION

    # Forwarding before the WZK decided is refused.
    today = timezone.localdate()
    forward = {"addressee_kind": "regional_board", "addressee": "Zarząd", "forwarded_on": today}
    response = client.post(
        f"{BASE}/{matter.pk}/forward", forward, content_type="application/json", **auth
    )
    assert response.status_code == 422

    Matter.objects.filter(pk=matter.pk).update(state=S.DECIDED)
    response = client.post(
        f"{BASE}/{matter.pk}/forward",
        {**forward, "answer_due": today + datetime.timedelta(days=30)},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200 and response.json()["state"] == S.FORWARDED
    response = client.post(
        f"{BASE}/{matter.pk}/answer",
        {"received_on": today, "text": "Odpowiedź Zarządu.", "expected_state": "forwarded"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200 and response.json()["state"] == S.ANSWERED
    assert response.json()["answer_text"] == "Odpowiedź Zarządu."


def test_a_member_cannot_write_a_proposal(client, member):
    matter = MatterFactory(state=S.ACCEPTED, raised_by=member)
    response = client.post(
        f"{BASE}/{matter.pk}/proposals",
        {"text": "Moja propozycja"},
        content_type="application/json",
        **_auth(member),
    )
    assert response.status_code == 403
    assert not matter.proposals.exists()
