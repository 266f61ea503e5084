"""The team's REST API: public resolutions and documents, staff sittings and writes."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from skillshub.accounts.services import api_token_create
from skillshub.core.models import AuditEntry, OutgoingEmail
from skillshub.team.choices import (
    AttendanceKind,
    MeetingStatus,
    ResolutionOutcome,
    Visibility,
)
from skillshub.team.models import Document, DocumentVersion, Meeting, Resolution, Team
from skillshub.team.services import meetings as svc

from .factories import AgendaItemFactory, DeputyFactory, MeetingFactory, ResolutionFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/team"


def bearer(user: Any) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test", actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client: Client, url: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def _document(team: Team, title: str, visibility: str, meeting: Meeting | None = None) -> Document:
    document = Document.objects.create(
        team=team, meeting=meeting, title=title, visibility=visibility
    )
    version = DocumentVersion(
        document=document,
        number=1,
        original_name="plik.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
    )
    version.file.save("plik.pdf", ContentFile(b"%PDF-1.4"), save=False)
    version.save()
    Document.objects.filter(pk=document.pk).update(current_version=version)
    return document


def _adopted(team: Team, number: int, **extra: Any) -> Resolution:
    meeting = MeetingFactory(team=team)
    return ResolutionFactory(
        meeting=meeting,
        year=2026,
        number=number,
        outcome=ResolutionOutcome.ADOPTED,
        votes_for=5,
        **extra,
    )


def test_anonymous_sees_only_adopted_resolutions(client, wzk):
    adopted = _adopted(
        wzk, 3, kind="position", addressee="Zarząd Województwa Lubuskiego", title="w sprawie A"
    )
    draft = ResolutionFactory(meeting=MeetingFactory(team=wzk), title="szkic")
    body = client.get(f"{BASE}/resolutions").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["label"] == "Uchwała nr 3/2026 WZK"
    assert item["addressee"] == "Zarząd Województwa Lubuskiego"
    assert item["team"]["short_name"] == "WZK"
    assert item["votes_for"] == 5
    assert client.get(f"{BASE}/resolutions/{adopted.pk}").json()["text"] == adopted.text
    assert client.get(f"{BASE}/resolutions/{draft.pk}").status_code == 404


def test_resolution_filters(client, wzk):
    _adopted(wzk, 1, kind="position")
    _adopted(wzk, 2)
    other = Team.objects.create(name="Inny zespół", short_name="IZ")
    _adopted(other, 1)
    assert client.get(f"{BASE}/resolutions?team={wzk.pk}").json()["count"] == 2
    assert client.get(f"{BASE}/resolutions?kind=position").json()["count"] == 1
    assert client.get(f"{BASE}/resolutions?year=2026").json()["count"] == 3
    assert client.get(f"{BASE}/resolutions?year=2020").json()["count"] == 0
    assert client.get(f"{BASE}/resolutions?kind=nonsense").status_code == 422
    # Year 1's start in Warsaw is before datetime's minimum in UTC: refused, never a 500.
    assert client.get(f"{BASE}/resolutions?year=1&offset=5").status_code == 422


def test_staff_sees_every_resolution(client, wzk, coordinator):
    _adopted(wzk, 1)
    draft = ResolutionFactory(meeting=MeetingFactory(team=wzk))
    headers = bearer(coordinator)
    assert client.get(f"{BASE}/resolutions", **headers).json()["count"] == 2
    assert client.get(f"{BASE}/resolutions/{draft.pk}", **headers).json()["outcome"] == "pending"


def test_anonymous_sees_only_public_documents(client, wzk, coordinator):
    meeting = MeetingFactory(team=wzk)
    public = _document(wzk, "Sprawozdanie", Visibility.PUBLIC, meeting)
    _document(wzk, "Materiały dla członków", Visibility.MEMBERS)
    body = client.get(f"{BASE}/documents").json()
    assert [d["title"] for d in body["items"]] == ["Sprawozdanie"]
    item = body["items"][0]
    assert item["download_url"] == f"/wzk/documents/{public.pk}/download/"
    assert item["version"] == 1 and item["size"] == 8
    assert item["content_type"] == "application/pdf"
    assert item["meeting_label"] == meeting.label
    assert client.get(f"{BASE}/documents", **bearer(coordinator)).json()["count"] == 2


def test_list_endpoints_do_not_grow_with_data(
    client, wzk, coordinator, django_assert_max_num_queries
):
    for n in range(1, 8):
        meeting = MeetingFactory(team=wzk)
        _adopted(wzk, n)
        _document(wzk, f"Dokument {n}", Visibility.PUBLIC, meeting)
    headers = bearer(coordinator)
    for url in ("resolutions", "documents", "meetings", "teams"):
        with django_assert_max_num_queries(8):
            response = client.get(f"{BASE}/{url}", **headers)
        assert response.status_code == 200, url


def test_sittings_need_a_token(client, wzk):
    meeting = MeetingFactory(team=wzk)
    assert client.get(f"{BASE}/meetings").status_code == 401
    assert client.get(f"{BASE}/meetings/{meeting.pk}").status_code == 401
    assert client.get(f"{BASE}/teams").status_code == 401
    assert client.get(f"{BASE}/meetings", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_staff_lists_teams_and_filters_sittings(client, wzk, coordinator):
    now = timezone.now()
    MeetingFactory(team=wzk, starts_at=now - datetime.timedelta(days=400))
    MeetingFactory(team=wzk, status=MeetingStatus.CONVENED)
    headers = bearer(coordinator)
    assert [t["short_name"] for t in client.get(f"{BASE}/teams", **headers).json()] == ["WZK"]
    assert client.get(f"{BASE}/meetings", **headers).json()["count"] == 2
    assert client.get(f"{BASE}/meetings?status=convened", **headers).json()["count"] == 1
    since = (now - datetime.timedelta(days=30)).date().isoformat()
    assert client.get(f"{BASE}/meetings?from={since}", **headers).json()["count"] == 1
    assert client.get(f"{BASE}/meetings?to={since}", **headers).json()["count"] == 1
    assert client.get(f"{BASE}/meetings?team={wzk.pk + 1}", **headers).json()["count"] == 0


def test_meeting_detail_shows_the_ordered_agenda_attendance_and_quorum(
    client, wzk, coordinator, django_assert_max_num_queries
):
    meeting = MeetingFactory(team=wzk, status=MeetingStatus.CONVENED)
    document = _document(wzk, "Materiały", Visibility.MEMBERS, meeting)
    AgendaItemFactory(meeting=meeting, order=2, title="Sprawy różne")
    first = AgendaItemFactory(meeting=meeting, order=1, title="Otwarcie")
    first.documents.add(document)
    member = wzk.memberships.first()
    svc.attendance_record(
        meeting=meeting, actor=coordinator, kind=AttendanceKind.MEMBER, membership=member
    )
    headers = bearer(coordinator)
    with django_assert_max_num_queries(15):
        body = client.get(f"{BASE}/meetings/{meeting.pk}", **headers).json()
    assert [i["title"] for i in body["agenda"]] == ["Otwarcie", "Sprawy różne"]
    assert body["agenda"][0]["documents"][0]["title"] == "Materiały"
    assert body["attendance"]["members"] == 1
    assert body["attendance"]["rows"][0]["name"] == str(member.person)
    assert body["quorum"] == {
        "members": 5,
        "present": 1,
        "required": 3,
        "holds": False,
        "rule": wzk.quorum_rule,
    }


def test_a_member_token_sees_their_sittings_but_cannot_write(client, wzk, wzk_member, outsider):
    meeting = MeetingFactory(team=wzk)
    member = bearer(wzk_member)
    assert client.get(f"{BASE}/meetings/{meeting.pk}", **member).status_code == 200
    assert client.get(f"{BASE}/meetings/{meeting.pk}", **bearer(outsider)).status_code == 404
    assert client.get(f"{BASE}/meetings", **bearer(outsider)).json()["count"] == 0
    response = post(client, f"{BASE}/meetings/{meeting.pk}/agenda", {"title": "X"}, member)
    assert response.status_code == 404
    assert not meeting.agenda_items.exists()


def test_anonymous_writes_are_refused(client, wzk):
    meeting = MeetingFactory(team=wzk)
    starts = (timezone.now() + datetime.timedelta(days=5)).isoformat()
    assert (
        post(client, f"{BASE}/meetings", {"team_id": wzk.pk, "starts_at": starts}, {}).status_code
        == 401
    )
    assert post(client, f"{BASE}/meetings/{meeting.pk}/convene", {}, {}).status_code == 401
    resolution = ResolutionFactory(meeting=meeting)
    assert post(client, f"{BASE}/resolutions/{resolution.pk}/vote", {}, {}).status_code == 401
    assert Meeting.objects.count() == 1


def test_convening_without_an_agenda_is_422(client, wzk, coordinator):
    meeting = MeetingFactory(team=wzk)
    response = post(client, f"{BASE}/meetings/{meeting.pk}/convene", {}, bearer(coordinator))
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_a_vote_without_quorum_is_422(client, wzk, coordinator):
    meeting = MeetingFactory(team=wzk, status=MeetingStatus.CONVENED)
    resolution = ResolutionFactory(meeting=meeting)
    response = post(
        client,
        f"{BASE}/resolutions/{resolution.pk}/vote",
        {"votes_for": 1},
        bearer(coordinator),
    )
    assert response.status_code == 422
    resolution.refresh_from_db()
    assert resolution.outcome == ResolutionOutcome.PENDING


def test_the_whole_sitting_through_the_api(client, wzk, coordinator):
    headers = bearer(coordinator)
    members = list(wzk.memberships.order_by("pk"))
    deputy = DeputyFactory(deputy_of=members[0])
    starts = (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)

    response = post(
        client,
        f"{BASE}/meetings",
        {"team_id": wzk.pk, "starts_at": starts.isoformat(), "place": "WUP, sala 1"},
        headers,
    )
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert meeting["number"] == 1 and meeting["label"] == "I posiedzenie"
    url = f"{BASE}/meetings/{meeting['id']}"

    document = _document(wzk, "Projekt stanowiska", Visibility.MEMBERS)
    response = post(
        client,
        f"{url}/agenda",
        {"title": "Przyjęcie stanowiska", "kind": "resolution", "document_ids": [document.pk]},
        headers,
    )
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["order"] == 1 and item["documents"][0]["id"] == document.pk
    bad = post(client, f"{url}/agenda", {"title": "X", "document_ids": [999999]}, headers)
    assert bad.status_code == 422

    response = post(client, f"{url}/convene", {}, headers)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "convened"
    # Five members and one deputy, each invited.
    assert OutgoingEmail.objects.count() == 6

    response = post(
        client, f"{url}/attendance", {"kind": "deputy", "membership_id": deputy.pk}, headers
    )
    assert response.status_code == 201, response.content
    assert response.json()["attendance"]["stands_in_for_id"] == members[0].pk
    for member in members[1:3]:
        response = post(
            client, f"{url}/attendance", {"kind": "member", "membership_id": member.pk}, headers
        )
        assert response.status_code == 201, response.content
    assert response.json()["quorum"]["holds"] is True
    guest = post(client, f"{url}/attendance", {"kind": "guest", "guest_name": "Gość"}, headers)
    assert guest.status_code == 201
    twice = post(
        client, f"{url}/attendance", {"kind": "member", "membership_id": members[1].pk}, headers
    )
    assert twice.status_code == 422

    response = post(
        client,
        f"{url}/resolutions",
        {
            "title": "w sprawie stanowiska",
            "text": "Zespół przyjmuje stanowisko.",
            "kind": "position",
            "addressee": "Zarząd Województwa Lubuskiego",
            "agenda_item_id": item["id"],
        },
        headers,
    )
    assert response.status_code == 201, response.content
    resolution_id = response.json()["id"]
    too_many = post(client, f"{BASE}/resolutions/{resolution_id}/vote", {"votes_for": 9}, headers)
    assert too_many.status_code == 422
    response = post(
        client,
        f"{BASE}/resolutions/{resolution_id}/vote",
        {"votes_for": 2, "votes_against": 0, "votes_abstain": 1},
        headers,
    )
    assert response.status_code == 200, response.content
    voted = response.json()
    assert voted["outcome"] == "adopted"
    assert voted["label"] == f"Uchwała nr 1/{starts.year} WZK"
    assert voted["addressee_status"] == "to_send"

    detail = client.get(url, **headers).json()
    assert detail["attendance"]["deputies"] == 1 and detail["attendance"]["guests"] == 1
    assert detail["resolutions"][0]["id"] == resolution_id
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"meeting_create", "agenda_item_add", "meeting_convene", "resolution_vote"} <= verbs
    # The adopted resolution is public now.
    assert Client().get(f"{BASE}/resolutions/{resolution_id}").status_code == 200


def test_openapi_lists_the_team_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get"} <= set(paths["/api/v1/team/resolutions"])
    assert {"get", "post"} <= set(paths["/api/v1/team/meetings"])
    assert "/api/v1/team/resolutions/{resolution_id}/vote" in paths
