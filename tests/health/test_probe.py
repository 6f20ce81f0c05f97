"""The probe, stage by stage, against real sockets on loopback and the simulator over HTTP."""

import datetime
import socket
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from errors_kb.diagnose import diagnose_text
from tests.errors_kb.test_diagnose_openai_library import accepted, raised_by_library
from tests.services import free_port
from troubleshooter.health.probe import ProbeTarget, probe
from troubleshooter.health.simulated_conditions import CONDITIONS, SIMULATED_KEY_PREFIX

pytestmark = pytest.mark.usefixtures("diagnose_rules")
HTTP_CONDITIONS = [slug for slug, answer in CONDITIONS.items() if "behaviour" not in answer]


def target(base_url, slug="ok", **fields):
    return ProbeTarget(base_url=base_url, api_key=f"{SIMULATED_KEY_PREFIX}{slug}", **fields)


def stage_names(result):
    return [(stage.name, stage.ok) for stage in result.stages]


def test_a_healthy_api_passes_every_stage(openai_simulator):
    result = probe(target(openai_simulator, completion=True))
    assert result.outcome == "healthy" and result.condition is None
    assert stage_names(result) == [
        ("dns", True),
        ("tcp", True),
        ("models", True),
        ("model", True),
        ("completion", True),
    ]
    assert result.headers["x-request-id"].startswith("req_")


def test_the_completion_is_not_sent_unless_asked(openai_simulator):
    assert "completion" not in [stage.name for stage in probe(target(openai_simulator)).stages]


@pytest.mark.parametrize("slug", HTTP_CONDITIONS)
def test_each_http_condition_gets_the_condition_its_pasted_library_error_gets(
    slug, openai_simulator, openai_client_for
):
    result = probe(target(openai_simulator, slug))
    assert result.condition in accepted(slug)
    pasted = diagnose_text(str(raised_by_library(openai_client_for(slug)))).best.condition
    assert result.condition == pasted
    assert result.outcome in {"failing", "degraded"}
    assert result.stages[-1].name == "models" and not result.stages[-1].ok
    assert result.status == CONDITIONS[slug]["status"]


def test_a_rate_limit_records_the_headers_and_the_retry_after(openai_simulator):
    result = probe(target(openai_simulator, "429-rate-limit"))
    assert result.outcome == "degraded" and result.retryable
    assert result.headers["x-ratelimit-remaining-tokens"] == "600"
    assert result.retry_after_seconds == 2.0
    assert result.rate_limit_headroom() == pytest.approx(0.02)


def test_an_auth_failure_is_not_retryable_and_its_body_shows_no_key(openai_simulator):
    key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"
    result = probe(ProbeTarget(base_url=openai_simulator, api_key=key, model="gpt-4o"))
    assert result.condition is None  # any other key answers like a healthy API
    result = probe(ProbeTarget(base_url=openai_simulator, api_key=f"{SIMULATED_KEY_PREFIX}401-incorrect-api-key"))
    assert result.condition == "401-incorrect-api-key" and not result.retryable
    assert "sk-sim-401-incorrect-api-key" not in result.body


def test_a_timeout_is_named_timeout(openai_simulator):
    result = probe(target(openai_simulator, "timeout", timeout=0.5))
    assert result.condition == "timeout" and result.retryable
    assert stage_names(result)[-1] == ("models", False)


def test_a_dropped_connection_is_a_connection_error(openai_simulator):
    assert probe(target(openai_simulator, "connection-error")).condition == "connection-error"


def test_a_name_that_does_not_resolve_fails_at_dns():
    result = probe(target("https://no-such-host.invalid/v1"))
    assert stage_names(result) == [("dns", False)]
    assert result.condition == "connection-error"


def test_a_refused_port_fails_at_tcp():
    result = probe(target(f"http://127.0.0.1:{free_port()}/v1"))
    assert stage_names(result) == [("dns", True), ("tcp", False)]
    assert result.condition == "connection-error"
    assert "refused" in result.stages[-1].detail.lower()


def test_a_proxy_that_refuses_fails_at_its_tcp_stage(openai_simulator):
    result = probe(target(openai_simulator, proxy_url=f"http://127.0.0.1:{free_port()}"))
    assert stage_names(result) == [("dns", True), ("tcp", False)]
    assert result.stages[-1].detail.startswith("proxy ")
    assert result.condition == "connection-error"


def test_a_private_address_is_refused_before_anything_is_sent(settings):
    settings.HEALTH_OUTBOUND_ALLOWED_HOSTS = []
    result = probe(target("http://10.0.0.1/v1"))
    assert stage_names(result) == [("dns", False)]
    assert "not a public address" in result.stages[0].detail
    assert result.condition == "connection-error"


@pytest.fixture
def self_signed_server():
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with open("/tmp/health-self-signed.pem", "wb") as pem:
        pem.write(cert.public_bytes(serialization.Encoding.PEM))
        pem.write(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    context.load_cert_chain("/tmp/health-self-signed.pem")
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            try:
                context.wrap_socket(connection, server_side=True).close()
            except (ssl.SSLError, OSError):
                connection.close()

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()


def test_a_self_signed_certificate_fails_at_tls(self_signed_server):
    result = probe(target(f"https://localhost:{self_signed_server}/v1"))
    assert stage_names(result)[-1] == ("tls", False)
    assert "self-signed" in result.stages[-1].detail
    assert result.condition == "connection-error"
