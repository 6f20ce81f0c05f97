"""Reads for the pages and the API: the dashboard's rows, sparklines, uptime, guide titles."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from troubleshooter.health.models import CheckRun, Profile, RunStatus, State

SPARK_RUNS = 30
SPARK_WIDTH, SPARK_HEIGHT = 120, 28


@dataclass
class DashboardRow:
    profile: Profile
    last_run: CheckRun | None
    sparkline: str  # SVG polyline points
    uptime_24h: float | None
    uptime_7d: float | None
    headroom: dict = field(default_factory=dict)  # requests/tokens -> (remaining, limit)


def sparkline_points(latencies: list[int]) -> str:
    """Points of a polyline (oldest left) scaled into SPARK_WIDTH × SPARK_HEIGHT."""
    if not latencies:
        return ""
    if len(latencies) == 1:
        latencies = latencies * 2  # one check draws a flat line, not an invisible point
    top = max(latencies) or 1
    step = SPARK_WIDTH / max(1, len(latencies) - 1)
    return " ".join(
        f"{round(i * step, 1)},{round(SPARK_HEIGHT - 2 - (value / top) * (SPARK_HEIGHT - 4), 1)}"
        for i, value in enumerate(latencies)
    )


def rate_limit_headroom(headers: dict) -> dict:
    headroom = {}
    for kind in ("requests", "tokens"):
        limit, remaining = headers.get(f"x-ratelimit-limit-{kind}"), headers.get(f"x-ratelimit-remaining-{kind}")
        if limit and remaining:
            headroom[kind] = (remaining, limit)
    return headroom


def uptime(profile: Profile, *, since) -> float | None:
    counts = CheckRun.objects.filter(profile=profile, status=RunStatus.DONE, created_at__gte=since).aggregate(
        total=Count("pk"), up=Count("pk", filter=~Q(outcome=State.FAILING))
    )
    return round(100 * counts["up"] / counts["total"], 1) if counts["total"] else None


def dashboard_rows(*, user, now) -> list[DashboardRow]:
    rows = []
    for profile in Profile.objects.owned_by(user):
        done = list(profile.runs.filter(status=RunStatus.DONE).only("latency_ms", "headers", "created_at")[:SPARK_RUNS])
        last_run = profile.runs.first()
        rows.append(
            DashboardRow(
                profile=profile,
                last_run=last_run,
                sparkline=sparkline_points([run.latency_ms or 0 for run in reversed(done)]),
                uptime_24h=uptime(profile, since=now - timedelta(hours=24)),
                uptime_7d=uptime(profile, since=now - timedelta(days=7)),
                headroom=rate_limit_headroom(done[0].headers) if done else {},
            )
        )
    return rows


def condition_titles(slugs) -> dict:
    """slug -> the guide entry's title in the active language."""
    from errors_kb.models import Entry

    return {entry.slug: entry.title for entry in Entry.objects.filter(slug__in=[s for s in slugs if s])}


STAGE_LABELS = {
    "dns": _("DNS resolution"),
    "tcp": _("TCP connection"),
    "tls": _("TLS handshake"),
    "models": _("Authenticated GET /models"),
    "model": _("Model access: GET /models/{model}"),
    "completion": _("One-token completion"),
}


def run_stages(run: CheckRun) -> list[dict]:
    """The run's stages with a label for people."""
    return [{**stage, "label": STAGE_LABELS.get(stage["name"], stage["name"])} for stage in run.stages]


def run_owned(*, user, run_id) -> CheckRun | None:
    """The user's own run with this id; None for a visitor, someone else's run or no such run."""
    if not user.is_authenticated or not str(run_id).isdigit():
        return None
    return CheckRun.objects.select_related("profile").filter(profile__owner=user, pk=run_id).first()
