"""A stand-in for the OpenAI API on loopback, answering in its real formats.

The API key picks the answer: ``sk-sim-<slug>`` answers as the condition
``<slug>`` would, any other key like a healthy API. ``CONDITIONS`` is the
table of those answers, kept as data so tests and health checks can read it.

This module is plain Python (standard library only, no Django) so that
``scripts/capture_openai_texts.py`` can load it by path inside a throwaway
virtualenv that has nothing but the ``openai`` library.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import math
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

logger = logging.getLogger(__name__)

SIMULATED_KEY_PREFIX = "sk-sim-"
DEFAULT_HANG_SECONDS = 30.0
DEFAULT_MODEL = "gpt-4o-mini"
RETRY_AFTER_SECONDS = 1.2

# How a condition answers when it is not an ordinary HTTP response.
HANG = "hang"  # accept the request, answer nothing until the client gives up
DROP = "drop"  # close the connection without a status line

_API_KEYS_URL = "https://platform.openai.com/account/api-keys"
_ERROR_CODES_DOCS = "https://platform.openai.com/docs/guides/error-codes/api-errors"

_PROXY_HTML = """<html>
<head><title>{status_line}</title></head>
<body>
<center><h1>{status_line}</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
"""


def _error(message, *, type, code=None, param=None):  # noqa: A002 - the API's own field name
    return {"message": message, "type": type, "param": param, "code": code}


# One dict per condition. Keys:
#   status   HTTP status code
#   error    the object under "error" in the JSON body; its message may hold
#            {model}, {masked_key}, {method}, {path} and {request_id}
#   extra    more members of the error object (Azure adds "status", "innererror")
#   html     a text/html body instead of JSON (what a proxy or CDN sends)
#   headers  extra response headers
#   behaviour HANG or DROP instead of a response
CONDITIONS: dict[str, dict] = {
    "401-invalid-authentication": {
        "status": 401,
        "error": _error(
            "Your authentication token is not from a valid issuer.",
            type="invalid_request_error",
            code="invalid_issuer",
        ),
    },
    "401-incorrect-api-key": {
        "status": 401,
        "error": _error(
            "Incorrect API key provided: {masked_key}. You can find your API key at " + _API_KEYS_URL + ".",
            type="invalid_request_error",
            code="invalid_api_key",
        ),
    },
    # api.openai.com itself answers revoked keys with invalid_api_key; these two codes come from
    # OpenAI-compatible gateways, in our own words.
    "401-expired-api-key": {
        "status": 401,
        "error": _error(
            "The API key provided has expired: {masked_key}. Create a new key at " + _API_KEYS_URL + ".",
            type="invalid_request_error",
            code="expired_api_key",
        ),
    },
    "401-revoked-api-key": {
        "status": 401,
        "error": _error(
            "The API key provided has been revoked: {masked_key}. Create a new key at " + _API_KEYS_URL + ".",
            type="invalid_request_error",
            code="revoked_api_key",
        ),
    },
    "401-not-in-organization": {
        "status": 401,
        "error": _error(
            "You must be a member of an organization to use the API. "
            "Please contact us through our help center at help.openai.com.",
            type="invalid_request_error",
            code="no_organization",
        ),
    },
    "organization-header-mismatch": {
        "status": 401,
        "error": _error(
            "OpenAI-Organization header should match organization for API key",
            type="invalid_request_error",
            code="mismatched_organization",
        ),
    },
    "403-unsupported-region": {
        "status": 403,
        "error": _error(
            "Country, region, or territory not supported",
            type="request_forbidden",
            code="unsupported_country_region_territory",
        ),
    },
    "403-permission-denied": {
        "status": 403,
        "error": _error(
            "Project `proj_sim0000000000000000000000` does not have access to model `{model}`",
            type="invalid_request_error",
            code="model_not_found",
        ),
    },
    "organization-unverified": {
        "status": 400,
        "error": _error(
            "Your organization must be verified to stream this model. Please go to: "
            "https://platform.openai.com/settings/organization/general and click on Verify Organization. "
            "If you just verified, it can take up to 15 minutes for access to propagate.",
            type="invalid_request_error",
            code="unsupported_value",
            param="stream",
        ),
    },
    "400-bad-request": {
        "status": 400,
        "error": _error(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
            "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
            "valid JSON. If you have trouble figuring out how to fix this, please contact us through our "
            "help center at help.openai.com.)",
            type="invalid_request_error",
        ),
    },
    # The API's own code is missing_required_parameter; gateways say missing_required_field.
    "400-missing-required-field": {
        "status": 400,
        "error": _error(
            "Missing required parameter: 'messages'.",
            type="invalid_request_error",
            code="missing_required_parameter",
            param="messages",
        ),
    },
    "400-invalid-value": {
        "status": 400,
        "error": _error(
            "Invalid value: 'admin'. Supported values are: 'system', 'assistant', 'user', 'function', "
            "'tool', and 'developer'.",
            type="invalid_request_error",
            code="invalid_value",
            param="messages[0].role",
        ),
    },
    "400-model-not-supported": {
        "status": 400,
        "error": _error(
            "The requested model is not supported.",
            type="invalid_request_error",
            code="model_not_supported",
            param="model",
        ),
    },
    "400-context-length-exceeded": {
        "status": 400,
        "error": _error(
            "This model's maximum context length is 128000 tokens. However, your messages resulted in "
            "131072 tokens. Please reduce the length of the messages.",
            type="invalid_request_error",
            code="context_length_exceeded",
            param="messages",
        ),
    },
    "content-filtered": {
        "status": 400,
        "error": _error(
            "The response was filtered due to the prompt triggering Azure OpenAI's content management "
            "policy. Please modify your prompt and retry. To learn more about our content filtering "
            "policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
            type=None,
            code="content_filter",
            param="prompt",
        ),
        "extra": {
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": {
                    "hate": {"filtered": False, "severity": "safe"},
                    "jailbreak": {"filtered": True, "detected": True},
                    "self_harm": {"filtered": False, "severity": "safe"},
                    "sexual": {"filtered": False, "severity": "safe"},
                    "violence": {"filtered": False, "severity": "safe"},
                },
            },
        },
    },
    "404-model-not-found": {
        "status": 404,
        "error": _error(
            "The model `{model}` does not exist or you do not have access to it.",
            type="invalid_request_error",
            code="model_not_found",
        ),
    },
    "404-not-found": {
        "status": 404,
        "error": _error("Invalid URL ({method} {path})", type="invalid_request_error"),
    },
    "409-conflict": {
        "status": 409,
        "error": _error(
            "Another request changed this resource while yours was in progress. Fetch it again and retry.",
            type="invalid_request_error",
            code="conflict",
        ),
    },
    "422-unprocessable-entity": {
        "status": 422,
        "error": _error(
            "The request was well-formed but could not be processed: 'input' must be a string or an array of strings.",
            type="invalid_request_error",
            code="unprocessable_entity",
            param="input",
        ),
    },
    "429-rate-limit": {
        "status": 429,
        "error": _error(
            "Rate limit reached for {model} in organization org-sim000000000000000000000 on tokens per min "
            "(TPM): Limit 30000, Used 29400, Requested 1750. Please try again in "
            f"{RETRY_AFTER_SECONDS}s. Visit https://platform.openai.com/account/rate-limits to learn more.",
            type="tokens",
            code="rate_limit_exceeded",
        ),
        "headers": {
            "retry-after": str(math.ceil(RETRY_AFTER_SECONDS)),
            "x-ratelimit-limit-requests": "500",
            "x-ratelimit-limit-tokens": "30000",
            "x-ratelimit-remaining-requests": "499",
            "x-ratelimit-remaining-tokens": "600",
            "x-ratelimit-reset-requests": "120ms",
            "x-ratelimit-reset-tokens": f"{RETRY_AFTER_SECONDS}s",
        },
    },
    "429-quota-exceeded": {
        "status": 429,
        "error": _error(
            "You exceeded your current quota, please check your plan and billing details. "
            "For more information on this error, read the docs: " + _ERROR_CODES_DOCS + ".",
            type="insufficient_quota",
            code="insufficient_quota",
        ),
    },
    "429-concurrent-limit": {
        "status": 429,
        "error": _error(
            "Too many concurrent requests for {model}. Wait for a request in flight to finish, then retry.",
            type="requests",
            code="concurrent_limit_exceeded",
        ),
        "headers": {"retry-after": "1"},
    },
    "500-server-error": {
        "status": 500,
        "error": _error(
            "The server had an error while processing your request. Sorry about that! You can retry your "
            "request, or contact us through our help center at help.openai.com if the error persists. "
            "(Please include the request ID {request_id} in your message.)",
            type="server_error",
        ),
    },
    "502-bad-gateway": {"status": 502, "html": _PROXY_HTML.format(status_line="502 Bad Gateway")},
    "503-engine-overloaded": {
        "status": 503,
        "error": _error(
            "That model is currently overloaded with other requests. You can retry your request, or contact "
            "us through our help center at help.openai.com if the error persists. "
            "(Please include the request ID {request_id} in your message.)",
            type="server_error",
        ),
    },
    # The docs list "503 - Slow Down" without a body; the one body seen in the wild is a bare
    # 429 {"error": "slow down"}. This row follows the docs.
    "503-slow-down": {
        "status": 503,
        "error": _error(
            "Slow Down: your request rate rose too quickly. Return to your previous rate, hold it for "
            "15 minutes, then increase gradually.",
            type="server_error",
            code="slow_down",
        ),
        "headers": {"retry-after": "1"},
    },
    "503-service-unavailable": {
        "status": 503,
        "error": _error(
            "The service is temporarily unavailable. Please try again later.",
            type="server_error",
            code="service_unavailable",
        ),
    },
    "504-gateway-timeout": {"status": 504, "html": _PROXY_HTML.format(status_line="504 Gateway Time-out")},
    "timeout": {"behaviour": HANG},
    "connection-error": {"behaviour": DROP},
}

MISSING_KEY = {
    "status": 401,
    "error": _error(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using "
        "Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) "
        "if you're accessing the API from your browser and are prompted for a username and password. "
        "You can obtain an API key from " + _API_KEYS_URL + ".",
        type="invalid_request_error",
    ),
}

INVALID_JSON = CONDITIONS["400-bad-request"]
UNKNOWN_PATH = CONDITIONS["404-not-found"]

SIMULATED_MODELS = ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "text-embedding-3-small")


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    behaviour: str | None = None


def mask_key(key: str) -> str:
    """The key as our logs and pages show it: ``sk-…abcd``."""
    if len(key) < 12:
        return "…"
    return f"{key[:3]}…{key[-4:]}"


def mask_key_like_api(key: str) -> str:
    """The key as the API quotes it in a 401: first 8 and last 4 characters, stars between."""
    if len(key) <= 12:
        return "*" * len(key)
    return key[:8] + "*" * (len(key) - 12) + key[-4:]


def condition_for_key(key: str | None) -> str | None:
    """The simulated condition a key asks for, or None for a healthy answer."""
    if key and key.startswith(SIMULATED_KEY_PREFIX):
        slug = key[len(SIMULATED_KEY_PREFIX) :]
        if slug in CONDITIONS:
            return slug
    return None


def new_request_id() -> str:
    return f"req_{uuid.uuid4().hex}"


def answer_for(*, method: str, path: str, key: str | None, body: bytes, request_id: str | None = None) -> Answer:
    """What the simulator answers to one request."""
    request_id = request_id or new_request_id()
    if not key:
        return error_answer(MISSING_KEY, request_id=request_id, method=method, path=path)
    slug = condition_for_key(key)
    payload, body_is_valid = _json_payload(body)
    model = _requested_model(path=path, payload=payload)
    if slug is not None:
        return error_answer(CONDITIONS[slug], request_id=request_id, method=method, path=path, key=key, model=model)
    if not body_is_valid:
        return error_answer(INVALID_JSON, request_id=request_id, method=method, path=path)
    return _healthy_answer(method=method, path=path, model=model, payload=payload, request_id=request_id)


def error_answer(
    condition: dict,
    *,
    request_id: str,
    method: str = "POST",
    path: str = "/v1/chat/completions",
    key: str = "",
    model: str = DEFAULT_MODEL,
) -> Answer:
    """Render one row of ``CONDITIONS`` as the response the API would send."""
    headers = {"x-request-id": request_id, **condition.get("headers", {})}
    if "behaviour" in condition:
        return Answer(status=0, headers=headers, behaviour=condition["behaviour"])
    if "html" in condition:
        headers["content-type"] = "text/html"
        return Answer(status=condition["status"], headers=headers, body=condition["html"].encode())
    values = {
        "model": model,
        "masked_key": mask_key_like_api(key),
        "method": method,
        "path": path,
        "request_id": request_id,
    }
    error = dict(condition["error"], message=condition["error"]["message"].format_map(values))
    error.update(condition.get("extra", {}))
    return _json_answer(condition["status"], {"error": error}, headers)


def _healthy_answer(*, method, path, model, payload, request_id) -> Answer:
    headers = {"x-request-id": request_id, "openai-processing-ms": "42", "openai-version": "2020-10-01"}
    now = int(time.time())
    if method == "POST" and path == "/v1/chat/completions":
        return _json_answer(200, _chat_completion(model=model, now=now), headers)
    if method == "POST" and path == "/v1/responses":
        return _json_answer(200, _response(model=model, now=now), headers)
    if method == "GET" and path == "/v1/models":
        models = [_model(model_id) for model_id in SIMULATED_MODELS]
        return _json_answer(200, {"object": "list", "data": models}, headers)
    if method == "GET" and path.startswith("/v1/models/"):
        return _json_answer(200, _model(model), headers)
    return error_answer(UNKNOWN_PATH, request_id=request_id, method=method, path=path)


def _json_answer(status: int, document: dict, headers: dict) -> Answer:
    headers = {**headers, "content-type": "application/json"}
    return Answer(status=status, headers=headers, body=json.dumps(document, indent=2).encode() + b"\n")


def _json_payload(body: bytes) -> tuple[dict, bool]:
    if not body.strip():
        return {}, True
    try:
        payload = json.loads(body)
    except ValueError:
        return {}, False
    return (payload, True) if isinstance(payload, dict) else ({}, False)


def _requested_model(*, path: str, payload: dict) -> str:
    if path.startswith("/v1/models/"):
        return path.removeprefix("/v1/models/") or DEFAULT_MODEL
    model = payload.get("model")
    return model if isinstance(model, str) and model else DEFAULT_MODEL


def _chat_completion(*, model: str, now: int) -> dict:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": now,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hello from the simulator.", "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 9, "completion_tokens": 5, "total_tokens": 14},
        "system_fingerprint": "fp_simulator",
        "service_tier": "default",
    }


def _response(*, model: str, now: int) -> dict:
    return {
        "id": f"resp_{uuid.uuid4().hex}",
        "object": "response",
        "created_at": now,
        "status": "completed",
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "model": model,
        "output": [
            {
                "type": "message",
                "id": f"msg_{uuid.uuid4().hex}",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": "Hello from the simulator.", "annotations": []}],
            }
        ],
        "parallel_tool_calls": True,
        "temperature": 1.0,
        "top_p": 1.0,
        "tool_choice": "auto",
        "tools": [],
        "metadata": {},
        "usage": {
            "input_tokens": 9,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 5,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 14,
        },
    }


def _model(model_id: str) -> dict:
    return {"id": model_id, "object": "model", "created": 1715367049, "owned_by": "system"}


class SimulatorRequestHandler(BaseHTTPRequestHandler):
    server: SimulatorServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY each answer waits ~40 ms.
    disable_nagle_algorithm = True

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self._answer()

    def do_DELETE(self):
        self._answer()

    def _answer(self):
        path = self.path.split("?", 1)[0]
        key = self._api_key()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        answer = answer_for(method=self.command, path=path, key=key, body=body)
        self._log_answer(path=path, key=key, answer=answer)
        if answer.behaviour == DROP:
            # No status line: the client sees the connection close, as when a proxy gives up.
            self.close_connection = True
        elif answer.behaviour == HANG:
            self.server.stopping.wait(self.server.hang_seconds)
            self.close_connection = True
        else:
            self._send(answer)

    def _api_key(self) -> str | None:
        authorization = self.headers.get("Authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return credentials.strip()
        return self.headers.get("api-key") or None

    def _send(self, answer: Answer):
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def _log_answer(self, *, path: str, key: str | None, answer: Answer):
        logger.info(
            "%s %s key=%s condition=%s -> %s request_id=%s",
            self.command,
            path,
            mask_key(key) if key else "none",
            condition_for_key(key) or ("ok" if key else "no-key"),
            answer.behaviour or answer.status,
            answer.headers.get("x-request-id"),
        )

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        # Request lines are logged by _log_answer; keep the stdlib's other messages.
        logger.debug(format, *args)

    def log_request(self, code="-", size="-"):
        pass

    def send_response(self, code, message=None):
        # The stdlib would also send "Server: BaseHTTP/0.6 Python/3.11", which the API never does.
        self.send_response_only(code, message or HTTPStatus(code).phrase)
        self.send_header("Date", self.date_time_string())


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, *, hang_seconds: float = DEFAULT_HANG_SECONDS):
        self.hang_seconds = hang_seconds
        self.stopping = threading.Event()
        super().__init__(address, SimulatorRequestHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/v1"

    def shutdown(self):
        self.stopping.set()
        super().shutdown()


class _IPv6SimulatorServer(SimulatorServer):
    address_family = socket.AF_INET6


def make_server(*, host: str = "127.0.0.1", port: int = 0, hang_seconds: float = DEFAULT_HANG_SECONDS):
    """Bind the simulator to a loopback address; port 0 picks a free port."""
    if not is_loopback(host):
        raise ValueError(f"The simulator only listens on loopback, not on {host!r}.")
    server_class = _IPv6SimulatorServer if ":" in host else SimulatorServer
    return server_class((host, port), hang_seconds=hang_seconds)


def start_in_thread(*, host: str = "127.0.0.1", port: int = 0, hang_seconds: float = DEFAULT_HANG_SECONDS):
    """A running simulator in a daemon thread; call ``server.shutdown()`` to stop it."""
    server = make_server(host=host, port=port, hang_seconds=hang_seconds)
    thread = threading.Thread(target=server.serve_forever, name="simulate_openai", daemon=True)
    thread.start()
    return server


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
