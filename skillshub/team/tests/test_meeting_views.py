"""The sitting pages as people use them: staff run the sitting, members read it, outsiders
see nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from skillshub.team.choices import MeetingStatus, ResolutionOutcome
from skillshub.team.models import Attendance, Meeting, Resolution
from skillshub.team.services import meetings as svc

from .factories import AgendaItemFactory, DeputyFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _future(days: int = 20) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT10:00")


def test_staff_plan_sitting_iv_build_its_agenda_and_convene_it(wzk, coordinator_client):
    for n in (1, 2, 3):
        MeetingFactory(
            team=wzk, number=n, starts_at=timezone.now() - datetime.timedelta(days=40 * n)
        )
    response = coordinator_client.post(
        reverse("team:meeting_create", args=[wzk.pk]),
        {"number": "", "starts_at": _future(), "place": "WUP Zielona Góra, sala 101"},
    )
    meeting = Meeting.objects.get(team=wzk, number=4)
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    # Convening with an empty agenda is refused, with the reason on the page.
    refused = coordinator_client.post(
        reverse("team:meeting_status", args=[meeting.pk]), {"action": "convene"}, follow=True
    )
    assert refused.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED
    assert [str(m) for m in refused.context["messages"]]
    coordinator_client.post(
        reverse("team:agenda_item_create", args=[meeting.pk]),
        {"kind": "information", "title": "Otwarcie posiedzenia i stwierdzenie kworum"},
    )
    coordinator_client.post(
        reverse("team:agenda_item_create", args=[meeting.pk]),
        {"kind": "resolution", "title": "Przyjęcie stanowiska w sprawie kształcenia zawodowego"},
    )
    assert [i.order for i in meeting.agenda_items.all()] == [1, 2]
    coordinator_client.post(
        reverse("team:meeting_status", args=[meeting.pk]), {"action": "convene"}
    )
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CONVENED
    assert len(mail.outbox) == 5
    assert mail.outbox[0].attachments[0][0].endswith(".ics")


def test_a_stale_edit_of_the_sitting_gets_a_conflict(wzk, coordinator_client, coordinator):
    meeting = MeetingFactory(team=wzk)
    svc.meeting_update(meeting=meeting, actor=coordinator, data={"place": "Sala A"})
    response = coordinator_client.post(
        reverse("team:meeting_edit", args=[meeting.pk]),
        {
            "number": meeting.number,
            "starts_at": _future(),
            "place": "Sala B",
            "version": 1,
        },
    )
    assert response.status_code == 409
    assert Meeting.objects.get(pk=meeting.pk).place == "Sala A"


def test_bad_input_comes_back_filled_in(wzk, coordinator_client):
    response = coordinator_client.post(
        reverse("team:meeting_create", args=[wzk.pk]), {"title": "Bez daty", "place": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["form"]["title"].value() == "Bez daty"
    assert not Meeting.objects.exists()


def _convened(wzk, coordinator):
    meeting = MeetingFactory(team=wzk)
    AgendaItemFactory(meeting=meeting, kind="resolution")
    return svc.meeting_convene(meeting=meeting, actor=coordinator)


def test_attendance_with_a_deputy_shows_the_quorum_live(wzk, coordinator, coordinator_client):
    members = list(wzk.memberships.all())
    deputy = DeputyFactory(deputy_of=members[0])
    meeting = _convened(wzk, coordinator)
    url = reverse("team:attendance", args=[meeting.pk])
    htmx = {"HTTP_HX_REQUEST": "true"}
    response = coordinator_client.post(url, {"kind": "deputy", "membership": deputy.pk}, **htmx)
    assert response.status_code == 200
    assert response.context["quorum"].present == 1
    assert '<section id="attendance"' in response.content.decode()
    for member in members[1:3]:
        response = coordinator_client.post(url, {"kind": "member", "membership": member.pk}, **htmx)
    assert response.context["quorum"].holds
    row = Attendance.objects.get(membership=deputy)
    assert row.stands_in_for == members[0]
    assert row.institution == members[0].institution


def test_a_refused_attendance_keeps_the_form(wzk, coordinator, coordinator_client):
    meeting = _convened(wzk, coordinator)
    response = coordinator_client.post(
        reverse("team:attendance", args=[meeting.pk]), {"kind": "guest", "guest_name": ""}
    )
    assert response.status_code == 422
    assert response.context["attendance_form"].errors
    assert not Attendance.objects.exists()


def test_adopting_a_resolution_by_vote(wzk, coordinator, coordinator_client):
    meeting = _convened(wzk, coordinator)
    for member in list(wzk.memberships.all())[:3]:
        svc.attendance_record(meeting=meeting, actor=coordinator, kind="member", membership=member)
    response = coordinator_client.post(
        reverse("team:resolution_create", args=[meeting.pk]),
        {"kind": "resolution", "title": "w sprawie planu pracy", "text": "Przyjmuje się plan."},
    )
    resolution = Resolution.objects.get()
    assert response["Location"] == reverse("team:resolution_vote", args=[resolution.pk])
    response = coordinator_client.post(
        reverse("team:resolution_vote", args=[resolution.pk]),
        {"votes_for": 3, "votes_against": 0, "votes_abstain": 0},
    )
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.outcome == ResolutionOutcome.ADOPTED
    assert resolution.label.startswith("Uchwała nr 1/")


def test_a_vote_without_quorum_is_refused_on_the_form(wzk, coordinator, coordinator_client):
    meeting = _convened(wzk, coordinator)
    draft = svc.resolution_draft(
        meeting=meeting, actor=coordinator, data={"title": "A", "text": "T"}
    )
    response = coordinator_client.post(
        reverse("team:resolution_vote", args=[draft.pk]),
        {"votes_for": 1, "votes_against": 0, "votes_abstain": 0},
    )
    assert response.status_code == 422
    assert response.context["form"].non_field_errors()
    draft.refresh_from_db()
    assert draft.outcome == ResolutionOutcome.PENDING


def test_members_see_the_sitting_outsiders_and_the_public_do_not(
    wzk, wzk_member_client, outsider_client, anonymous_client, coordinator
):
    meeting = _convened(wzk, coordinator)
    url = meeting.get_absolute_url()
    assert wzk_member_client.get(url).status_code == 200
    assert outsider_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 302
    # Members read, they do not run the sitting.
    assert (
        wzk_member_client.post(
            reverse("team:meeting_status", args=[meeting.pk]), {"action": "cancel"}
        ).status_code
        == 404
    )
    assert (
        wzk_member_client.post(
            reverse("team:attendance", args=[meeting.pk]), {"kind": "guest", "guest_name": "X"}
        ).status_code
        == 404
    )


def test_my_wzk_lists_upcoming_sittings_and_reading(wzk, wzk_member_client, coordinator):
    meeting = _convened(wzk, coordinator)
    response = wzk_member_client.get(reverse("team:my_team"))
    assert response.status_code == 200
    assert meeting in response.context["overview"].upcoming


def test_my_wzk_is_not_for_people_outside_the_team(outsider_client):
    assert outsider_client.get(reverse("team:my_team")).status_code == 404


def test_the_sitting_page_has_a_query_ceiling(
    wzk, coordinator, coordinator_client, django_assert_max_num_queries
):
    meeting = _convened(wzk, coordinator)
    for n in range(20):
        AgendaItemFactory(meeting=meeting, order=n + 2)
    for _ in range(30):
        member = MembershipFactory(team=wzk)
        svc.attendance_record(meeting=meeting, actor=coordinator, kind="member", membership=member)
    for n in range(5):
        svc.resolution_draft(
            meeting=meeting, actor=coordinator, data={"title": f"R{n}", "text": "T"}
        )
    with django_assert_max_num_queries(15):
        response = coordinator_client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["items"]) == 21


def test_an_agenda_item_reports_on_a_programme_objective(wzk, coordinator, coordinator_client):
    from skillshub.programme import services as programme_services

    programme = programme_services.programme_create(
        actor=coordinator, data={"name": "Program (demo)", "start_year": 2024, "end_year": 2030}
    )
    version = programme.versions.get()
    objective = programme_services.node_create(
        version=version,
        actor=coordinator,
        data={"kind": "objective", "code": "1", "title": "Kształcenie zawodowe"},
    )
    programme_services.version_set_status(
        version=version,
        actor=coordinator,
        status="adopted",
        adopted_on=datetime.date(2024, 6, 1),
        adopted_by="Uchwała (demo)",
    )
    meeting = MeetingFactory(team=wzk)
    response = coordinator_client.post(
        reverse("team:agenda_item_create", args=[meeting.pk]),
        {
            "kind": "information",
            "title": "Informacja o postępach programu",
            "programme_node": objective.pk,
        },
    )
    assert response.status_code == 302
    assert meeting.agenda_items.get().programme_node == objective
    page = coordinator_client.get(meeting.get_absolute_url())
    assert objective.get_absolute_url() in page.content.decode()
