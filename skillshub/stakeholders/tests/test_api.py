"""The REST API: public reads, staff writes with a token, conflicts and validation."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from skillshub.accounts.services import api_token_create
from skillshub.core.models import AuditEntry, County
from skillshub.stakeholders.models import Institution

from .factories import InstitutionFactory, nip_with_checksum

pytestmark = pytest.mark.usefixtures("region")

BASE = "/api/v1/institutions/"


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _token, key = api_token_create(user=user, name="test", actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client: Client, url: str, data: dict, headers: dict) -> object:  # type: ignore[type-arg]
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def patch(client: Client, url: str, data: dict, headers: dict) -> object:  # type: ignore[type-arg]
    return client.patch(url, json.dumps(data), content_type="application/json", **headers)


def test_anonymous_list_hides_unlisted_institutions_and_private_fields(client):
    InstitutionFactory(name="Publiczna Demo")
    InstitutionFactory(name="Ukryta Demo", listed_publicly=False)
    body = client.get(BASE).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "Publiczna Demo"
    assert "nip" not in item and "email" not in item


def test_staff_token_sees_every_institution_with_identifiers(client, coordinator):
    InstitutionFactory()
    InstitutionFactory(listed_publicly=False)
    body = client.get(BASE, **bearer(coordinator)).json()
    assert body["count"] == 2
    assert all("nip" in item and "version" in item for item in body["items"])


def test_list_uses_the_directory_filters(client):
    zary = County.objects.get(teryt="0811")
    target = InstitutionFactory(name="Żarska Szkoła Demo", county=zary, kind="school")
    InstitutionFactory(name="Inna Szkoła Demo", kind="school")
    body = client.get(BASE, {"county": zary.pk, "kind": "school", "q": "żarska"}).json()
    assert [i["id"] for i in body["items"]] == [target.pk]


def test_list_query_count_does_not_grow_with_page_size(client, django_assert_max_num_queries):
    for _ in range(30):
        InstitutionFactory()
    with django_assert_max_num_queries(6):
        body = client.get(BASE, {"limit": 30}).json()
    assert len(body["items"]) == 30


def test_unlisted_institution_is_404_for_the_public(client, coordinator):
    hidden = InstitutionFactory(listed_publicly=False)
    assert client.get(f"{BASE}{hidden.pk}").status_code == 404
    assert client.get(f"{BASE}{hidden.pk}", **bearer(coordinator)).status_code == 200


def test_staff_creates_an_institution_and_it_is_audited(client, coordinator):
    response = post(
        client,
        BASE,
        {
            "name": "Demo API Centrum",
            "kind": "ckz_cku",
            "county_teryt": "0862",
            "nip": nip_with_checksum(11),
            "areas": [1, 6],
        },
        bearer(coordinator),
    )
    assert response.status_code == 201, response.content
    institution = Institution.objects.get(name="Demo API Centrum")
    assert sorted(a.number for a in institution.areas.all()) == [1, 6]
    assert AuditEntry.objects.for_object(institution).get().verb == "api_institution_create"


def test_bad_nip_and_unknown_county_answer_422_per_field(client, coordinator):
    response = post(
        client,
        BASE,
        {"name": "Zła", "kind": "ngo", "county_teryt": "1465", "nip": "1234563219"},
        bearer(coordinator),
    )
    assert response.status_code == 422
    assert "county_teryt" in response.json()["errors"]
    response = post(
        client,
        BASE,
        {"name": "Zła", "kind": "ngo", "county_teryt": "0811", "nip": "1234563219"},
        bearer(coordinator),
    )
    assert response.status_code == 422
    assert "nip" in response.json()["errors"]
    assert Institution.objects.count() == 0


def test_patch_with_a_stale_version_is_a_conflict_and_changes_nothing(client, coordinator):
    institution = InstitutionFactory(city="Żary")
    headers = bearer(coordinator)
    url = f"{BASE}{institution.pk}"
    assert patch(client, url, {"version": 1, "city": "Lubsko"}, headers).status_code == 200
    response = patch(client, url, {"version": 1, "city": "Żagań"}, headers)
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert body["changes"]["city"] == {"theirs": "Lubsko", "yours": "Żagań"}
    institution.refresh_from_db()
    assert institution.city == "Lubsko"


def test_patch_requires_the_version(client, coordinator):
    institution = InstitutionFactory()
    response = patch(client, f"{BASE}{institution.pk}", {"city": "X"}, bearer(coordinator))
    assert response.status_code == 422


def test_archive_and_restore_through_the_api(client, coordinator):
    institution = InstitutionFactory()
    headers = bearer(coordinator)
    assert client.post(f"{BASE}{institution.pk}/archive", **headers).json()["status"] == "archived"
    assert client.post(f"{BASE}{institution.pk}/restore", **headers).json()["status"] == "active"


def test_non_staff_token_cannot_write(client, team_member):
    response = post(
        client, BASE, {"name": "X", "kind": "ngo", "county_teryt": "0811"}, bearer(team_member)
    )
    assert response.status_code == 403
    assert Institution.objects.count() == 0


def test_writing_without_a_token_is_401(client):
    response = post(client, BASE, {"name": "X", "kind": "ngo", "county_teryt": "0811"}, {})
    assert response.status_code == 401


def test_a_wrong_token_is_401_not_anonymous(client):
    InstitutionFactory()
    assert client.get(BASE, HTTP_AUTHORIZATION="Bearer nope").status_code == 401
