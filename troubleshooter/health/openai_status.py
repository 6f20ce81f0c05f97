"""OpenAI's status page (Statuspage v2 JSON) polled by beat, and the "me or OpenAI?" verdict of a run.

The poll never fails anything: when the page cannot be read it records "unreachable", and
pages say "status unknown".
"""

from datetime import timedelta

import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from troubleshooter.health.models import StatusSnapshot
from troubleshooter.health.outbound import OutboundRefused, outbound_client
from troubleshooter.health.probe import TRANSIENT_CONDITIONS

STATUS_TIMEOUT = 5.0
MAX_STATUS_BYTES = 512 * 1024
SNAPSHOT_FRESH = timedelta(minutes=10)  # older than this, a snapshot says nothing about a run
# The transient conditions that are not about your own traffic or your own network.
OPENAI_SIDE = TRANSIENT_CONDITIONS - {"409-conflict", "429-rate-limit", "429-concurrent-limit", "connection-error"}
YOUR_SIDE_PREFIXES = ("401-", "403-", "404-model-not-found", "429-quota-exceeded", "organization-")
API_COMPONENT_WORDS = ("api", "chat", "completion", "responses", "model")


def status_poll(*, url=None) -> StatusSnapshot:
    """Read the status page once and store what it said (or that it could not be read)."""
    url = url or settings.OPENAI_STATUS_URL
    try:
        answer = outbound_client().get(url, timeout=httpx.Timeout(STATUS_TIMEOUT))
        answer.raise_for_status()
        if len(answer.content) > MAX_STATUS_BYTES:
            raise ValueError("status page too large")
        summary = answer.json()
        page_status = summary.get("status") or {}
        snapshot = StatusSnapshot(
            reachable=True,
            indicator=str(page_status.get("indicator", ""))[:20],
            description=str(page_status.get("description", ""))[:200],
            components=[
                {"name": str(c.get("name", "")), "status": str(c.get("status", ""))}
                for c in summary.get("components") or []
                if isinstance(c, dict)
            ],
            incidents=[
                {
                    "name": str(i.get("name", "")),
                    "status": str(i.get("status", "")),
                    "impact": str(i.get("impact", "")),
                    "components": [str(c.get("name", "")) for c in i.get("components") or [] if isinstance(c, dict)],
                }
                for i in summary.get("incidents") or []
                if isinstance(i, dict) and i.get("status") not in ("resolved", "postmortem")
            ],
        )
    except (httpx.HTTPError, OutboundRefused, ValueError, AttributeError, TypeError):
        snapshot = StatusSnapshot(reachable=False)
    snapshot.save()
    return snapshot


def status_at(when) -> StatusSnapshot | None:
    """The last readable snapshot within SNAPSHOT_FRESH before `when`, or None (status unknown)."""
    return (
        StatusSnapshot.objects.filter(reachable=True, fetched_at__lte=when, fetched_at__gte=when - SNAPSHOT_FRESH)
        .order_by("-fetched_at")
        .first()
    )


def api_incidents(snapshot: StatusSnapshot) -> list[dict]:
    """Open incidents that touch an API component (or name none, which may be all)."""

    def about_api(names):
        return not names or any(word in name.lower() for name in names for word in API_COMPONENT_WORDS)

    return [incident for incident in snapshot.incidents if about_api(incident["components"])]


def status_level(snapshot: StatusSnapshot | None) -> tuple[str, str]:
    """("unknown" | "incident" | "degraded" | "operational", the incident's name or the page's description)."""
    if snapshot is None:
        return "unknown", ""
    incidents = api_incidents(snapshot)
    if incidents:
        return "incident", incidents[0]["name"]
    if snapshot.indicator not in ("", "none"):
        return "degraded", snapshot.description
    return "operational", ""


def me_or_openai(*, condition: str, when) -> str | None:
    """One sentence for a failing run: on your side, or what OpenAI's status page said then."""
    if condition.startswith(YOUR_SIDE_PREFIXES):
        return _("This is on your side: the key, the account or its settings. OpenAI's status does not change it.")
    if condition not in OPENAI_SIDE:
        return None
    level, detail = status_level(status_at(when))
    return {
        "unknown": _("OpenAI's status is unknown for that time: its status page could not be read."),
        "incident": _("OpenAI reported an incident at that time: %(name)s.") % {"name": detail},
        "degraded": _("OpenAI's status page said: %(description)s.") % {"description": detail},
        "operational": _(
            "OpenAI reported no incident at that time: look between you and OpenAI (network, proxy, gateway)."
        ),
    }[level]


def openai_status_now() -> dict:
    """{"level", "text"}: what OpenAI's status page says now, in one sentence ("status unknown" when unread)."""
    level, detail = status_level(status_now())
    text = {
        "unknown": _("OpenAI's status is unknown: its status page has not been read in the last few minutes."),
        "incident": _("OpenAI reports an incident now: %(name)s.") % {"name": detail},
        "degraded": _("OpenAI's status page says: %(description)s.") % {"description": detail},
        "operational": _("OpenAI reports no incident now."),
    }[level]
    return {"level": level, "text": text}


def status_now() -> StatusSnapshot | None:
    return status_at(timezone.now())
