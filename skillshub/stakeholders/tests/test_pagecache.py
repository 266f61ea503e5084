"""Public pages come from the cache until the register changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skillshub.stakeholders import services

from .factories import InstitutionFactory

pytestmark = pytest.mark.usefixtures("region")


def test_second_anonymous_visit_is_served_without_touching_the_register(anonymous_client):
    InstitutionFactory(name="Pierwsza Demo")
    url = reverse("stakeholders:institution_list")
    first = anonymous_client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        second = anonymous_client.get(url)
    assert second.content == first.content
    assert not any("stakeholders_institution" in q["sql"] for q in ctx.captured_queries)


def test_a_change_through_a_service_shows_at_once(anonymous_client, coordinator):
    institution = InstitutionFactory(name="Stara Nazwa Demo")
    url = institution.get_absolute_url()
    assert "Stara Nazwa Demo" in anonymous_client.get(url).content.decode()
    services.institution_update(
        institution=institution, actor=coordinator, data={"name": "Nowa Nazwa Demo"}
    )
    assert "Nowa Nazwa Demo" in anonymous_client.get(url).content.decode()
    listing = anonymous_client.get(reverse("stakeholders:institution_list")).content.decode()
    assert "Nowa Nazwa Demo" in listing


def test_signed_in_people_never_get_a_cached_page(anonymous_client, coordinator_client):
    institution = InstitutionFactory(listed_publicly=True)
    anonymous_client.get(institution.get_absolute_url())
    page = coordinator_client.get(institution.get_absolute_url())
    assert "contacts" in page.context  # rendered for staff, not the public copy


def test_languages_are_cached_apart(anonymous_client):
    url = reverse("stakeholders:institution_list")
    polish = anonymous_client.get(url).content
    anonymous_client.get(reverse("core:switch_language", args=["en"]))
    english = anonymous_client.get(url).content
    assert b'lang="en"' in english and b'lang="pl"' in polish
