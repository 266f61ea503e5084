"""The list and board of matters are cached per person, and never served stale: a change to
the matters, to the person's role, or a new day gives a new page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from skillshub.accounts.choices import Role
from skillshub.matters import services as svc
from skillshub.matters.choices import MatterState

from .factories import MatterFactory

pytestmark = pytest.mark.django_db
URL = reverse("matters:matter_list")


def _warm(client: Client) -> None:
    client.get(URL)  # sets the CSRF cookie; that response is not stored
    client.get(URL)  # stored


def test_a_repeated_request_is_served_from_the_cache(
    coordinator_client, django_assert_max_num_queries
):
    MatterFactory.create_batch(5, state=MatterState.SUBMITTED)
    _warm(coordinator_client)
    with django_assert_max_num_queries(3):  # session, user, data versions
        response = coordinator_client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_a_change_through_a_service_is_seen_at_once(member, member_client, coordinator):
    _warm(member_client)
    matter = svc.matter_create(actor=member, data={"title": "Nowa kwestia", "description": "D"})
    assert "Nowa kwestia" in member_client.get(URL).content.decode()
    svc.matter_update(matter=matter, actor=member, data={"title": "Zmieniony tytuł"})
    assert "Zmieniony tytuł" in member_client.get(URL).content.decode()


def test_people_never_get_each_others_pages(member, member_client, other_member_client):
    svc.matter_create(actor=member, data={"title": "Mój szkic", "description": "D"})
    _warm(member_client)
    _warm(other_member_client)
    assert "Mój szkic" in member_client.get(URL).content.decode()
    assert "Mój szkic" not in other_member_client.get(URL).content.decode()


def test_a_change_of_role_is_a_new_page(member, member_client):
    _warm(member_client)
    member.role = Role.INSTITUTION_CONTACT
    member.save(update_fields=["role"])
    assert member_client.get(URL).status_code == 404


def test_a_page_with_a_flash_message_is_not_cached(coordinator_client):
    _warm(coordinator_client)
    coordinator_client.cookies["messages"] = "pending"
    response = coordinator_client.get(URL)
    assert "Cache-Control" not in response or response["Cache-Control"] != "private, no-cache"
