"""The team pages: composition on any date, terms, working groups, and who may change them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import AuditEntry
from skillshub.stakeholders.models import Pillar
from skillshub.stakeholders.tests.factories import ContactPersonFactory
from skillshub.team.choices import MemberRole, QuorumRule
from skillshub.team.models import Membership, Team

from .factories import DeputyFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _detail(team, on=None):
    url = reverse("team:team_detail", args=[team.pk])
    return f"{url}?on={on}" if on else url


# --- Composition on a date --------------------------------------------------------------------


def test_an_expired_term_drops_out_of_a_later_composition_and_its_quorum(wzk, wzk_member_client):
    gone = MembershipFactory(
        team=wzk, start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2025, 6, 30)
    )
    then = wzk_member_client.get(_detail(wzk, "2025-03-01"))
    assert then.status_code == 200
    assert then.context["day"] == datetime.date(2025, 3, 1)
    # 5 members, the member signed in, and the one whose term has since ended.
    assert then.context["member_count"] == 7
    assert then.context["required"] == 4
    assert gone.person.last_name in then.content.decode()

    now = wzk_member_client.get(_detail(wzk))
    assert now.context["day"] == timezone.localdate()
    assert now.context["member_count"] == 6
    assert now.context["required"] == 4
    assert gone.person.last_name not in now.content.decode()


def test_quorum_on_a_date_follows_the_count(wzk, coordinator_client):
    for _ in range(2):
        MembershipFactory(
            team=wzk, start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 12, 31)
        )
    then = coordinator_client.get(_detail(wzk, "2024-06-01"))
    now = coordinator_client.get(_detail(wzk))
    assert (then.context["member_count"], then.context["required"]) == (7, 4)
    assert (now.context["member_count"], now.context["required"]) == (5, 3)


def test_a_term_not_yet_begun_is_not_listed(wzk, coordinator_client):
    MembershipFactory(team=wzk, start_date=datetime.date(2024, 6, 1))
    response = coordinator_client.get(_detail(wzk, "2024-03-01"))
    assert response.context["member_count"] == 5


def test_an_invalid_date_shows_today(wzk, coordinator_client):
    response = coordinator_client.get(_detail(wzk, "not-a-date"))
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()
    assert response.context["member_count"] == 5


def test_deputies_are_shown_with_their_member_and_not_counted(wzk, coordinator_client):
    deputy = DeputyFactory(deputy_of=wzk.memberships.first())
    response = coordinator_client.get(_detail(wzk))
    assert response.context["member_count"] == 5
    (principal,) = [m for m in response.context["members"] if m.pk == deputy.deputy_of_id]
    assert [d.pk for d in principal.current_deputies] == [deputy.pk]
    assert deputy.person.last_name in response.content.decode()


def test_the_chair_is_listed_first(wzk, coordinator_client):
    chair = MembershipFactory(team=wzk, role=MemberRole.CHAIR)
    response = coordinator_client.get(_detail(wzk))
    assert response.context["members"][0].pk == chair.pk


def test_team_page_permissions(wzk, wzk_member_client, outsider_client, anonymous_client):
    assert wzk_member_client.get(_detail(wzk)).status_code == 200
    assert outsider_client.get(_detail(wzk)).status_code == 404
    response = anonymous_client.get(_detail(wzk))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_staff_see_the_edit_links_and_members_do_not(wzk, coordinator_client, wzk_member_client):
    edit = reverse("team:team_edit", args=[wzk.pk])
    assert edit in coordinator_client.get(_detail(wzk)).content.decode()
    assert edit not in wzk_member_client.get(_detail(wzk)).content.decode()


def test_team_page_queries_do_not_grow_with_members(
    wzk, coordinator_client, django_assert_max_num_queries
):
    for _ in range(30):
        member = MembershipFactory(team=wzk)
        DeputyFactory(deputy_of=member)
    TeamFactory(name="Zespół roboczy A", parent=wzk)
    TeamFactory(name="Zespół roboczy B", parent=wzk)
    wzk.pillars.set(Pillar.objects.all()[:2])
    with django_assert_max_num_queries(15):
        response = coordinator_client.get(_detail(wzk))
    assert response.context["member_count"] == 35


# --- Team list --------------------------------------------------------------------------------


def test_the_list_shows_a_members_teams_with_counts_today(wzk, wzk_member_client):
    group = TeamFactory(name="Zespół roboczy ds. analiz", parent=wzk)
    MembershipFactory(team=group)
    TeamFactory(name="Inny zespół")
    MembershipFactory(team=wzk, end_date=datetime.date(2025, 1, 1))  # expired: not counted
    response = wzk_member_client.get(reverse("team:team_list"))
    assert response.status_code == 200
    teams = list(response.context["teams"])
    assert [t.pk for t in teams] == [wzk.pk, group.pk]
    assert [t.members_today for t in teams] == [6, 1]


def test_an_outsider_sees_no_team(wzk, outsider_client, anonymous_client):
    response = outsider_client.get(reverse("team:team_list"))
    assert response.status_code == 200
    assert list(response.context["teams"]) == []
    assert anonymous_client.get(reverse("team:team_list")).status_code == 302


def test_team_list_queries(wzk, coordinator_client, django_assert_max_num_queries):
    for n in range(8):
        team = TeamFactory(name=f"Zespół {n}", parent=wzk if n % 2 else None)
        MembershipFactory(team=team)
    with django_assert_max_num_queries(10):
        response = coordinator_client.get(reverse("team:team_list"))
    assert len(response.context["teams"]) == 9


# --- Creating and editing teams ---------------------------------------------------------------


def _team_post(**extra):
    return {
        "name": "Wojewódzki Zespół Koordynacji",
        "short_name": "WZK",
        "description": "",
        "quorum_rule": QuorumRule.MAJORITY_WITH_DEPUTIES,
        "quorum_fixed": "",
        "voting_rule": "simple",
        **extra,
    }


def test_staff_create_a_team_with_pillars(region, coordinator_client):
    pillars = list(Pillar.objects.all()[:2])
    response = coordinator_client.post(
        reverse("team:team_create"), _team_post(pillars=[p.pk for p in pillars])
    )
    team = Team.objects.get(short_name="WZK")
    assert response.status_code == 302
    assert response["Location"] == team.get_absolute_url()
    assert set(team.pillars.all()) == set(pillars)
    assert AuditEntry.objects.filter(verb="team_create", object_id=str(team.pk)).exists()


def test_the_fixed_rule_needs_a_number(region, coordinator_client):
    response = coordinator_client.post(
        reverse("team:team_create"), _team_post(quorum_rule=QuorumRule.FIXED, name="Zespół X")
    )
    assert response.status_code == 400
    assert "quorum_fixed" in response.context["form"].errors
    assert response.context["form"]["name"].value() == "Zespół X"
    assert not Team.objects.exists()
    response = coordinator_client.post(
        reverse("team:team_create"), _team_post(quorum_rule=QuorumRule.FIXED, quorum_fixed="4")
    )
    assert response.status_code == 302
    assert Team.objects.get().quorum_fixed == 4


def test_staff_edit_a_team(wzk, coordinator_client):
    response = coordinator_client.post(
        reverse("team:team_edit", args=[wzk.pk]), _team_post(name="WZK po zmianie")
    )
    assert response.status_code == 302
    wzk.refresh_from_db()
    assert wzk.name == "WZK po zmianie"


def test_a_working_group_belongs_to_its_team(wzk, coordinator_client):
    response = coordinator_client.post(
        reverse("team:working_group_create", args=[wzk.pk]),
        _team_post(name="Zespół roboczy ds. kompetencji", short_name="ZR-K"),
    )
    assert response.status_code == 302
    group = Team.objects.get(short_name="ZR-K")
    assert group.parent == wzk
    # One level deep only.
    nested = coordinator_client.post(
        reverse("team:working_group_create", args=[group.pk]), _team_post(short_name="ZZ")
    )
    assert nested.status_code == 404


@pytest.mark.parametrize("persona", ["wzk_member_client", "outsider_client"])
def test_only_staff_change_teams(wzk, persona, request):
    client = request.getfixturevalue(persona)
    before = Team.objects.count()
    assert client.get(reverse("team:team_create")).status_code == 404
    assert client.post(reverse("team:team_create"), _team_post()).status_code == 404
    edit = client.post(reverse("team:team_edit", args=[wzk.pk]), _team_post(name="Przejęty"))
    assert edit.status_code == 404
    group = client.post(reverse("team:working_group_create", args=[wzk.pk]), _team_post())
    assert group.status_code == 404
    assert Team.objects.count() == before
    wzk.refresh_from_db()
    assert wzk.name != "Przejęty"


# --- Terms ------------------------------------------------------------------------------------


def _member_post(person, **extra):
    return {
        "person": person.pk,
        "institution": "",
        "pillar": "",
        "role": MemberRole.MEMBER,
        "deputy_of": "",
        "appointed_by": "Uchwała nr 7/99/26 Zarządu Województwa (demo)",
        "start_date": "2026-01-01",
        "end_date": "",
        **extra,
    }


def test_staff_add_a_member_representing_their_institution(wzk, coordinator_client):
    person = ContactPersonFactory()
    response = coordinator_client.post(
        reverse("team:membership_create", args=[wzk.pk]), _member_post(person)
    )
    assert response.status_code == 302
    membership = Membership.objects.get(team=wzk, person=person)
    assert membership.institution == person.institution
    assert membership.start_date == datetime.date(2026, 1, 1)
    assert AuditEntry.objects.filter(verb="membership_create").exists()


def test_the_person_choice_names_the_institution(wzk, coordinator_client):
    person = ContactPersonFactory()
    response = coordinator_client.get(reverse("team:membership_create", args=[wzk.pk]))
    assert f"{person} — {person.institution}" in response.content.decode()


def test_a_deputy_must_name_a_member(wzk, coordinator_client):
    person = ContactPersonFactory()
    url = reverse("team:membership_create", args=[wzk.pk])
    response = coordinator_client.post(url, _member_post(person, role=MemberRole.DEPUTY))
    assert response.status_code == 400
    form = response.context["form"]
    assert "deputy_of" in form.errors
    assert str(form["person"].value()) == str(person.pk)
    assert form["appointed_by"].value().startswith("Uchwała nr 7/99/26")
    assert not Membership.objects.filter(person=person).exists()

    principal = wzk.memberships.first()
    response = coordinator_client.post(
        url, _member_post(person, role=MemberRole.DEPUTY, deputy_of=principal.pk)
    )
    assert response.status_code == 302
    assert Membership.objects.get(person=person).deputy_of == principal


def test_a_deputy_cannot_stand_in_for_a_deputy(wzk, coordinator_client):
    deputy = DeputyFactory(deputy_of=wzk.memberships.first())
    person = ContactPersonFactory()
    response = coordinator_client.post(
        reverse("team:membership_create", args=[wzk.pk]),
        _member_post(person, role=MemberRole.DEPUTY, deputy_of=deputy.pk),
    )
    assert response.status_code == 400
    assert "deputy_of" in response.context["form"].errors


def test_a_second_chair_for_overlapping_dates_is_refused(wzk, coordinator_client):
    chair = MembershipFactory(team=wzk, role=MemberRole.CHAIR)
    person = ContactPersonFactory()
    response = coordinator_client.post(
        reverse("team:membership_create", args=[wzk.pk]),
        _member_post(person, role=MemberRole.CHAIR),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "role" in form.errors
    assert chair.person.last_name in str(form.errors["role"])
    assert form["role"].value() == MemberRole.CHAIR
    assert not Membership.objects.filter(person=person).exists()


def test_a_new_chair_after_the_term_of_the_old_one(wzk, coordinator_client):
    chair = MembershipFactory(team=wzk, role=MemberRole.CHAIR)
    edit = coordinator_client.post(
        reverse("team:membership_edit", args=[chair.pk]),
        _member_post(
            chair.person,
            role=MemberRole.CHAIR,
            institution=chair.institution.pk,
            start_date="2024-01-01",
            end_date="2025-12-31",
        ),
    )
    assert edit.status_code == 302
    person = ContactPersonFactory()
    response = coordinator_client.post(
        reverse("team:membership_create", args=[wzk.pk]),
        _member_post(person, role=MemberRole.CHAIR),
    )
    assert response.status_code == 302


def test_ending_a_term_takes_the_member_off_later_dates(wzk, coordinator_client):
    membership = wzk.memberships.first()
    response = coordinator_client.post(
        reverse("team:membership_edit", args=[membership.pk]),
        _member_post(
            membership.person,
            institution=membership.institution.pk,
            start_date="2024-01-01",
            end_date="2025-06-30",
        ),
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2025, 6, 30)
    assert AuditEntry.objects.filter(verb="membership_update").exists()
    assert coordinator_client.get(_detail(wzk)).context["member_count"] == 4
    assert coordinator_client.get(_detail(wzk, "2025-06-30")).context["member_count"] == 5


def test_a_term_cannot_end_before_it_starts(wzk, coordinator_client):
    membership = wzk.memberships.first()
    response = coordinator_client.post(
        reverse("team:membership_edit", args=[membership.pk]),
        _member_post(membership.person, start_date="2024-01-01", end_date="2023-12-31"),
    )
    assert response.status_code == 400
    assert "end_date" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.end_date is None


@pytest.mark.parametrize("persona", ["wzk_member_client", "outsider_client"])
def test_only_staff_change_terms(wzk, persona, request):
    client = request.getfixturevalue(persona)
    membership = wzk.memberships.first()
    person = ContactPersonFactory()
    before = Membership.objects.count()
    create = reverse("team:membership_create", args=[wzk.pk])
    edit = reverse("team:membership_edit", args=[membership.pk])
    assert client.get(create).status_code == 404
    assert client.post(create, _member_post(person)).status_code == 404
    assert client.get(edit).status_code == 404
    response = client.post(edit, _member_post(membership.person, end_date="2024-02-01"))
    assert response.status_code == 404
    assert Membership.objects.count() == before
    membership.refresh_from_db()
    assert membership.end_date is None


def test_membership_form_queries_do_not_grow(
    wzk, coordinator_client, django_assert_max_num_queries
):
    for _ in range(15):
        ContactPersonFactory()
        MembershipFactory(team=wzk)
    with django_assert_max_num_queries(15):
        response = coordinator_client.get(reverse("team:membership_create", args=[wzk.pk]))
    assert response.status_code == 200
