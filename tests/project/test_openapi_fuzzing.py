"""schemathesis generates requests from the OpenAPI document: no answer is an undocumented server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from troubleshooter.openapi import openapi_document
from troubleshooter.wsgi import application

schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: a finished request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_generated_request_gets_a_server_error(case, db, settings, keep_test_connection):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # /healthz then documents its 503: the broker is down

    response = case.call(app=application)

    documented = case.operation.definition.raw["responses"]
    assert response.status_code < 500 or str(response.status_code) in documented, (
        case.method,
        case.formatted_path,
        case.body,
        response.text[:500],
    )
