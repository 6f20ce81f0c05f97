"""simulate_openai, checked against the official openai library over real HTTP on loopback."""

import json
import logging
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import openai
import pytest

from tests.simulator_fixtures import make_openai_client
from troubleshooter.health.simulated_conditions import CONDITIONS
from troubleshooter.health.simulator import make_server, mask_key_like_api
from troubleshooter.lib.redact import mask_key

ROOT = Path(__file__).resolve().parents[2]
HELLO = [{"role": "user", "content": "Hello"}]

# slug: (exception class, status, code, type)
EXPECTED = {
    "401-invalid-authentication": (openai.AuthenticationError, 401, "invalid_issuer", "invalid_request_error"),
    "401-incorrect-api-key": (openai.AuthenticationError, 401, "invalid_api_key", "invalid_request_error"),
    "401-expired-api-key": (openai.AuthenticationError, 401, "expired_api_key", "invalid_request_error"),
    "401-revoked-api-key": (openai.AuthenticationError, 401, "revoked_api_key", "invalid_request_error"),
    "401-not-in-organization": (openai.AuthenticationError, 401, "no_organization", "invalid_request_error"),
    "organization-header-mismatch": (
        openai.AuthenticationError,
        401,
        "mismatched_organization",
        "invalid_request_error",
    ),
    "403-unsupported-region": (
        openai.PermissionDeniedError,
        403,
        "unsupported_country_region_territory",
        "request_forbidden",
    ),
    "403-permission-denied": (openai.PermissionDeniedError, 403, "model_not_found", "invalid_request_error"),
    "organization-unverified": (openai.BadRequestError, 400, "unsupported_value", "invalid_request_error"),
    "400-bad-request": (openai.BadRequestError, 400, None, "invalid_request_error"),
    "400-missing-required-field": (
        openai.BadRequestError,
        400,
        "missing_required_parameter",
        "invalid_request_error",
    ),
    "400-invalid-value": (openai.BadRequestError, 400, "invalid_value", "invalid_request_error"),
    "400-model-not-supported": (openai.BadRequestError, 400, "model_not_supported", "invalid_request_error"),
    "400-context-length-exceeded": (
        openai.BadRequestError,
        400,
        "context_length_exceeded",
        "invalid_request_error",
    ),
    "content-filtered": (openai.BadRequestError, 400, "content_filter", None),
    "404-model-not-found": (openai.NotFoundError, 404, "model_not_found", "invalid_request_error"),
    "404-not-found": (openai.NotFoundError, 404, None, "invalid_request_error"),
    "409-conflict": (openai.ConflictError, 409, "conflict", "invalid_request_error"),
    "422-unprocessable-entity": (
        openai.UnprocessableEntityError,
        422,
        "unprocessable_entity",
        "invalid_request_error",
    ),
    "429-rate-limit": (openai.RateLimitError, 429, "rate_limit_exceeded", "tokens"),
    "429-quota-exceeded": (openai.RateLimitError, 429, "insufficient_quota", "insufficient_quota"),
    "429-concurrent-limit": (openai.RateLimitError, 429, "concurrent_limit_exceeded", "requests"),
    "500-server-error": (openai.InternalServerError, 500, None, "server_error"),
    "502-bad-gateway": (openai.InternalServerError, 502, None, None),
    "503-engine-overloaded": (openai.InternalServerError, 503, None, "server_error"),
    "503-slow-down": (openai.InternalServerError, 503, "slow_down", "server_error"),
    "503-service-unavailable": (openai.InternalServerError, 503, "service_unavailable", "server_error"),
    "504-gateway-timeout": (openai.InternalServerError, 504, None, None),
}


def test_every_condition_has_an_expectation():
    assert set(CONDITIONS) == set(EXPECTED) | {"timeout", "connection-error"}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_each_condition_raises_what_the_library_raises_for_it(openai_client_for, slug):
    exception_class, status, code, error_type = EXPECTED[slug]
    client = openai_client_for(slug)

    with pytest.raises(exception_class) as raised:
        client.chat.completions.create(model="gpt-4o", messages=HELLO)

    error = raised.value
    assert type(error) is exception_class
    assert error.status_code == status
    assert error.code == code
    assert error.type == error_type
    assert re.fullmatch(r"req_[0-9a-f]{32}", error.request_id)


def test_a_rate_limit_says_when_to_retry(openai_client_for):
    with pytest.raises(openai.RateLimitError) as raised:
        openai_client_for("429-rate-limit").chat.completions.create(model="gpt-4o", messages=HELLO)

    headers = raised.value.response.headers
    assert "Rate limit reached for gpt-4o" in raised.value.message
    assert "Please try again in 1.2s" in raised.value.message
    assert headers["retry-after"] == "2"
    assert headers["x-ratelimit-remaining-tokens"] == "600"
    assert headers["x-ratelimit-reset-tokens"] == "1.2s"


def test_quota_and_rate_limit_differ_only_in_the_body(openai_client_for):
    with pytest.raises(openai.RateLimitError) as raised:
        openai_client_for("429-quota-exceeded").chat.completions.create(model="gpt-4o", messages=HELLO)

    assert "You exceeded your current quota" in raised.value.message
    assert "retry-after" not in raised.value.response.headers


def test_model_not_found_names_the_requested_model(openai_client_for):
    with pytest.raises(openai.NotFoundError) as raised:
        openai_client_for("404-model-not-found").chat.completions.create(model="gpt-made-up", messages=HELLO)

    assert "The model `gpt-made-up` does not exist or you do not have access to it." in raised.value.message


def test_an_incorrect_key_is_quoted_masked_like_the_api_does(openai_client_for):
    with pytest.raises(openai.AuthenticationError) as raised:
        openai_client_for("401-incorrect-api-key").chat.completions.create(model="gpt-4o", messages=HELLO)

    assert "Incorrect API key provided: sk-sim-4****************-key." in raised.value.message
    assert "sk-sim-401-incorrect-api-key" not in raised.value.message


def test_a_bad_gateway_is_an_html_page_from_the_proxy(openai_client_for):
    with pytest.raises(openai.InternalServerError) as raised:
        openai_client_for("502-bad-gateway").chat.completions.create(model="gpt-4o", messages=HELLO)

    assert raised.value.response.headers["content-type"] == "text/html"
    assert "<title>502 Bad Gateway</title>" in raised.value.response.text


def test_a_timeout_raises_api_timeout_error_when_the_client_gives_up(openai_client_for):
    client = openai_client_for("timeout", timeout=1.0)
    started = time.monotonic()

    with pytest.raises(openai.APITimeoutError):
        client.chat.completions.create(model="gpt-4o", messages=HELLO)

    assert 0.9 < time.monotonic() - started < 3


def test_a_timeout_does_not_block_other_requests(openai_client_for):
    with pytest.raises(openai.APITimeoutError):
        openai_client_for("timeout", timeout=0.3).models.list()

    started = time.monotonic()
    assert openai_client_for("ok").models.list().data
    assert time.monotonic() - started < 1


def test_a_dropped_connection_raises_api_connection_error(openai_client_for):
    with pytest.raises(openai.APIConnectionError) as raised:
        openai_client_for("connection-error").chat.completions.create(model="gpt-4o", messages=HELLO)

    assert not isinstance(raised.value, openai.APITimeoutError)
    assert str(raised.value) == "Connection error."


@pytest.mark.parametrize("slug", ["ok", "not-a-condition"])
def test_a_healthy_key_gets_a_chat_completion(openai_client_for, slug):
    completion = openai_client_for(slug).chat.completions.create(model="gpt-4.1", messages=HELLO)

    assert isinstance(completion, openai.types.chat.ChatCompletion)
    assert completion.model == "gpt-4.1"
    assert completion.choices[0].message.content == "Hello from the simulator."


def test_a_real_looking_key_gets_a_healthy_answer(openai_simulator):
    client = openai.OpenAI(
        base_url=openai_simulator,
        api_key="sk-proj-abcdefghijklmnopqrstuvwxyz",
        max_retries=0,
        http_client=openai.DefaultHttpxClient(trust_env=False),
    )
    with client:
        assert client.chat.completions.create(model="gpt-4o", messages=HELLO).choices


def test_the_responses_api_answers(openai_client_for):
    response = openai_client_for("ok").responses.create(model="gpt-4o", input="Hello")

    assert response.status == "completed"
    assert response.output_text == "Hello from the simulator."


def test_models_are_listed_and_retrieved(openai_client_for):
    client = openai_client_for("ok")

    assert "gpt-4o-mini" in [model.id for model in client.models.list()]
    assert client.models.retrieve("gpt-4.1").id == "gpt-4.1"


def test_health_checks_on_models_see_the_condition_too(openai_client_for):
    with pytest.raises(openai.AuthenticationError):
        openai_client_for("401-revoked-api-key").models.list()


def _raw_request(url, *, headers=None, data=None):
    """One request without the openai library: no proxy, any headers."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


def test_no_key_gets_the_apis_401(openai_simulator):
    status, headers, body = _raw_request(f"{openai_simulator}/models")

    assert status == 401
    assert body["error"]["message"].startswith("You didn't provide an API key.")
    assert body["error"]["type"] == "invalid_request_error"
    assert headers["x-request-id"].startswith("req_")


def test_an_unknown_path_is_a_404_in_the_api_format(openai_simulator):
    status, _, body = _raw_request(f"{openai_simulator}/nothing/here", headers={"Authorization": "Bearer sk-x"})

    assert status == 404
    assert body == {
        "error": {
            "message": "Invalid URL (GET /v1/nothing/here)",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
    }


def test_an_azure_api_key_header_picks_the_condition(openai_simulator):
    status, _, body = _raw_request(
        f"{openai_simulator}/chat/completions",
        headers={"api-key": "sk-sim-content-filtered", "Content-Type": "application/json"},
        data=b'{"model": "gpt-4o"}',
    )

    assert status == 400
    assert body["error"]["code"] == "content_filter"
    assert body["error"]["innererror"]["code"] == "ResponsibleAIPolicyViolation"


def test_a_body_that_is_not_json_is_a_400(openai_simulator):
    status, _, body = _raw_request(
        f"{openai_simulator}/chat/completions", headers={"Authorization": "Bearer sk-x"}, data=b"{not json"
    )

    assert status == 400
    assert body["error"]["message"].startswith("We could not parse the JSON body of your request.")


def test_the_log_names_the_condition_but_never_the_key(openai_simulator, caplog):
    caplog.set_level(logging.INFO, logger="troubleshooter.health.simulator")
    secret = "sk-proj-Secret0123456789abcdefWXYZ"
    for key in (secret, "sk-sim-429-quota-exceeded"):
        _raw_request(f"{openai_simulator}/models", headers={"Authorization": f"Bearer {key}"})

    assert secret not in caplog.text
    assert "sk-sim-429-quota-exceeded" not in caplog.text
    assert "key=sk-…WXYZ condition=ok -> 200" in caplog.text
    assert "condition=429-quota-exceeded -> 429" in caplog.text


def test_keys_are_masked_for_logs_and_like_the_api():
    assert mask_key("sk-proj-abcdefghijkl") == "sk-…ijkl"
    assert mask_key("short") == "…"
    assert mask_key_like_api("sk-qtKGh0123456789xymX") == "sk-qtKGh" + "*" * 10 + "xymX"


def test_it_refuses_to_listen_beyond_loopback():
    with pytest.raises(ValueError, match="only listens on loopback"):
        make_server(host="0.0.0.0", port=0)


def test_the_command_serves_the_simulator_in_its_own_process():
    secret = "sk-live-Command0123456789abcdQRST"
    process = subprocess.Popen(
        [sys.executable, "manage.py", "simulate_openai", "--port", "0"],
        cwd=ROOT,
        env={**os.environ, "TESTING": "1", "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = process.stdout.readline()
        base_url = re.search(r"http://127\.0\.0\.1:\d+/v1", banner).group(0)
        client = make_openai_client(base_url, "429-quota-exceeded")
        with client, pytest.raises(openai.RateLimitError):
            client.chat.completions.create(model="gpt-4o", messages=HELLO)
        status, _, _ = _raw_request(f"{base_url}/models", headers={"Authorization": f"Bearer {secret}"})
        assert status == 200
    finally:
        process.terminate()
        _, log = process.communicate(timeout=10)

    assert "condition=429-quota-exceeded -> 429" in log
    assert "key=sk-…QRST condition=ok -> 200" in log
    assert secret not in log


CORPUS = ROOT / "tests" / "health" / "data" / "openai_library_texts.jsonl"
CORPUS_VERSIONS = {"0.28.1", "1.30.0", "1.109.1", "2.8.1", "3.54.0"}


def _corpus():
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_the_corpus_has_every_condition_for_every_library_version():
    recorded = {(record["library_version"], record["condition"]) for record in _corpus()}

    assert recorded == {(version, slug) for version in CORPUS_VERSIONS for slug in CONDITIONS}


def test_the_corpus_still_matches_what_the_installed_library_raises(openai_simulator):
    """If this fails, the simulator changed: rerun scripts/capture_openai_texts.py (see its docstring)."""

    def without_request_ids(text):
        return re.sub(r"req_[0-9a-f]{32}", "req_…", text)

    recorded = {r["condition"]: r for r in _corpus() if r["library_version"] == openai.__version__}
    assert recorded, f"no corpus lines for the installed openai {openai.__version__}"
    for slug, record in recorded.items():
        client = make_openai_client(openai_simulator, slug, timeout=0.5)
        with client, pytest.raises(openai.APIError) as raised:
            client.chat.completions.create(model="gpt-4o-mini", messages=HELLO)
        exception_class = type(raised.value)
        assert f"{exception_class.__module__}.{exception_class.__qualname__}" == record["exception"], slug
        assert without_request_ids(str(raised.value)) == without_request_ids(record["str"]), slug


def test_an_unknown_model_is_not_found_when_retrieved(openai_client_for):
    with pytest.raises(openai.NotFoundError) as raised:
        openai_client_for("ok").models.retrieve("gpt-nonexistent")
    assert raised.value.code == "model_not_found"
    assert "gpt-nonexistent" in raised.value.message


def test_healthy_answers_count_down_the_rate_limit_headers(openai_simulator):
    client = make_openai_client(openai_simulator, "ok-ratelimit-counter")
    try:
        first = client.models.with_raw_response.list().headers
        second = client.models.with_raw_response.list().headers
    finally:
        client.close()
    assert first["x-ratelimit-limit-requests"] == "500"
    remaining = int(first["x-ratelimit-remaining-requests"])
    # Both calls fall in the same minute unless a minute boundary passed between them.
    assert int(second["x-ratelimit-remaining-requests"]) in {remaining - 1, 499}
    assert second["x-ratelimit-reset-tokens"].endswith("ms")


def test_added_latency_makes_a_short_client_timeout_expire():
    from troubleshooter.health.simulator import start_in_thread

    server = start_in_thread(latency_ms=2000, hang_seconds=1)
    client = make_openai_client(server.base_url, "ok", timeout=0.2)
    try:
        with pytest.raises(openai.APITimeoutError):
            client.models.list()
    finally:
        client.close()
        server.shutdown()
        server.server_close()
