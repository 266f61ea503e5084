"""The register of resolutions: who sees which, filters, and a position's way to its addressee
and back."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import AuditEntry
from skillshub.team.choices import AddresseeStatus, ResolutionOutcome
from skillshub.team.models import Resolution
from skillshub.team.services import meetings as svc

from .factories import MeetingFactory, ResolutionFactory, TeamFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BOARD = "Zarząd Województwa Lubuskiego"


def _sitting(team, coordinator):
    meeting = svc.meeting_create(
        team=team,
        actor=coordinator,
        data={"starts_at": timezone.now() + datetime.timedelta(days=10), "place": "WUP"},
    )
    svc.agenda_item_add(meeting=meeting, actor=coordinator, data={"title": "Otwarcie"})
    svc.meeting_convene(meeting=meeting, actor=coordinator)
    for membership in list(team.memberships.voting())[:3]:
        svc.attendance_record(
            meeting=meeting, actor=coordinator, kind="member", membership=membership
        )
    return meeting


@pytest.fixture
def voted(wzk, coordinator):
    """Three resolutions of one sitting: an adopted position to the regional board, a rejected
    one and one not voted yet."""
    meeting = _sitting(wzk, coordinator)
    position = svc.resolution_draft(
        meeting=meeting,
        actor=coordinator,
        data={
            "title": "w sprawie stanowiska o kształceniu dorosłych",
            "text": "Zespół przyjmuje stanowisko.",
            "kind": "position",
            "addressee": BOARD,
        },
    )
    rejected = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "w sprawie odrzuconej", "text": "T"}
    )
    pending = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "w sprawie przyszłej", "text": "T"}
    )
    position = svc.resolution_vote(resolution=position, actor=coordinator, votes_for=3)
    rejected = svc.resolution_vote(
        resolution=rejected, actor=coordinator, votes_for=1, votes_against=2
    )
    return {"adopted": position, "rejected": rejected, "pending": pending}


def _list(client, **params):
    return client.get(reverse("team:resolution_list"), params)


def _pks(response):
    return {r.pk for r in response.context["page_obj"]}


# --- Who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anonymous_client", "outsider_client"])
def test_the_public_sees_adopted_resolutions_only(voted, persona, request):
    client = request.getfixturevalue(persona)
    response = _list(client)
    assert response.status_code == 200
    assert _pks(response) == {voted["adopted"].pk}
    assert voted["adopted"].label in response.content.decode()
    assert "outcome" not in response.context["filter_form"].fields
    # Asking for the others by outcome shows nothing more (the filter is not theirs).
    assert _pks(_list(client, outcome="rejected")) == {voted["adopted"].pk}
    assert client.get(voted["adopted"].get_absolute_url()).status_code == 200
    assert client.get(voted["rejected"].get_absolute_url()).status_code == 404
    assert client.get(voted["pending"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", ["wzk_member_client", "coordinator_client"])
def test_members_and_staff_see_every_outcome(voted, persona, request):
    client = request.getfixturevalue(persona)
    response = _list(client)
    assert _pks(response) == {r.pk for r in voted.values()}
    assert "outcome" in response.context["filter_form"].fields
    assert _pks(_list(client, outcome="rejected")) == {voted["rejected"].pk}
    assert _pks(_list(client, outcome="pending")) == {voted["pending"].pk}
    assert client.get(voted["rejected"].get_absolute_url()).status_code == 200


def test_a_member_does_not_see_another_teams_rejected_resolutions(
    voted, wzk_member_client, coordinator
):
    other = TeamFactory(name="Inny zespół", short_name="IZ")
    foreign = ResolutionFactory(meeting=MeetingFactory(team=other))
    response = _list(wzk_member_client)
    assert foreign.pk not in _pks(response)
    assert wzk_member_client.get(foreign.get_absolute_url()).status_code == 404


def test_the_sitting_is_linked_only_for_those_who_may_see_it(
    voted, anonymous_client, wzk_member_client
):
    adopted = voted["adopted"]
    link = adopted.meeting.get_absolute_url()
    assert link not in anonymous_client.get(adopted.get_absolute_url()).content.decode()
    assert link in wzk_member_client.get(adopted.get_absolute_url()).content.decode()


def test_the_detail_shows_the_label_and_the_vote(voted, anonymous_client):
    adopted = voted["adopted"]
    year = timezone.localtime(adopted.meeting.starts_at).year
    response = anonymous_client.get(adopted.get_absolute_url())
    body = response.content.decode()
    assert f"Uchwała nr 1/{year} WZK" in body
    assert BOARD in body
    assert response.context["resolution"].votes_for == 3


# --- Filters ----------------------------------------------------------------------------------


def test_filters_by_year_team_and_kind(voted, coordinator_client):
    adopted = voted["adopted"]
    other = TeamFactory(name="Inny zespół", short_name="IZ")
    old = ResolutionFactory(
        meeting=MeetingFactory(team=other),
        outcome=ResolutionOutcome.ADOPTED,
        year=2020,
        number=1,
    )
    assert _pks(_list(coordinator_client, year=2020)) == {old.pk}
    assert _pks(_list(coordinator_client, year=adopted.year)) == {adopted.pk}
    assert _pks(_list(coordinator_client, team=other.pk)) == {old.pk}
    assert _pks(_list(coordinator_client, kind="position")) == {adopted.pk}


# --- The addressee ----------------------------------------------------------------------------


def _send(client, resolution, sent_on, answer_due=""):
    return client.post(
        reverse("team:resolution_sent", args=[resolution.pk]),
        {"sent_on": sent_on, "answer_due": answer_due},
    )


def test_a_position_goes_to_its_addressee_and_the_answer_comes_back(
    voted, coordinator_client, anonymous_client
):
    adopted = voted["adopted"]
    assert adopted.addressee_status == AddresseeStatus.TO_SEND
    today = timezone.localdate()
    response = _send(coordinator_client, adopted, today.isoformat(), "")
    assert response.status_code == 302
    adopted.refresh_from_db()
    assert (adopted.addressee_status, adopted.sent_on) == (AddresseeStatus.SENT, today)
    assert _pks(_list(anonymous_client, answer="awaiting")) == {adopted.pk}

    response = coordinator_client.post(
        reverse("team:resolution_answer", args=[adopted.pk]),
        {
            "received_on": today.isoformat(),
            "text": "Zarząd przyjął stanowisko do wiadomości.",
            "file": SimpleUploadedFile("odpowiedz.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    adopted.refresh_from_db()
    assert adopted.addressee_status == AddresseeStatus.ANSWERED
    assert adopted.answer_received_on == today
    assert adopted.answer_text.startswith("Zarząd przyjął")
    assert AuditEntry.objects.filter(verb="resolution_answer").exists()
    assert _pks(_list(anonymous_client, answer="awaiting")) == set()

    # The answer to an adopted position is public, like the position.
    download = anonymous_client.get(reverse("team:resolution_answer_file", args=[adopted.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_an_answer_that_is_not_a_pdf_is_refused(voted, coordinator_client):
    adopted = voted["adopted"]
    _send(coordinator_client, adopted, timezone.localdate().isoformat())
    response = coordinator_client.post(
        reverse("team:resolution_answer", args=[adopted.pk]),
        {
            "received_on": timezone.localdate().isoformat(),
            "text": "Odpowiedź",
            "file": SimpleUploadedFile("odpowiedz.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "file" in response.context["answer_form"].errors
    assert response.context["answer_form"]["text"].value() == "Odpowiedź"
    adopted.refresh_from_db()
    assert adopted.addressee_status == AddresseeStatus.SENT
    assert not adopted.answer_file


def test_an_answer_before_the_sending_is_refused(voted, coordinator_client):
    adopted = voted["adopted"]
    _send(coordinator_client, adopted, "2026-11-20")
    response = coordinator_client.post(
        reverse("team:resolution_answer", args=[adopted.pk]),
        {"received_on": "2026-11-01", "text": "Odpowiedź"},
    )
    assert response.status_code == 400
    assert "received_on" in response.context["answer_form"].errors
    adopted.refresh_from_db()
    assert adopted.addressee_status == AddresseeStatus.SENT


def test_an_answer_needs_text_or_a_file(voted, coordinator_client):
    adopted = voted["adopted"]
    _send(coordinator_client, adopted, timezone.localdate().isoformat())
    response = coordinator_client.post(
        reverse("team:resolution_answer", args=[adopted.pk]),
        {"received_on": timezone.localdate().isoformat(), "text": "  "},
    )
    assert response.status_code == 400


def test_a_rejected_resolution_cannot_be_sent(voted, coordinator_client):
    rejected = voted["rejected"]
    response = _send(coordinator_client, rejected, timezone.localdate().isoformat())
    assert response.status_code == 400
    rejected.refresh_from_db()
    assert rejected.sent_on is None


def test_an_unanswered_position_past_its_due_date_is_overdue(voted, coordinator_client):
    adopted = voted["adopted"]
    today = timezone.localdate()
    sent = today - datetime.timedelta(days=40)
    due = today - datetime.timedelta(days=10)
    assert _send(coordinator_client, adopted, sent.isoformat(), due.isoformat()).status_code == 302
    assert _pks(_list(coordinator_client, answer="overdue")) == {adopted.pk}
    response = coordinator_client.get(adopted.get_absolute_url())
    assert response.context["is_overdue"] is True
    assert 'id="overdue"' in response.content.decode()
    # Due tomorrow: awaited, not overdue.
    later = (today + datetime.timedelta(days=1)).isoformat()
    assert _send(coordinator_client, adopted, sent.isoformat(), later).status_code == 302
    assert _pks(_list(coordinator_client, answer="overdue")) == set()
    assert _pks(_list(coordinator_client, answer="awaiting")) == {adopted.pk}
    assert coordinator_client.get(adopted.get_absolute_url()).context["is_overdue"] is False


@pytest.mark.parametrize("persona", ["wzk_member_client", "outsider_client"])
def test_only_staff_record_the_sending_and_the_answer(voted, persona, request):
    client = request.getfixturevalue(persona)
    adopted = voted["adopted"]
    today = timezone.localdate().isoformat()
    assert _send(client, adopted, today).status_code == 404
    answer = client.post(
        reverse("team:resolution_answer", args=[adopted.pk]),
        {"received_on": today, "text": "Odpowiedź"},
    )
    assert answer.status_code == 404
    adopted.refresh_from_db()
    assert adopted.addressee_status == AddresseeStatus.TO_SEND


def test_the_answer_file_of_a_rejected_resolution_is_not_served(voted, anonymous_client):
    response = anonymous_client.get(
        reverse("team:resolution_answer_file", args=[voted["rejected"].pk])
    )
    assert response.status_code == 404


def test_staff_see_the_forms_and_members_do_not(voted, coordinator_client, wzk_member_client):
    adopted = voted["adopted"]
    action = reverse("team:resolution_sent", args=[adopted.pk])
    assert action in coordinator_client.get(adopted.get_absolute_url()).content.decode()
    assert action not in wzk_member_client.get(adopted.get_absolute_url()).content.decode()


# --- Query budgets ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anonymous_client", "wzk_member_client", "coordinator_client"])
def test_register_queries_do_not_grow(wzk, persona, request, django_assert_max_num_queries):
    client = request.getfixturevalue(persona)
    for n in range(30):
        meeting = MeetingFactory(team=wzk)
        ResolutionFactory(
            meeting=meeting,
            outcome=ResolutionOutcome.ADOPTED if n % 3 else ResolutionOutcome.REJECTED,
            year=2020 + n % 5,
            number=n + 1,
            addressee=BOARD if n % 2 else "",
            addressee_status=AddresseeStatus.SENT if n % 2 else AddresseeStatus.NONE,
            answer_due=datetime.date(2025, 1, 1) if n % 2 else None,
        )
    with django_assert_max_num_queries(15):
        response = _list(client)
    assert response.status_code == 200
    assert len(response.context["page_obj"]) >= 20


def test_detail_queries_with_named_votes(wzk, coordinator, django_assert_max_num_queries):
    meeting = _sitting(wzk, coordinator)
    present = list(wzk.memberships.voting())[:3]
    draft = svc.resolution_draft(
        meeting=meeting,
        actor=coordinator,
        data={"title": "A", "text": "T", "kind": "opinion", "addressee": BOARD},
    )
    voted = svc.resolution_vote(
        resolution=draft,
        actor=coordinator,
        named_votes={present[0]: "for", present[1]: "for", present[2]: "against"},
    )
    from django.test import Client

    client = Client()
    client.force_login(coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(voted.get_absolute_url())
    assert len(response.context["named_votes"]) == 3
    assert Resolution.objects.get(pk=voted.pk).outcome == ResolutionOutcome.ADOPTED
