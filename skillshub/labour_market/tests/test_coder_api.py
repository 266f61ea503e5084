"""POST /api/v1/occupation-coder: one ad or a batch, bad input, no model, rate limits."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from skillshub.accounts.services import api_token_create

pytestmark = pytest.mark.django_db

URL = "/api/v1/occupation-coder"


def post(client: Client, body: object, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def test_one_ad_gets_five_codes_with_probabilities_and_an_explanation(
    occupations, occupation_coder
):
    response = post(Client(), {"title": "Kierowca C+E", "description": "transport krajowy"})
    assert response.status_code == 200
    body = response.json()
    assert body["model_version"]
    [result] = body["results"]
    assert len(result["suggestions"]) == 5
    probabilities = [s["probability"] for s in result["suggestions"]]
    assert probabilities == sorted(probabilities, reverse=True) and sum(probabilities) <= 1.0001
    assert result["code"] == result["suggestions"][0]["code"]
    assert result["name"] and result["group_code"] == result["code"][:4]
    assert isinstance(result["explanation"], list)


def test_a_batch_is_coded_in_order_and_bad_input_gets_flags_not_errors(
    occupations, occupation_coder
):
    ads = [
        {"title": "Spawacz", "description": "spawanie MIG/MAG"},
        {"title": "", "description": ""},
        {"title": "<b>Księgowa</b>", "description": "<script>x</script><p>VAT</p>"},
        {"title": "Nurse", "description": "We are looking for a registered nurse " * 20},
        {"title": "Magazynier", "description": "magazyn " * 200_000},
    ]
    response = post(Client(), {"ads": ads})
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 5
    assert "empty" in results[1]["flags"] and results[1]["needs_review"]
    assert "markup_stripped" in results[2]["flags"]
    assert "not_polish" in results[3]["flags"] and results[3]["needs_review"]
    assert "truncated" in results[4]["flags"]


def test_a_request_without_an_ad_is_refused_with_a_reason(occupations, occupation_coder):
    response = post(Client(), {})
    assert response.status_code == 400
    assert post(Client(), {"ads": [{"title": "x"}] * 1001}).status_code == 422


def test_without_a_model_the_api_says_so(occupations):
    response = post(Client(), {"title": "Spawacz"})
    assert response.status_code == 503
    assert "train_occupation_coder" in response.json()["detail"]


def test_anonymous_callers_are_rate_limited_and_token_holders_have_their_own_budget(
    settings, occupations, occupation_coder, coordinator
):
    settings.OCCUPATION_CODER_API_RATE_ANON = "2/m"
    settings.OCCUPATION_CODER_API_RATE_TOKEN = "3/m"
    client = Client()
    codes = [post(client, {"title": "Spawacz"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    _token, key = api_token_create(user=coordinator, name="coder", actor=coordinator)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    codes = [post(client, {"title": "Spawacz"}, **auth).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_endpoint_is_documented_in_the_openapi_schema():
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["post"]
    assert operation["summary"] == "Code job ads to KZiS 2023 occupations"
    assert "CoderIn" in json.dumps(operation["requestBody"])
