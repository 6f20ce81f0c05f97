"""A stand-in for the OpenAI API on loopback, answering in its real formats.

The API key picks the answer: ``sk-sim-<slug>`` answers as the condition ``<slug>`` would,
any other key like a healthy API. The answers are data, in ``simulated_conditions.py``.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from troubleshooter.health.simulated_conditions import (
    CONDITIONS,
    DEFAULT_HANG_SECONDS,
    DEFAULT_MODEL,
    DROP,
    HANG,
    INVALID_JSON,
    MISSING_KEY,
    RATE_LIMIT_REQUESTS,
    RATE_LIMIT_TOKENS,
    SIMULATED_KEY_PREFIX,
    SIMULATED_MODELS,
    TOKENS_PER_REQUEST,
    UNKNOWN_PATH,
)
from troubleshooter.lib.redact import mask_key

logger = logging.getLogger(__name__)


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    behaviour: str | None = None


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
        if model not in SIMULATED_MODELS:
            return error_answer(
                CONDITIONS["404-model-not-found"], request_id=request_id, method=method, path=path, model=model
            )
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
        if answer.status == 200:
            answer.headers.update(self.server.rate_limits.headers_for(key))
        if self.server.latency_seconds:
            self.server.stopping.wait(self.server.latency_seconds)
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


class RateLimitWindow:
    """Per-key request counts in the current minute, told in the API's x-ratelimit-* headers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.minute = 0
        self.counts: dict[str, int] = {}

    def headers_for(self, key: str | None) -> dict[str, str]:
        now = time.time()
        with self.lock:
            if int(now // 60) != self.minute:
                self.minute, self.counts = int(now // 60), {}
            used = self.counts[key] = self.counts.get(key, 0) + 1
        reset_ms = int((60 - now % 60) * 1000)
        return {
            "x-ratelimit-limit-requests": str(RATE_LIMIT_REQUESTS),
            "x-ratelimit-limit-tokens": str(RATE_LIMIT_TOKENS),
            "x-ratelimit-remaining-requests": str(max(0, RATE_LIMIT_REQUESTS - used)),
            "x-ratelimit-remaining-tokens": str(max(0, RATE_LIMIT_TOKENS - used * TOKENS_PER_REQUEST)),
            "x-ratelimit-reset-requests": f"{reset_ms}ms",
            "x-ratelimit-reset-tokens": f"{reset_ms}ms",
        }


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # benchmarks open hundreds of connections at once

    def __init__(self, address, *, hang_seconds: float = DEFAULT_HANG_SECONDS, latency_ms: float = 0):
        self.hang_seconds = hang_seconds
        self.latency_seconds = latency_ms / 1000
        self.rate_limits = RateLimitWindow()
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


def make_server(
    *, host: str = "127.0.0.1", port: int = 0, hang_seconds: float = DEFAULT_HANG_SECONDS, latency_ms: float = 0
):
    """Bind the simulator to a loopback address; port 0 picks a free port; latency_ms delays every answer."""
    if not is_loopback(host):
        raise ValueError(f"The simulator only listens on loopback, not on {host!r}.")
    server_class = _IPv6SimulatorServer if ":" in host else SimulatorServer
    return server_class((host, port), hang_seconds=hang_seconds, latency_ms=latency_ms)


def start_in_thread(
    *, host: str = "127.0.0.1", port: int = 0, hang_seconds: float = DEFAULT_HANG_SECONDS, latency_ms: float = 0
):
    """A running simulator in a daemon thread; call ``server.shutdown()`` to stop it."""
    server = make_server(host=host, port=port, hang_seconds=hang_seconds, latency_ms=latency_ms)
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
