import pytest
from openapi_spec_validator import validate


@pytest.mark.django_db
def test_openapi_schema_is_generated_and_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    paths = schema["paths"]
    assert "/api/v1/institutions/" in paths
    assert {"get", "post"} <= set(paths["/api/v1/institutions/"])
    assert {"get", "patch"} <= set(paths["/api/v1/institutions/{institution_id}"])
    assert "/api/v1/institutions/{institution_id}/archive" in paths
