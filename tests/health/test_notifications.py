"""Alerts on a change of state: email, and a webhook signed with HMAC-SHA256, retried, with "send a test"."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail

from troubleshooter.health import services, tasks
from troubleshooter.health.models import Profile
from troubleshooter.health.notify import WebhookFailed, sample_payload, webhook_send
from troubleshooter.health.secrets import key_encrypt

pytestmark = pytest.mark.usefixtures("diagnose_rules")


@pytest.fixture
def receiver():
    """A webhook receiver on loopback: answers the queued statuses in turn (then 200), keeps what it got."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            server.received.append((dict(self.headers), body))
            self.send_response(server.statuses.pop(0) if server.statuses else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.received, server.statuses = [], []
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def verified(profile, headers, body):
    signed = f"{headers['X-Troubleshooter-Timestamp']}.".encode() + body
    expected = hmac.new(profile.webhook_secret().encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers["X-Troubleshooter-Signature"], f"sha256={expected}")


@pytest.fixture
def webhooks_run_here(monkeypatch):
    """The webhook task runs in this process (eagerly, retries included) instead of on a worker."""
    monkeypatch.setattr(tasks.send_webhook, "delay", lambda *args: tasks.send_webhook.apply(args=args))


def check(profile, key, django_capture_on_commit_callbacks):
    Profile.objects.filter(pk=profile.pk).update(key_ciphertext=key_encrypt(key))
    with django_capture_on_commit_callbacks(execute=True):
        return services.check_run(profile_id=profile.pk)


def test_failing_and_recovering_send_an_email_and_a_signed_webhook_once_each(
    make_profile, openai_simulator, receiver, webhooks_run_here, django_capture_on_commit_callbacks, settings
):
    settings.HEALTH_STATE_AFTER = 2
    profile = make_profile(base_url=openai_simulator, notify_email="ops@example.com", webhook_url=receiver.url)
    check(profile, "sk-sim-ok", django_capture_on_commit_callbacks)
    for _ in range(3):
        check(profile, "sk-sim-503-service-unavailable", django_capture_on_commit_callbacks)
    for _ in range(2):
        check(profile, "sk-sim-ok", django_capture_on_commit_callbacks)

    assert [json.loads(body)["event"] for _headers, body in receiver.received] == ["failing", "recovered"]
    headers, body = receiver.received[0]
    alert = json.loads(body)
    profile.refresh_from_db()
    assert verified(profile, headers, body)
    assert alert["condition"] == "503-service-unavailable"
    assert alert["guide_url"].endswith("/en/errors/503-service-unavailable/")
    assert "service_unavailable" in alert["response_body"]
    assert [message.to for message in mail.outbox] == [["ops@example.com"], ["ops@example.com"]]
    assert "503-service-unavailable" in mail.outbox[0].body


def test_a_webhook_the_receiver_fails_is_retried_until_taken(make_profile, receiver, db):
    profile = make_profile(webhook_url=receiver.url)
    run = profile.runs.create(outcome="failing", condition="500-server-error", status="done")
    receiver.statuses = [503, 502]
    tasks.send_webhook.apply(args=(profile.pk, run.pk, "healthy"))
    assert len(receiver.received) == 3
    profile.refresh_from_db()
    assert all(verified(profile, headers, body) for headers, body in receiver.received)


def test_a_webhook_to_a_private_address_is_refused_for_good(make_profile, settings):
    settings.HEALTH_OUTBOUND_ALLOWED_HOSTS = []
    profile = make_profile(webhook_url="http://10.0.0.7/hook")
    with pytest.raises(WebhookFailed) as failure:
        webhook_send(profile=profile, payload=sample_payload(profile=profile))
    assert failure.value.permanent


def test_send_a_test_posts_a_signed_test_event_and_says_so(make_profile, receiver, client, user):
    profile = make_profile(webhook_url=receiver.url)
    client.force_login(user)
    response = client.post(f"/en/health/profiles/{profile.pk}/webhook-test/", follow=True)
    headers, body = receiver.received[0]
    profile.refresh_from_db()
    assert json.loads(body)["event"] == "test" and verified(profile, headers, body)
    assert "The test webhook was delivered (HTTP 200)." in response.content.decode()
    assert profile.webhook_secret() in response.content.decode()
