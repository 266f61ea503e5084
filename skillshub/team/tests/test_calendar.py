"""The calendar page and the private ICS feed of sittings."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import AuditEntry
from skillshub.team.choices import MeetingStatus
from skillshub.team.models import CalendarFeed
from skillshub.team.services import calendar as calendar_services

from .factories import MeetingFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _at(days: int) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )


def _uids(response) -> list[str]:  # type: ignore[no-untyped-def]
    cal = icalendar.Calendar.from_ical(response.content)
    return [str(event["uid"]) for event in cal.walk("VEVENT")]


def _feed(client, user) -> str:  # type: ignore[no-untyped-def]
    client.get(reverse("team:calendar"))
    return CalendarFeed.objects.get(user=user).key


@pytest.fixture
def other_team(region):  # type: ignore[no-untyped-def]
    team = TeamFactory(name="Inny zespół (demo)", short_name="IZ")
    MembershipFactory(team=team)
    return team


def test_member_sees_upcoming_and_recent_sittings_of_their_teams(
    wzk, wzk_member_client, other_team
):
    group = TeamFactory(name="Zespół roboczy ds. kompetencji (demo)", parent=wzk)
    soon = MeetingFactory(team=wzk, number=4, starts_at=_at(14))
    group_meeting = MeetingFactory(team=group, number=1, starts_at=_at(40))
    recent = MeetingFactory(team=wzk, number=3, starts_at=_at(-30), status=MeetingStatus.HELD)
    MeetingFactory(team=wzk, number=2, starts_at=_at(-200), status=MeetingStatus.HELD)
    MeetingFactory(team=other_team, number=7, starts_at=_at(20))

    response = wzk_member_client.get(reverse("team:calendar"))

    assert response.status_code == 200
    upcoming = [m.pk for month in response.context["months"] for m in month.meetings]
    assert upcoming == [soon.pk, group_meeting.pk]
    assert [m.pk for m in response.context["past"]] == [recent.pk]
    content = response.content.decode()
    assert "IV posiedzenie" in content
    assert soon.get_absolute_url() in content
    assert "VII posiedzenie" not in content


def test_upcoming_sittings_are_grouped_by_month(wzk, wzk_member_client):
    first = _at(10).replace(day=1) + datetime.timedelta(days=40)  # safely inside a later month
    MeetingFactory(team=wzk, number=1, starts_at=first)
    MeetingFactory(team=wzk, number=2, starts_at=first + datetime.timedelta(hours=2))
    MeetingFactory(team=wzk, number=3, starts_at=first + datetime.timedelta(days=62))
    months = wzk_member_client.get(reverse("team:calendar")).context["months"]
    assert [len(month.meetings) for month in months] == [2, 1]
    assert months[0].first_day < months[1].first_day


def test_staff_see_every_team(coordinator_client, wzk, other_team):
    MeetingFactory(team=wzk, number=4, starts_at=_at(14))
    MeetingFactory(team=other_team, number=7, starts_at=_at(20))
    months = coordinator_client.get(reverse("team:calendar")).context["months"]
    assert sum(len(month.meetings) for month in months) == 2


def test_outsider_gets_404_and_anonymous_the_login(outsider_client, anonymous_client, wzk):
    assert outsider_client.get(reverse("team:calendar")).status_code == 404
    response = anonymous_client.get(reverse("team:calendar"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert outsider_client.post(reverse("team:calendar_feed_reset")).status_code == 404


def test_the_first_visit_makes_a_private_feed_address(wzk_member, wzk_member_client):
    response = wzk_member_client.get(reverse("team:calendar"))
    feed = CalendarFeed.objects.get(user=wzk_member)
    assert response.context["feed_url"].endswith(reverse("team:calendar_feed", args=[feed.key]))
    assert feed.key in response.content.decode()
    wzk_member_client.get(reverse("team:calendar"))
    assert CalendarFeed.objects.filter(user=wzk_member).count() == 1


def test_feed_lists_the_sittings_with_the_invitations_uids(
    wzk, wzk_member, wzk_member_client, anonymous_client, other_team
):
    upcoming = MeetingFactory(team=wzk, number=5, starts_at=_at(14), status=MeetingStatus.CONVENED)
    cancelled = MeetingFactory(team=wzk, number=4, starts_at=_at(7), status=MeetingStatus.CANCELLED)
    last_year = MeetingFactory(team=wzk, number=3, starts_at=_at(-300), status=MeetingStatus.HELD)
    MeetingFactory(team=wzk, number=1, starts_at=_at(-500), status=MeetingStatus.HELD)
    MeetingFactory(team=other_team, number=2, starts_at=_at(10))
    key = _feed(wzk_member_client, wzk_member)

    response = anonymous_client.get(reverse("team:calendar_feed", args=[key]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal.get("x-wr-calname")
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert list(events) == [f"{m.uid}@skillshub" for m in (last_year, cancelled, upcoming)]
    assert str(events[f"{cancelled.uid}@skillshub"]["status"]) == "CANCELLED"
    assert str(events[f"{upcoming.uid}@skillshub"]["status"]) == "CONFIRMED"
    assert int(events[f"{upcoming.uid}@skillshub"]["sequence"]) == upcoming.ics_sequence


def test_unknown_key_is_404(anonymous_client):
    assert anonymous_client.get(reverse("team:calendar_feed", args=["nope"])).status_code == 404


def test_an_outsiders_feed_shows_nothing_of_the_team(outsider, anonymous_client, wzk):
    MeetingFactory(team=wzk, starts_at=_at(14))
    feed = calendar_services.calendar_feed_get_or_create(user=outsider)
    response = anonymous_client.get(reverse("team:calendar_feed", args=[feed.key]))
    assert response.status_code == 200
    assert _uids(response) == []


def test_a_member_whose_term_ended_sees_nothing_in_the_feed(
    wzk, wzk_member, wzk_member_client, anonymous_client
):
    MeetingFactory(team=wzk, starts_at=_at(14))
    key = _feed(wzk_member_client, wzk_member)
    assert len(_uids(anonymous_client.get(reverse("team:calendar_feed", args=[key])))) == 1
    wzk.memberships.filter(person__user=wzk_member).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert _uids(anonymous_client.get(reverse("team:calendar_feed", args=[key]))) == []


def test_a_new_address_stops_the_old_one(wzk, wzk_member, wzk_member_client, anonymous_client):
    old = _feed(wzk_member_client, wzk_member)
    response = wzk_member_client.post(reverse("team:calendar_feed_reset"))
    assert response.status_code == 302
    assert response["Location"] == reverse("team:calendar")
    new = CalendarFeed.objects.get(user=wzk_member).key
    assert new != old
    assert anonymous_client.get(reverse("team:calendar_feed", args=[old])).status_code == 404
    assert anonymous_client.get(reverse("team:calendar_feed", args=[new])).status_code == 200
    entry = AuditEntry.objects.get(verb="calendar_feed_reset")
    assert old not in str(entry.changes) and new not in str(entry.changes)
    assert wzk_member_client.get(reverse("team:calendar_feed_reset")).status_code == 405


def test_an_inactive_accounts_feed_is_404(wzk, wzk_member, wzk_member_client, anonymous_client):
    key = _feed(wzk_member_client, wzk_member)
    wzk_member.is_active = False
    wzk_member.save(update_fields=["is_active"])
    assert anonymous_client.get(reverse("team:calendar_feed", args=[key])).status_code == 404


def test_one_sitting_downloads_as_ics(wzk, wzk_member_client, outsider_client, anonymous_client):
    meeting = MeetingFactory(team=wzk, number=4, starts_at=_at(14))
    url = reverse("team:meeting_ics", args=[meeting.pk])
    response = wzk_member_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert ".ics" in response["Content-Disposition"]
    assert _uids(response) == [f"{meeting.uid}@skillshub"]
    assert outsider_client.get(url).status_code == 404
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.fixture
def long_history(wzk, other_team):  # type: ignore[no-untyped-def]
    """About 30 sittings across two teams, past and future, some cancelled."""
    for n in range(1, 16):
        for team in (wzk, other_team):
            MeetingFactory(
                team=team,
                number=n,
                starts_at=_at(-300 + n * 40),
                status=MeetingStatus.CANCELLED if n % 5 == 0 else MeetingStatus.PLANNED,
            )


@pytest.mark.parametrize("persona", ["wzk_member_client", "coordinator_client"])
def test_calendar_page_query_ceiling(request, long_history, persona, django_assert_max_num_queries):
    client = request.getfixturevalue(persona)
    client.get(reverse("team:calendar"))  # the feed row exists from now on
    with django_assert_max_num_queries(15):
        response = client.get(reverse("team:calendar"))
    assert response.status_code == 200
    assert sum(len(month.meetings) for month in response.context["months"]) > 5


def test_first_visit_query_ceiling(long_history, wzk_member_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        assert wzk_member_client.get(reverse("team:calendar")).status_code == 200


def test_feed_query_ceiling(
    long_history, wzk_member, wzk_member_client, anonymous_client, django_assert_max_num_queries
):
    key = _feed(wzk_member_client, wzk_member)
    with django_assert_max_num_queries(4):
        response = anonymous_client.get(reverse("team:calendar_feed", args=[key]))
    assert len(_uids(response)) > 5
