"""The probe: the only module that speaks httpx to an API.

One check walks the stages DNS → TCP → TLS → GET /models → GET /models/{model} → (optional)
a one-token completion, stops at the first failure and returns one ``ProbeResult``. Every
failure is named by the diagnoser from the text the probe saw, exactly as a pasted error would
be, so a check and a paste give the same condition. No key is ever logged or kept: bodies pass
through ``mask_secrets`` and the key is only ever held by the ``ProbeTarget``.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from errors_kb.diagnose import diagnose_text
from troubleshooter.health.outbound import OutboundRefused, outbound_client, resolve_checked
from troubleshooter.lib.redact import mask_secrets

RECORDED_HEADERS = (
    "x-request-id",
    "openai-processing-ms",
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
    "x-ratelimit-limit-tokens",
    "x-ratelimit-remaining-tokens",
    "x-ratelimit-reset-tokens",
    "retry-after",
)
# Conditions that pass by themselves: worth checking again soon, and maybe on OpenAI's side.
TRANSIENT_CONDITIONS = frozenset(
    {
        "409-conflict",
        "429-rate-limit",
        "429-concurrent-limit",
        "500-server-error",
        "502-bad-gateway",
        "503-engine-overloaded",
        "503-slow-down",
        "503-service-unavailable",
        "504-gateway-timeout",
        "timeout",
        "connection-error",
    }
)
RATE_LIMITED_CONDITIONS = frozenset({"429-rate-limit", "429-concurrent-limit"})
LOW_HEADROOM = 0.10


@dataclass
class ProbeTarget:
    base_url: str
    api_key: str = field(repr=False)
    model: str = "gpt-4o-mini"
    flavor: str = "openai"
    api_version: str = ""
    organization: str = ""
    project: str = ""
    proxy_url: str = ""
    timeout: float = 20.0
    completion: bool = False

    @classmethod
    def from_profile(cls, profile):
        return cls(
            base_url=profile.base_url,
            api_key=profile.api_key(),
            model=profile.model,
            flavor=profile.flavor,
            api_version=profile.api_version,
            organization=profile.organization,
            project=profile.project,
            proxy_url=profile.proxy_url,
            timeout=profile.timeout_seconds,
            completion=profile.completion_check,
        )


@dataclass
class Stage:
    name: str  # dns, tcp, tls, models, model, completion
    ok: bool
    latency_ms: int
    detail: str = ""


@dataclass
class ProbeResult:
    outcome: str  # healthy, degraded, failing (the names of State)
    condition: str | None
    retryable: bool
    stages: list[Stage]
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: str = ""
    retry_after_seconds: float | None = None

    @property
    def latency_ms(self):
        return sum(stage.latency_ms for stage in self.stages)

    def rate_limit_headroom(self) -> float | None:
        """The smaller of remaining/limit for requests and tokens, when the API said."""
        ratios = []
        for kind in ("requests", "tokens"):
            try:
                limit = int(self.headers[f"x-ratelimit-limit-{kind}"])
                remaining = int(self.headers[f"x-ratelimit-remaining-{kind}"])
            except (KeyError, ValueError):
                continue
            if limit > 0:
                ratios.append(remaining / limit)
        return min(ratios) if ratios else None

    def as_dict(self):
        return {
            "outcome": self.outcome,
            "condition": self.condition,
            "retryable": self.retryable,
            "status": self.status,
            "latency_ms": self.latency_ms,
            "stages": [asdict(stage) for stage in self.stages],
            "headers": self.headers,
            "body": self.body,
            "retry_after_seconds": self.retry_after_seconds,
        }


class _Failed(Exception):
    """A stage failed; ``text`` is what a client would have printed, for the diagnoser."""

    def __init__(self, text, *, detail, status=None, headers=None, body=""):
        super().__init__(text)
        self.text, self.detail, self.status, self.headers, self.body = text, detail, status, headers or {}, body


def probe(target: ProbeTarget, *, on_stage=None) -> ProbeResult:
    """Check one connection, stage by stage; ``on_stage(stage)`` hears each stage as it ends."""
    stages: list[Stage] = []
    last = {"status": None, "headers": {}, "body": ""}

    def run(name, step):
        started = time.perf_counter()
        try:
            detail = step()
        except _Failed as failure:
            stage = Stage(name, False, _ms_since(started), failure.detail)
            stages.append(stage)
            if on_stage:
                on_stage(stage)
            raise
        stage = Stage(name, True, _ms_since(started), detail)
        stages.append(stage)
        if on_stage:
            on_stage(stage)

    url = urlsplit(target.base_url)
    via = urlsplit(target.proxy_url) if target.proxy_url else None
    host, port = (via or url).hostname or "", (via or url).port or (443 if (via or url).scheme == "https" else 80)
    try:
        addresses = []
        run("dns", lambda: _resolve(host, port, addresses, proxied=bool(via)))
        run("tcp", lambda: _connect(addresses[0], port, proxied=bool(via)))
        if url.scheme == "https" and not via:
            run("tls", lambda: _handshake(addresses[0], port, url.hostname))
        run("models", lambda: _get(target, "models", last))
        run("model", lambda: _get(target, f"models/{target.model}", last))
        if target.completion:
            run("completion", lambda: _complete(target, last))
    except _Failed as failure:
        return _failure_result(failure, stages)
    result = ProbeResult("healthy", None, False, stages, last["status"], last["headers"], last["body"])
    headroom = result.rate_limit_headroom()
    if result.latency_ms > settings.HEALTH_SLOW_MS or (headroom is not None and headroom < LOW_HEADROOM):
        result.outcome = "degraded"
    return result


def _failure_result(failure: _Failed, stages) -> ProbeResult:
    best = diagnose_text(failure.text, language="en").best
    condition = best.condition if best else None
    headers = failure.headers
    outcome = "degraded" if condition in RATE_LIMITED_CONDITIONS else "failing"
    return ProbeResult(
        outcome=outcome,
        condition=condition,
        retryable=condition in TRANSIENT_CONDITIONS,
        stages=stages,
        status=failure.status,
        headers=headers,
        body=failure.body,
        retry_after_seconds=retry_after_seconds(headers.get("retry-after")),
    )


def _ms_since(started):
    return round((time.perf_counter() - started) * 1000)


def _connection_text(cause: str) -> str:
    # What the openai library prints: the transport error, then APIConnectionError.
    return f"{cause}\n\nThe above exception was the direct cause of the following exception:\n\nopenai.APIConnectionError: Connection error."


_TIMEOUT_TEXT = "httpx.ReadTimeout: timed out\nopenai.APITimeoutError: Request timed out."


def _resolve(host, port, addresses, *, proxied):
    what = "proxy " if proxied else ""
    try:
        addresses.extend(resolve_checked(host, port))
    except socket.gaierror as error:
        detail = f"{what}{host}: {error.strerror}"
        raise _Failed(
            _connection_text(f"httpx.ConnectError: [Errno {error.errno}] {error.strerror}"), detail=detail
        ) from None
    except OutboundRefused as refused:
        raise _Failed(_connection_text(f"httpx.ConnectError: {refused}"), detail=str(refused)) from None
    return f"{what}{host} → {', '.join(addresses)}"


def _connect(address, port, *, proxied):
    what = "proxy " if proxied else ""
    try:
        socket.create_connection((address, port), timeout=settings.HEALTH_CONNECT_TIMEOUT).close()
    except TimeoutError:
        raise _Failed(_TIMEOUT_TEXT, detail=f"{what}{address}:{port}: connect timed out") from None
    except OSError as error:
        cause = f"httpx.ConnectError: [Errno {error.errno}] {error.strerror}"
        raise _Failed(_connection_text(cause), detail=f"{what}{address}:{port}: {error.strerror}") from None
    return f"{what}{address}:{port}"


def _handshake(address, port, hostname):
    context = ssl.create_default_context()
    try:
        with (
            socket.create_connection((address, port), timeout=settings.HEALTH_CONNECT_TIMEOUT) as raw,
            context.wrap_socket(raw, server_hostname=hostname) as tls,
        ):
            cert = tls.getpeercert()
            protocol = tls.version()
    except TimeoutError:
        raise _Failed(_TIMEOUT_TEXT, detail=f"{hostname}: TLS handshake timed out") from None
    except (ssl.SSLError, OSError) as error:
        reason = getattr(error, "verify_message", None) or getattr(error, "reason", None) or str(error)
        cause = f"httpx.ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] {reason}"
        raise _Failed(_connection_text(cause), detail=f"{hostname}: {reason}") from None
    subject = dict(item for rdn in cert.get("subject", ()) for item in rdn).get("commonName", "")
    return f"{protocol}, {subject}, valid until {cert.get('notAfter', '?')}"


def _headers(target: ProbeTarget) -> dict:
    azure = target.flavor == "azure"
    headers = {"api-key": target.api_key} if azure else {"Authorization": f"Bearer {target.api_key}"}
    if target.organization:
        headers["OpenAI-Organization"] = target.organization
    if target.project:
        headers["OpenAI-Project"] = target.project
    return headers


def _request(target: ProbeTarget, method, path, last, *, json=None):
    url = f"{target.base_url.rstrip('/')}/{path}"
    params = {"api-version": target.api_version} if target.flavor == "azure" and target.api_version else None
    timeout = httpx.Timeout(target.timeout, connect=min(target.timeout, settings.HEALTH_CONNECT_TIMEOUT))
    client = outbound_client(proxy=target.proxy_url)
    try:
        with client.stream(method, url, headers=_headers(target), params=params, json=json, timeout=timeout) as answer:
            body = _read_capped(answer)
    except httpx.TimeoutException:
        raise _Failed(_TIMEOUT_TEXT, detail=f"{method} /{path}: no answer within {target.timeout:g} s") from None
    except OutboundRefused as refused:
        raise _Failed(_connection_text(f"httpx.ConnectError: {refused}"), detail=str(refused)) from None
    except httpx.TransportError as error:
        cause = f"httpx.{type(error).__name__}: {mask_secrets(str(error)) or 'connection failed'}"
        raise _Failed(_connection_text(cause), detail=f"{method} /{path}: {cause}") from None
    headers = {name: answer.headers[name] for name in RECORDED_HEADERS if name in answer.headers}
    body = mask_secrets(body.decode("utf-8", "replace"))
    last.update(status=answer.status_code, headers=headers, body=body)
    if not answer.is_success:
        text = f"Error code: {answer.status_code} - {body}"
        raise _Failed(
            text,
            detail=f"{method} /{path}: HTTP {answer.status_code}",
            status=answer.status_code,
            headers=headers,
            body=body,
        ) from None
    return f"{method} /{path}: HTTP {answer.status_code}"


def _read_capped(answer: httpx.Response) -> bytes:
    cap, chunks, size = settings.HEALTH_MAX_BODY_BYTES, [], 0
    for chunk in answer.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= cap:
            break
    return b"".join(chunks)[:cap]


def _get(target, path, last):
    return _request(target, "GET", path, last)


def _complete(target, last):
    payload = {"model": target.model, "messages": [{"role": "user", "content": "ping"}], "max_completion_tokens": 1}
    return _request(target, "POST", "chat/completions", last, json=payload)


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
