"""Every cell of the "WZK secretariat" table in docs/permissions.md, checked against the rules."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.stakeholders.tests.factories import ContactPersonFactory
from skillshub.team.choices import MinutesStatus, ResolutionOutcome, Visibility
from skillshub.team.models import Document, Minutes
from tests.permission_matrix import ROLES, read_matrix

from .factories import MeetingFactory, MembershipFactory, ResolutionFactory, TeamFactory

MATRIX = read_matrix("WZK secretariat")


def test_the_matrix_covers_every_team_permission():
    import rules

    named = {perm.split(" ")[0] for perm, _r, _e in MATRIX}
    defined = {name for name in rules.permissions.permissions if name.startswith("team.")}
    assert defined <= named, f"permissions missing from docs/permissions.md: {defined - named}"


def _target(label: str, team):
    meeting = MeetingFactory(team=team)
    variant = re.search(r"\((.*)\)", label)
    variant = variant.group(1) if variant else ""
    perm = label.split(" ")[0]
    if perm == "team.view_document":
        visibility = Visibility.PUBLIC if variant == "public" else Visibility.MEMBERS
        return Document.objects.create(team=team, title="Dokument", visibility=visibility)
    if perm == "team.view_resolution":
        outcome = ResolutionOutcome.ADOPTED if variant == "adopted" else ResolutionOutcome.REJECTED
        return ResolutionFactory(meeting=meeting, outcome=outcome)
    if perm.endswith("_minutes"):
        if variant == "after the deadline":
            deadline = timezone.now() - datetime.timedelta(days=1)
        else:
            deadline = timezone.now() + datetime.timedelta(days=7)
        return Minutes.objects.create(
            meeting=meeting, status=MinutesStatus.CONSULTATION, comment_deadline=deadline
        )
    if perm in ("team.view_meeting", "team.manage_meeting"):
        return meeting
    if perm.startswith("team.") and perm not in ("team.view_my_team", "team.view_calendar",
                                                  "team.view_resolution_register"):  # fmt: skip
        return team
    return None


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "role", "expected"), MATRIX)
def test_permission_cell(region, permission, role, expected):
    team = TeamFactory()
    user = AnonymousUser() if ROLES[role] is None else UserFactory(role=ROLES[role])
    target = _target(permission, team)
    perm = permission.split(" ")[0]
    if expected == "member":
        # Not a member: refused. A member of another team: refused. A member: allowed.
        assert not user.has_perm(perm, target)
        other = TeamFactory(name="Inny zespół")
        MembershipFactory(team=other, person=ContactPersonFactory(user=user))
        user = type(user).objects.get(pk=user.pk)  # a fresh request: no cached teams
        if target is not None:
            assert not user.has_perm(perm, target)
        MembershipFactory(team=team, person=user.contact_person)
        user = type(user).objects.get(pk=user.pk)
        assert user.has_perm(perm, target)
        return
    assert user.has_perm(perm, target) is (expected == "✓")


@pytest.mark.django_db
def test_an_ended_term_loses_access(region):
    team = TeamFactory()
    user = UserFactory(role=Role.TEAM_MEMBER)
    MembershipFactory(
        team=team,
        person=ContactPersonFactory(user=user),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert not user.has_perm("team.view_team", team)


@pytest.mark.django_db
def test_wzk_members_see_its_working_groups(region):
    wzk = TeamFactory()
    group = TeamFactory(name="Zespół roboczy", parent=wzk)
    user = UserFactory(role=Role.TEAM_MEMBER)
    MembershipFactory(team=wzk, person=ContactPersonFactory(user=user))
    assert user.has_perm("team.view_team", group)
    assert user.has_perm("team.view_meeting", MeetingFactory(team=group))
