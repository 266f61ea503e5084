"""Personas of the secretariat: a team with voting members, one of whom can log in."""

from __future__ import annotations

import pytest

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.stakeholders.tests.factories import ContactPersonFactory

from .factories import MembershipFactory, TeamFactory


@pytest.fixture
def wzk(region):  # type: ignore[no-untyped-def]
    """A team of five voting members (quorum: 3) under the default rules."""
    team = TeamFactory()
    for _ in range(5):
        MembershipFactory(team=team)
    return team


@pytest.fixture
def wzk_member(wzk):  # type: ignore[no-untyped-def]
    """A signed-in member of the WZK (a sixth member; quorum then 4)."""
    user = UserFactory(username="wzk-member", role=Role.TEAM_MEMBER)
    person = ContactPersonFactory(user=user)
    MembershipFactory(team=wzk, person=person)
    return user


@pytest.fixture
def wzk_member_client(wzk_member):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(wzk_member)
    return client
