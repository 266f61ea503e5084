"""schemathesis against `/api/v1/`: every GET operation, as an anonymous caller, on the demo data.

The schema is read from the app in-process (WSGI), and each operation gets a bounded number of
generated requests. Two checks must hold for all of them: no server error, and every response
matches the schema the API publishes. A failure names the operation and the request to replay.
"""

from __future__ import annotations

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES_PER_OPERATION = 20
CHECKS = [not_a_server_error, response_schema_conformance]


def _get_operations():  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations() if result.ok().method == "get"]


def _fuzz(operation) -> None:  # type: ignore[no-untyped-def]
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case) -> None:  # type: ignore[no-untyped-def]
        case.headers = {k: v for k, v in (case.headers or {}).items() if k != "Authorization"}
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    run()


def test_every_get_operation_answers_within_its_schema_and_never_500(region):
    call_command("seed_demo", stdout=io.StringIO())
    # The WSGI handler closes the connection at the start and end of each request, which would
    # end the test's transaction; Django's own test client unhooks the same signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _fuzz_all()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz_all() -> None:
    operations = _get_operations()
    assert len(operations) >= 20, "the schema lists the API's read operations"
    failures: dict[str, str] = {}
    for operation in operations:
        try:
            _fuzz(operation)
        except (Exception, BaseExceptionGroup) as exc:  # every finding in one run
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    assert failures == {}, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
