"""The one OpenAPI document: well formed, no path that does not exist, and true of real answers.

Every documented operation and every status it documents is requested for real, and the
answer is validated against the document, so the document cannot drift from the API.
"""

import json

import jsonschema
import pytest
from django.urls import Resolver404, resolve

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
TOO_LARGE_TEXT = "x" * (64 * 1024 + 1)
HEALTH_PROFILE_ID = 4242

# (path template, method, documented status) -> how to get that answer for real.
REAL_REQUESTS = {
    ("/api/openapi.json", "get", "200"): {"path": "/api/openapi.json"},
    ("/healthz", "get", "200"): {"path": "/healthz", "needs_live_worker": True},
    ("/healthz", "get", "503"): {"path": "/healthz", "broker_down": True},
    ("/api/errors", "get", "200"): {"path": "/api/errors?lang=ko&q=quota"},
    ("/api/errors", "get", "400"): {"path": "/api/errors?lang=fr"},
    ("/api/errors", "get", "405"): {"path": "/api/errors", "method": "post"},
    ("/api/errors/{slug}", "get", "200"): {"path": "/api/errors/429-quota-exceeded?lang=zh-hans"},
    ("/api/errors/{slug}", "get", "400"): {"path": "/api/errors/429-quota-exceeded?lang=xx"},
    ("/api/errors/{slug}", "get", "404"): {"path": "/api/errors/no-such-entry"},
    ("/api/errors/{slug}", "get", "405"): {"path": "/api/errors/429-quota-exceeded", "method": "delete"},
    ("/api/diagnose", "post", "200"): {
        "path": "/api/diagnose",
        "method": "post",
        "json": {"text": "openai.RateLimitError: Error code: 429 - Rate limit reached: Limit 3, Used 3", "lang": "ko"},
    },
    ("/api/wizard", "get", "200"): {"path": "/api/wizard?lang=ko"},
    ("/api/wizard", "get", "400"): {"path": "/api/wizard?lang=fr"},
    ("/api/wizard", "get", "405"): {"path": "/api/wizard", "method": "post"},
    ("/api/diagnose", "post", "400"): {"path": "/api/diagnose", "method": "post", "json": {"text": "   "}},
    ("/api/diagnose", "post", "405"): {"path": "/api/diagnose", "method": "get"},
    ("/api/diagnose", "post", "413"): {"path": "/api/diagnose", "method": "post", "json": {"text": TOO_LARGE_TEXT}},
    ("/api/diagnose", "post", "415"): {
        "path": "/api/diagnose",
        "method": "post",
        "data": "text=hello",
        "content_type": "application/x-www-form-urlencoded",
    },
    ("/api/tickets", "post", "201"): {
        "path": "/api/tickets",
        "method": "post",
        "json": {"error_message": "Error code: 429 - insufficient_quota", "model": "gpt-4o", "timezone": "Asia/Seoul"},
    },
    ("/api/tickets", "post", "400"): {"path": "/api/tickets", "method": "post", "json": {"error_message": ""}},
    ("/api/tickets", "post", "405"): {"path": "/api/tickets", "method": "get"},
    ("/api/tickets", "post", "413"): {
        "path": "/api/tickets",
        "method": "post",
        "json": {"error_message": "x", "details": "x" * (256 * 1024)},
    },
    ("/api/tickets", "post", "415"): {
        "path": "/api/tickets",
        "method": "post",
        "data": "error_message=x",
        "content_type": "application/x-www-form-urlencoded",
    },
    ("/api/tickets", "post", "429"): {
        "path": "/api/tickets",
        "method": "post",
        "json": {"error_message": "Error code: 429"},
        "rate_limits": {"tickets": "0/h"},
    },
    ("/api/health/profiles", "get", "200"): {"path": "/api/health/profiles", "auth": "token"},
    ("/api/health/profiles", "get", "401"): {"path": "/api/health/profiles"},
    ("/api/health/profiles", "get", "405"): {"path": "/api/health/profiles", "method": "post", "auth": "token"},
    ("/api/health/profiles/{profile_id}/check", "post", "202"): {
        "path": f"/api/health/profiles/{HEALTH_PROFILE_ID}/check",
        "method": "post",
        "auth": "token",
    },
    ("/api/health/profiles/{profile_id}/check", "post", "401"): {
        "path": f"/api/health/profiles/{HEALTH_PROFILE_ID}/check",
        "method": "post",
    },
    ("/api/health/profiles/{profile_id}/check", "post", "403"): {
        "path": f"/api/health/profiles/{HEALTH_PROFILE_ID}/check",
        "method": "post",
        "auth": "session_without_csrf",
    },
    ("/api/health/profiles/{profile_id}/check", "post", "404"): {
        "path": "/api/health/profiles/999999/check",
        "method": "post",
        "auth": "token",
    },
    ("/api/health/profiles/{profile_id}/check", "post", "429"): {
        "path": f"/api/health/profiles/{HEALTH_PROFILE_ID}/check",
        "method": "post",
        "auth": "token",
        "rate_limits": {"checks": "0/m"},
    },
    ("/api/health/profiles/{profile_id}/check", "post", "405"): {
        "path": f"/api/health/profiles/{HEALTH_PROFILE_ID}/check",
        "auth": "token",
    },
}


@pytest.fixture
def document(client, shipped_guide):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, path_item in document["paths"].items():
        for method, operation in path_item.items():
            yield path, method, operation


def _references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def _resolve_pointer(document, reference):
    assert reference.startswith("#/"), reference
    node = document
    for part in reference[2:].split("/"):
        node = node[part]
    return node


def test_it_is_an_openapi_3_1_document(document):
    assert document["openapi"].startswith("3.1.")
    assert document["info"]["title"] and document["info"]["version"]


def test_every_operation_has_an_id_and_responses(document):
    operation_ids = []
    for _path, method, operation in _operations(document):
        assert method in HTTP_METHODS
        assert operation["responses"], operation
        operation_ids.append(operation["operationId"])
    assert len(operation_ids) == len(set(operation_ids))


def test_every_path_parameter_is_declared(document):
    for path, _method, operation in _operations(document):
        names = {part[1:-1] for part in path.split("/") if part.startswith("{")}
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert declared == names, path


def test_every_reference_resolves(document):
    references = list(_references(document))
    assert references
    for reference in references:
        assert _resolve_pointer(document, reference)


def test_every_documented_path_exists(document):
    for path in document["paths"]:
        concrete = path.replace("{slug}", "429-rate-limit").replace("{profile_id}", str(HEALTH_PROFILE_ID))
        try:
            resolve(concrete)
        except Resolver404:
            pytest.fail(f"{path} is documented but not routed")


def test_errors_are_documented_in_the_callers_language(document):
    assert "caller's language" in document["components"]["schemas"]["Error"]["properties"]["error"]["description"]


def test_every_documented_answer_is_requested_for_real(document):
    documented = {(path, method, status) for path, method, op in _operations(document) for status in op["responses"]}
    assert documented == set(REAL_REQUESTS)


@pytest.mark.parametrize("operation", sorted(REAL_REQUESTS), ids=lambda op: " ".join(op))
def test_the_real_answer_matches_the_document(operation, document, client, settings, live_worker_heartbeat):
    path, method, status = operation
    request = REAL_REQUESTS[operation]
    if request.get("needs_live_worker"):
        live_worker_heartbeat()
    if request.get("broker_down"):
        settings.REDIS_URL = "redis://127.0.0.1:1/0"
    if "rate_limits" in request:
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **request["rate_limits"]}
    if request.get("auth"):
        client = _health_client(request["auth"])
    call = getattr(client, request.get("method", "get"))
    if "json" in request:
        response = call(request["path"], json.dumps(request["json"]), content_type="application/json")
    elif "data" in request:
        response = call(request["path"], request["data"], content_type=request["content_type"])
    else:
        response = call(request["path"])

    assert str(response.status_code) == status, response.content[:300]
    content = document["paths"][path][method]["responses"][status].get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema:
        assert response["Content-Type"].startswith("application/json")
        jsonschema.validate(response.json(), {**schema, "components": document["components"]})


@pytest.fixture
def live_worker_heartbeat(settings, redis_url, broker):
    """Makes /healthz healthy without a worker process: the heartbeat a worker would write."""
    from troubleshooter.liveness import heartbeat_record

    settings.REDIS_URL = redis_url
    return heartbeat_record


def _health_client(auth):
    """A client of a user with one connection profile, by API token or by a session without its CSRF token."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from troubleshooter.health.models import Profile
    from troubleshooter.health.tokens import token_issue

    user = get_user_model().objects.create_user("openapi-health")
    profile = Profile(pk=HEALTH_PROFILE_ID, owner=user, name="OpenAPI")
    profile.set_key("sk-openapi-0123456789abcdef")
    profile.save()
    if auth == "token":
        return Client(headers={"Authorization": f"Bearer {token_issue(user=user, name='openapi')}"})
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client
