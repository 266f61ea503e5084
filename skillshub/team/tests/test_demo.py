"""The demo WZK built by ``seed_demo``: composition, three past sittings, minutes, documents."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from skillshub.accounts.models import User
from skillshub.core.models import OutgoingEmail
from skillshub.team.choices import (
    AddresseeStatus,
    AttendanceKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    ResolutionOutcome,
    Visibility,
)
from skillshub.team.demo import TEAM_NAME, build_team_demo
from skillshub.team.models import Document, Meeting, Membership, Minutes, Resolution, Team
from skillshub.team.selectors import composition_on, quorum_state

pytestmark = pytest.mark.usefixtures("region")


@pytest.fixture
def demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_builds_the_wzk_and_says_so(demo):
    assert "Team demo: WZK with 40 members and 10 deputies, 3 sittings" in demo
    wzk = Team.objects.get(name=TEAM_NAME)
    assert wzk.short_name == "WZK" and wzk.is_demo
    assert wzk.pillars.count() >= 1
    today = timezone.localdate()
    current = Membership.objects.filter(team=wzk).current_on(today)
    assert current.voting().count() == 40
    assert current.deputies().count() == 10
    assert current.filter(role=MemberRole.CHAIR).count() == 1
    assert current.filter(role=MemberRole.VICE_CHAIR).count() == 2
    # Diverse institutions, every one a demo institution, every person fictional.
    assert current.values("institution").distinct().count() >= 35
    for membership in Membership.objects.select_related("person"):
        assert membership.is_demo
        assert membership.person.is_demo
        assert membership.person.email.endswith("@example.invalid")


def test_composition_on_a_past_date_differs(demo):
    wzk = Team.objects.get(name=TEAM_NAME)
    ended = Membership.objects.filter(team=wzk, end_date__isnull=False)
    assert ended.count() == 3
    then = {m.pk for m in composition_on(team=wzk, day=datetime.date(2025, 6, 1))}
    now = {m.pk for m in composition_on(team=wzk, day=timezone.localdate())}
    assert set(ended.values_list("pk", flat=True)) <= then - now


def test_three_past_sittings_with_quorum_votes_and_minutes(demo):
    wzk = Team.objects.get(name=TEAM_NAME)
    first, second, third = Meeting.objects.filter(team=wzk).order_by("number")
    assert [m.number for m in (first, second, third)] == [1, 2, 3]
    assert not Meeting.objects.filter(team=wzk, number=4).exists()
    now = timezone.now()
    assert first.starts_at < second.starts_at < third.starts_at < now
    assert [m.status for m in (first, second, third)] == [
        MeetingStatus.MINUTES_APPROVED,
        MeetingStatus.MINUTES_APPROVED,
        MeetingStatus.HELD,
    ]
    for meeting in (first, second, third):
        assert quorum_state(meeting=meeting).holds
        assert meeting.attendance.filter(kind=AttendanceKind.DEPUTY).exists()
        assert meeting.agenda_items.count() >= 6
    assert Minutes.objects.get(meeting=first).approved_at_meeting == second
    assert Minutes.objects.get(meeting=second).approved_at_meeting == third
    open_minutes = Minutes.objects.get(meeting=third)
    assert open_minutes.status == MinutesStatus.CONSULTATION
    assert open_minutes.comment_deadline is not None and open_minutes.comment_deadline > now


def test_resolutions_are_numbered_and_positions_tracked(demo):
    wzk = Team.objects.get(name=TEAM_NAME)
    adopted = Resolution.objects.filter(team=wzk, outcome=ResolutionOutcome.ADOPTED)
    assert adopted.count() == 5
    year = adopted.first().year
    assert sorted(adopted.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert adopted.get(number=1).label == f"Uchwała nr 1/{year} WZK"
    answered = adopted.get(addressee_status=AddresseeStatus.ANSWERED)
    assert answered.addressee == "Zarząd Województwa Lubuskiego"
    assert answered.answer_received_on and answered.answer_text
    awaiting = adopted.get(addressee_status=AddresseeStatus.SENT)
    assert awaiting.answer_received_on is None


def test_documents_are_real_pdfs_public_and_members_only(demo):
    documents = Document.objects.select_related("current_version")
    assert {d.visibility for d in documents} == {Visibility.PUBLIC, Visibility.MEMBERS}
    titles = set(documents.values_list("title", flat=True))
    assert {"Materiały na II posiedzenie", "Sprawozdanie z realizacji programu"} <= titles
    for document in documents:
        assert document.is_demo and document.agenda_items.exists()
        version = document.current_version
        assert version.content_type == "application/pdf"
        with version.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"


def test_the_demo_member_sits_in_the_wzk_and_its_working_group(demo):
    user = User.objects.get(username="czlonek")
    visible = set(Team.objects.visible_to(user).values_list("name", flat=True))
    assert TEAM_NAME in visible
    assert "Zespół roboczy ds. doradztwa zawodowego" in visible
    client = Client()
    assert client.login(username="czlonek", password="demo")


def test_the_working_group_has_six_members_and_an_upcoming_meeting(demo):
    group = Team.objects.get(name="Zespół roboczy ds. doradztwa zawodowego")
    assert group.parent is not None and group.parent.name == TEAM_NAME
    assert Membership.objects.filter(team=group).current_on(timezone.localdate()).count() == 6
    upcoming = Meeting.objects.filter(team=group).upcoming()
    assert upcoming.count() == 1
    assert upcoming.get().status == MeetingStatus.CONVENED
    # Invitations of the demo went to the outbox.
    assert OutgoingEmail.objects.exists()


def test_the_team_demo_is_built_once(demo):
    office = User.objects.get(username="biuro")
    assert build_team_demo(office_user=office) is None
    assert Team.objects.filter(name=TEAM_NAME).count() == 1


def test_seed_team_scale_bulk_creates_a_long_history_once():
    out = StringIO()
    call_command("seed_team_scale", "--sittings", "6", "--documents", "30", stdout=out)
    team = Team.objects.get(name="Zespół skali (benchmark)")
    assert Membership.objects.filter(team=team).voting().count() == 60
    assert Membership.objects.filter(team=team).deputies().count() == 20
    assert Meeting.objects.filter(team=team).count() == 8  # six held, two ahead
    newest = Meeting.objects.get(team=team, number=6)
    assert newest.agenda_items.count() == 20
    assert quorum_state(meeting=newest).holds
    assert Minutes.objects.get(meeting=newest).status == MinutesStatus.DRAFT
    assert Document.objects.filter(team=team, current_version__isnull=False).count() == 30
    assert Resolution.objects.filter(team=team, number__isnull=False).exists()
    call_command("seed_team_scale", stdout=out)
    assert Meeting.objects.filter(team=team).count() == 8
