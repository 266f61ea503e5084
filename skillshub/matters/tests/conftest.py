from __future__ import annotations

import pytest
from django.test import Client

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory


@pytest.fixture
def member(db):  # type: ignore[no-untyped-def]
    """A WZK member who raises matters."""
    return UserFactory(username="member-raising", role=Role.TEAM_MEMBER)


@pytest.fixture
def other_member(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="member-other", role=Role.TEAM_MEMBER)


@pytest.fixture
def member_client(member) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def other_member_client(other_member) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(other_member)
    return client
