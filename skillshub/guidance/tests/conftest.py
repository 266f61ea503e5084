"""Personas of career guidance: a provider institution and the person who represents it."""

from __future__ import annotations

import pytest
from django.test import Client

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory


@pytest.fixture
def provider(region):  # type: ignore[no-untyped-def]
    return InstitutionFactory(name="Centrum Doradztwa Demo")


@pytest.fixture
def provider_user(provider):  # type: ignore[no-untyped-def]
    """A contact of the provider, signed in to look after its services and events."""
    user = UserFactory(username="provider-contact", role=Role.INSTITUTION_CONTACT)
    ContactPersonFactory(institution=provider, user=user)
    return user


@pytest.fixture
def provider_client(provider_user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(provider_user)
    return client


@pytest.fixture
def other_provider_client(region) -> Client:  # type: ignore[no-untyped-def]
    """A contact of another institution: no business with this provider's events."""
    user = UserFactory(username="other-provider", role=Role.INSTITUTION_CONTACT)
    ContactPersonFactory(institution=InstitutionFactory(), user=user)
    client = Client()
    client.force_login(user)
    return client
