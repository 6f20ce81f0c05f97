"""OpenAI's status page in Statuspage v2 JSON, served on loopback, and the "me or OpenAI?" verdict."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from tests.services import free_port
from troubleshooter.health.openai_status import me_or_openai, status_poll

COMPONENTS = [{"name": "API", "status": "operational"}, {"name": "ChatGPT", "status": "operational"}]


def summary(indicator, description, *, api_status="operational", incidents=()):
    components = [dict(COMPONENTS[0], status=api_status), COMPONENTS[1]]
    return {
        "page": {"id": "openai", "name": "OpenAI", "url": "https://status.openai.com"},
        "status": {"indicator": indicator, "description": description},
        "components": components,
        "incidents": list(incidents),
        "scheduled_maintenances": [],
    }


INCIDENT = {
    "name": "Elevated error rates on the API",
    "status": "investigating",
    "impact": "major",
    "components": [{"name": "API", "status": "major_outage"}],
}
PAGES = {
    "operational": summary("none", "All Systems Operational"),
    "degraded": summary("minor", "Minor Service Outage", api_status="degraded_performance"),
    "partial": summary("major", "Partial System Outage", api_status="partial_outage"),
    "major": summary("critical", "Major System Outage", api_status="major_outage"),
    "incident": summary("major", "Partial System Outage", api_status="major_outage", incidents=[INCIDENT]),
}


@pytest.fixture(scope="module")
def status_server():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps(PAGES[self.path.strip("/")]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("page", "indicator", "api_status"),
    [
        ("operational", "none", "operational"),
        ("degraded", "minor", "degraded_performance"),
        ("partial", "major", "partial_outage"),
        ("major", "critical", "major_outage"),
    ],
)
def test_each_page_state_is_stored(page, indicator, api_status, status_server, db):
    snapshot = status_poll(url=f"{status_server}/{page}")
    assert snapshot.reachable and snapshot.indicator == indicator
    assert snapshot.components[0] == {"name": "API", "status": api_status}


def test_an_unreachable_status_page_is_status_unknown_and_fails_nothing(db):
    snapshot = status_poll(url=f"http://127.0.0.1:{free_port()}/summary.json")
    assert not snapshot.reachable
    verdict = me_or_openai(condition="500-server-error", when=timezone.now())
    assert "unknown" in verdict


def test_a_server_error_during_an_api_incident_names_the_incident(status_server, db):
    status_poll(url=f"{status_server}/incident")
    verdict = me_or_openai(condition="503-service-unavailable", when=timezone.now())
    assert "Elevated error rates on the API" in verdict


def test_a_timeout_while_openai_reports_nothing_points_between_you_and_openai(status_server, db):
    status_poll(url=f"{status_server}/operational")
    assert "no incident" in me_or_openai(condition="timeout", when=timezone.now())


def test_an_auth_or_quota_failure_is_plainly_on_your_side(status_server, db):
    status_poll(url=f"{status_server}/incident")
    for condition in ("401-incorrect-api-key", "429-quota-exceeded", "403-unsupported-region"):
        assert "on your side" in me_or_openai(condition=condition, when=timezone.now())


def test_the_run_page_says_me_or_openai_and_the_dashboard_shows_the_status(
    status_server, client, user, make_profile, openai_simulator, diagnose_rules
):
    from troubleshooter.health import services

    status_poll(url=f"{status_server}/incident")
    run = services.check_run(profile_id=make_profile(base_url=openai_simulator, key="sk-sim-500-server-error").pk)
    client.force_login(user)
    assert "Elevated error rates on the API" in client.get(f"/en/health/runs/{run.pk}/").content.decode()
    assert "Partial System Outage" in client.get("/en/health/").content.decode()
