"""The programme's REST API: anonymous open data (the tree with progress, indicators,
measurements as JSON and CSV), drafts only for staff tokens, and staff writes with 422s."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client

from skillshub.accounts.choices import Role
from skillshub.accounts.services import api_token_create
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import County
from skillshub.programme import services as svc
from skillshub.programme.choices import NodeKind, TerritorialLevel, VersionStatus
from skillshub.programme.models import IndicatorTarget, Measurement

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programme"


def bearer(user: Any) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test", actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client: Client, url: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def _programme(coordinator, name="Program (demo)"):
    return svc.programme_create(
        actor=coordinator, data={"name": name, "start_year": 2024, "end_year": 2030}
    )


def _indicator(programme, coordinator, **data):
    values = {"code": "W1", "name": "Wskaźnik", "unit": "%", "baseline_value": D("10"),
              "baseline_year": 2023, **data}  # fmt: skip
    return svc.indicator_create(programme=programme, actor=coordinator, data=values)


@pytest.fixture
def adopted(coordinator):
    """An adopted programme: an objective with an action, the action measured by W1 (62%)."""
    programme = _programme(coordinator)
    version = programme.versions.get()
    objective = svc.node_create(
        version=version,
        actor=coordinator,
        data={"kind": NodeKind.OBJECTIVE, "code": "1", "title": "Cel 1"},
    )
    action = svc.node_create(
        version=version,
        actor=coordinator,
        data={"kind": NodeKind.ACTION, "code": "1.1", "title": "Działanie", "parent": objective},
    )
    indicator = _indicator(programme, coordinator)
    svc.target_set(indicator=indicator, actor=coordinator, year=2030, value=D("20"))
    svc.measurement_record(indicator=indicator, actor=coordinator, year=2025, value="16.2")
    svc.indicator_link(indicator=indicator, node=action, actor=coordinator)
    svc.version_set_status(
        version=version,
        actor=coordinator,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2024, 3, 1),
        adopted_by="Uchwała nr 1/2024 ZWL (demo)",
    )
    return programme


@pytest.fixture
def draft(coordinator):
    programme = _programme(coordinator, name="Projekt programu (demo)")
    _indicator(programme, coordinator, code="D1")
    return programme


def test_anonymous_lists_only_adopted_programmes(client, adopted, draft, coordinator):
    response = client.get(f"{BASE}/programmes")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [adopted.pk]
    assert response.json()[0]["adopted_version"] == 1
    staff = client.get(f"{BASE}/programmes", **bearer(coordinator)).json()
    assert {p["id"] for p in staff} == {adopted.pk, draft.pk}


def test_a_draft_programme_is_hidden_from_anonymous(client, draft, coordinator):
    assert client.get(f"{BASE}/programmes/{draft.pk}").status_code == 404
    assert client.get(f"{BASE}/programmes/{draft.pk}/indicators").status_code == 404
    indicator = draft.indicators.get()
    assert client.get(f"{BASE}/indicators/{indicator.pk}/measurements").status_code == 404
    response = client.get(f"{BASE}/programmes/{draft.pk}", **bearer(coordinator))
    assert response.status_code == 200
    assert response.json()["version"]["status"] == VersionStatus.DRAFT


def test_the_tree_carries_progress(client, adopted):
    body = client.get(f"{BASE}/programmes/{adopted.pk}").json()
    assert body["version"]["number"] == 1 and body["version"]["status"] == "adopted"
    [objective] = body["tree"]
    [action] = objective["children"]
    assert action["code"] == "1.1"
    assert action["percent"] == 62 and objective["percent"] == 62
    assert action["indicators"][0]["code"] == "W1"
    assert body["percent"] == 62


def test_anonymous_gets_the_adopted_version_while_a_revision_is_in_progress(
    client, adopted, coordinator
):
    revision = svc.version_revise(version=adopted.versions.get(number=1), actor=coordinator)
    svc.node_create(
        version=revision,
        actor=coordinator,
        data={"kind": NodeKind.OBJECTIVE, "code": "2", "title": "Nowy cel"},
    )
    public = client.get(f"{BASE}/programmes/{adopted.pk}", {"version": 2}).json()
    assert public["version"]["number"] == 1
    assert [n["code"] for n in public["tree"]] == ["1"]
    staff = client.get(
        f"{BASE}/programmes/{adopted.pk}", {"version": 2}, **bearer(coordinator)
    ).json()
    assert [n["code"] for n in staff["tree"]] == ["1", "2"]


def test_indicators_with_baseline_targets_latest_and_progress(client, adopted, coordinator):
    _indicator(adopted, coordinator, code="K1", is_context=True)
    body = client.get(f"{BASE}/programmes/{adopted.pk}/indicators").json()
    k1, w1 = body  # by code
    assert w1["code"] == "W1"
    assert w1["baseline_value"] == 10 and w1["baseline_year"] == 2023
    assert w1["targets"] == [{"year": 2030, "value": 20}]
    assert (w1["latest_year"], w1["latest"]) == (2025, 16.2)
    assert w1["percent"] == 62
    assert k1["is_context"] is True and k1["progress"] is None


def test_measurements_as_json_and_csv(client, region, adopted, coordinator):
    indicator = _indicator(adopted, coordinator, code="P1", level=TerritorialLevel.COUNTY)
    county = County.objects.in_region().first()
    svc.measurement_record(indicator=indicator, actor=coordinator, year=2024, value=4)
    svc.measurement_record(
        indicator=indicator, actor=coordinator, year=2024, value="3,5", county=county
    )
    body = client.get(f"{BASE}/indicators/{indicator.pk}/measurements").json()
    assert {(m["territory"], m["value"]) for m in body} == {("region", 4), (county.teryt, 3.5)}
    response = client.get(f"{BASE}/indicators/{indicator.pk}/measurements.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = [line.split(";") for line in text.lstrip("\ufeff").splitlines()[1:]]
    assert [(r[0], r[3], r[4], r[6]) for r in rows] == [
        ("P1", "2024", "region", "4"),  # the region first, then the counties
        ("P1", "2024", county.teryt, "3.5"),
    ]


def test_reads_do_not_grow_with_data(client, adopted, coordinator, django_assert_max_num_queries):
    def read() -> None:
        with django_assert_max_num_queries(8):
            assert client.get(f"{BASE}/programmes/{adopted.pk}").status_code == 200
        with django_assert_max_num_queries(6):
            assert client.get(f"{BASE}/programmes/{adopted.pk}/indicators").status_code == 200

    read()
    for n in range(3):
        other = _indicator(adopted, coordinator, code=f"X{n}")
        for year in range(2024, 2031):
            svc.measurement_record(indicator=other, actor=coordinator, year=year, value=year)
    read()


# --- Writes -------------------------------------------------------------------------------------


def test_staff_record_a_measurement(client, adopted, coordinator):
    indicator = adopted.indicators.get()
    response = post(
        client,
        f"{BASE}/indicators/{indicator.pk}/measurements",
        {"year": 2026, "value": "17,5", "unit": "%", "source_note": "GUS"},
        bearer(coordinator),
    )
    assert response.status_code == 201, response.content
    assert response.json()["value"] == 17.5
    measurement = Measurement.objects.get(indicator=indicator, year=2026)
    assert measurement.value == D("17.5") and measurement.entered_by == coordinator


def test_a_numeric_json_value_is_accepted(client, adopted, coordinator):
    indicator = adopted.indicators.get()
    response = post(
        client,
        f"{BASE}/indicators/{indicator.pk}/measurements",
        {"year": 2027, "value": 18.25},
        bearer(coordinator),
    )
    assert response.status_code == 201
    assert Measurement.objects.get(year=2027).value == D("18.25")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"year": 2040, "value": "12"}, "year"),
        ({"year": 2026, "value": "pięć"}, "value"),
        ({"year": 2026, "value": "12", "unit": "osoby"}, "unit"),
        ({"year": 2026, "value": "12", "county": "0000"}, "county"),
    ],
)
def test_a_refused_measurement_is_422_with_field_messages(
    client, adopted, coordinator, payload, field
):
    indicator = adopted.indicators.get()
    response = post(
        client, f"{BASE}/indicators/{indicator.pk}/measurements", payload, bearer(coordinator)
    )
    assert response.status_code == 422
    assert response.json()["errors"][field]
    assert Measurement.objects.count() == 1


def test_a_county_for_a_region_indicator_is_422(client, region, adopted, coordinator):
    indicator = adopted.indicators.get()
    county = County.objects.in_region().first()
    response = post(
        client,
        f"{BASE}/indicators/{indicator.pk}/measurements",
        {"year": 2026, "value": "12", "county": county.teryt},
        bearer(coordinator),
    )
    assert response.status_code == 422
    assert "county" in response.json()["errors"]


def test_staff_set_a_target_and_refusals_are_422(client, adopted, coordinator):
    indicator = adopted.indicators.get()
    url = f"{BASE}/indicators/{indicator.pk}/targets"
    ok = post(client, url, {"year": 2027, "value": "15"}, bearer(coordinator))
    assert ok.status_code == 201 and ok.json() == {"year": 2027, "value": 15}
    early = post(client, url, {"year": 2022, "value": "15"}, bearer(coordinator))
    assert early.status_code == 422 and "year" in early.json()["errors"]
    against = post(client, url, {"year": 2028, "value": "5"}, bearer(coordinator))
    assert against.status_code == 422 and "value" in against.json()["errors"]
    assert sorted(IndicatorTarget.objects.values_list("year", flat=True)) == [2027, 2030]


def test_writes_need_a_staff_token(client, adopted, outsider):
    indicator = adopted.indicators.get()
    member = UserFactory(username="member", role=Role.TEAM_MEMBER)
    for url, payload in (
        (f"{BASE}/indicators/{indicator.pk}/measurements", {"year": 2026, "value": "1"}),
        (f"{BASE}/indicators/{indicator.pk}/targets", {"year": 2027, "value": "15"}),
    ):
        assert post(client, url, payload, {}).status_code == 401
        assert post(client, url, payload, bearer(outsider)).status_code == 404
        assert post(client, url, payload, bearer(member)).status_code == 404
    assert Measurement.objects.count() == 1
    assert IndicatorTarget.objects.count() == 1


def test_openapi_lists_the_programme_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/programme/programmes/{programme_id}" in paths
    assert "post" in paths["/api/v1/programme/indicators/{indicator_id}/measurements"]
    assert "/api/v1/programme/indicators/{indicator_id}/measurements.csv" in paths
