"""Alerts when a profile's state changes (failing, recovered): email, and a signed webhook.

The webhook is a JSON POST through the outbound guard, signed with HMAC-SHA256 over
"<timestamp>.<body>" (headers X-Troubleshooter-Timestamp and X-Troubleshooter-Signature:
sha256=<hex>), so the receiver can check it came from us and is fresh.
"""

import hashlib
import hmac
import json
import time

import httpx
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation

from troubleshooter.health.models import CheckRun, Profile, State
from troubleshooter.health.outbound import OutboundRefused, outbound_client
from troubleshooter.lib.redact import mask_secrets

WEBHOOK_TIMEOUT = 10.0
MAX_ALERT_BODY = 4000


class WebhookFailed(Exception):
    """The receiver did not take the webhook; ``permanent`` when trying again cannot help."""

    def __init__(self, message, *, permanent=False):
        super().__init__(message)
        self.permanent = permanent


def alert_payload(*, profile: Profile, run: CheckRun, previous: str) -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        guide = reverse("errors_kb:entry_detail", kwargs={"slug": run.condition}) if run.condition else None
        run_url = reverse("health:run_detail", kwargs={"run_id": run.pk})
    return {
        "event": "recovered" if run.outcome == State.HEALTHY else run.outcome,
        "profile": _profile_summary(profile),
        "state": profile.state,
        "previous_state": previous,
        "condition": run.condition or None,
        "guide_url": f"{settings.SITE_URL}{guide}" if guide else None,
        "run_url": f"{settings.SITE_URL}{run_url}",
        "status": run.http_status,
        "response_body": mask_secrets(run.body[:MAX_ALERT_BODY]),
    }


def _profile_summary(profile: Profile) -> dict:
    """What an alert says of the profile: never more of the key than its fingerprint."""
    return {"id": profile.pk, "name": profile.name, "base_url": profile.base_url, "key": profile.key_fingerprint}


def sample_payload(*, profile: Profile) -> dict:
    """What "send a test" posts: the shape of a real alert, marked as a test."""
    return {
        "event": "test",
        "profile": _profile_summary(profile),
        "state": profile.state,
        "previous_state": profile.state,
        "condition": profile.condition or None,
        "guide_url": None,
        "run_url": None,
        "status": None,
        "response_body": "",
    }


def signature_headers(*, secret: str, body: bytes, timestamp: int) -> dict:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Troubleshooter-Timestamp": str(timestamp),
        "X-Troubleshooter-Signature": f"sha256={digest}",
    }


def webhook_send(*, profile: Profile, payload: dict) -> int:
    """POST the payload to the profile's webhook; returns the status or raises WebhookFailed."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = signature_headers(secret=profile.webhook_secret(), body=body, timestamp=int(time.time()))
    try:
        answer = outbound_client().post(profile.webhook_url, content=body, headers=headers, timeout=WEBHOOK_TIMEOUT)
    except OutboundRefused as refused:
        raise WebhookFailed(str(refused), permanent=True) from None
    except httpx.HTTPError as error:
        raise WebhookFailed(f"{type(error).__name__}: {error}") from None
    if answer.status_code >= 500 or answer.status_code == 429:
        raise WebhookFailed(f"HTTP {answer.status_code}")
    if answer.status_code >= 300:
        raise WebhookFailed(f"HTTP {answer.status_code}", permanent=True)
    return answer.status_code


def alert_email(*, profile: Profile, payload: dict):
    subject = f"[Troubleshooter] {profile.name}: {payload['previous_state']} → {payload['state']}"
    lines = [
        f"{profile.name} ({profile.base_url}, {profile.key_fingerprint}) is now {payload['state']}.",
        f"Condition: {payload['condition'] or '-'}",
        f"What it means and how to fix it: {payload['guide_url'] or '-'}",
        f"The check: {payload['run_url']}",
        "",
        f"HTTP {payload['status'] or '-'}",
        payload["response_body"],
    ]
    send_mail(subject, "\n".join(lines), None, [profile.notify_email])
