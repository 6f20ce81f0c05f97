"""Checks as work: start one, run one, fan out the due ones, reap the stuck ones.

Called by the tasks (ids in), the views and the tests; no web layer here.
"""

import logging
from dataclasses import asdict
from datetime import timedelta

import redis
from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis import RedisError

from troubleshooter.health.models import CheckRun, Profile, RunStatus, State, StatusSnapshot
from troubleshooter.health.notify import alert_email, alert_payload
from troubleshooter.health.probe import ProbeTarget, probe
from troubleshooter.health.secrets import InvalidToken

logger = logging.getLogger(__name__)


def check_request(*, profile: Profile) -> CheckRun:
    """A queued run for the profile; the task is sent once the run is committed."""
    with transaction.atomic():
        run = CheckRun.objects.create(profile=profile)
        transaction.on_commit(lambda: run_enqueue(profile_id=profile.pk, run_id=run.pk))
    return run


def run_enqueue(*, profile_id: int, run_id: int) -> bool:
    """Send a saved run to the workers; False while the queue does not answer (the run stays
    queued, and the reaper sends it again once the queue is back)."""
    from troubleshooter.health.tasks import run_check

    try:
        run_check.apply_async((profile_id, run_id), retry=False)
    except (KombuOperationalError, RedisError, OSError):
        logger.warning("Check run %s waits: the queue does not answer.", run_id)
        return False
    return True


def check_run(*, profile_id: int, run_id: int | None = None) -> CheckRun | None:
    """Probe one profile and record the result; a redelivered run starts over, a finished one is left."""
    profile = Profile.objects.filter(pk=profile_id).first()
    if profile is None:
        return None
    run = CheckRun.objects.filter(pk=run_id, profile=profile).first() if run_id else None
    if run is None:
        run = CheckRun.objects.create(profile=profile)
    elif run.finished:
        return run
    run.status, run.started_at, run.stages = RunStatus.RUNNING, timezone.now(), []
    run.save(update_fields=["status", "started_at", "stages"])
    try:
        target = ProbeTarget.from_profile(profile)
    except InvalidToken:
        logger.error("profile %s: no key of KEY_ENCRYPTION_KEYS opens its API key", profile.pk)
        return run_fail(run=run)

    def stage_done(stage):
        run.stages.append(asdict(stage))
        run.save(update_fields=["stages"])

    result = probe(target, on_stage=stage_done)
    now = timezone.now()
    run.status, run.finished_at = RunStatus.DONE, now
    run.outcome, run.condition, run.retryable = result.outcome, result.condition or "", result.retryable
    run.http_status, run.latency_ms, run.headers, run.body = (
        result.status,
        result.latency_ms,
        result.headers,
        result.body,
    )
    run.retry_after_seconds = result.retry_after_seconds
    with transaction.atomic():
        run.save()
        profile = Profile.objects.select_for_update().get(pk=profile.pk)
        previous = profile.record_outcome(outcome=result.outcome, condition=result.condition)
        profile.last_checked_at = now
        not_before = now + timedelta(seconds=result.retry_after_seconds) if result.retry_after_seconds else None
        profile.schedule_next(now=now, not_before=not_before)
        profile.save()
        if previous and previous != State.UNKNOWN and State.FAILING in (previous, profile.state):
            transaction.on_commit(lambda: alert_send(profile=profile, run=run, previous=previous))
    return run


def alert_send(*, profile: Profile, run: CheckRun, previous: str):
    """Tell the owner a profile started failing or recovered: email now, the webhook as a retried task."""
    from troubleshooter.health.tasks import send_webhook

    if profile.notify_email:
        alert_email(profile=profile, payload=alert_payload(profile=profile, run=run, previous=previous))
    if profile.webhook_url:
        send_webhook.delay(profile.pk, run.pk, previous)


def run_fail(*, run: CheckRun) -> CheckRun:
    run.status, run.finished_at = RunStatus.FAILED, timezone.now()
    run.save(update_fields=["status", "finished_at"])
    return run


def checks_due(*, now=None) -> int:
    """Queue a run for every profile whose schedule is due; returns how many."""
    now = now or timezone.now()
    started = 0
    with transaction.atomic():
        for profile in Profile.objects.due(now=now).select_for_update():
            profile.schedule_next(now=now)  # claimed: the next beat tick does not queue it again
            profile.save(update_fields=["next_check_at"])
            check_request(profile=profile)
            started += 1
    return started


def checks_all(*, owner=None) -> list[CheckRun]:
    """Check now every enabled profile (of one owner, or everyone's)."""
    profiles = Profile.objects.filter(enabled=True)
    if owner is not None:
        profiles = profiles.owned_by(owner)
    return [check_request(profile=profile) for profile in profiles]


def queue_answers() -> bool:
    """Whether the broker the checks are queued on answers right now (a one-second look)."""
    try:
        client = redis.Redis.from_url(current_app.conf.broker_url, socket_connect_timeout=1, socket_timeout=1)
        return bool(client.ping())
    except (RedisError, OSError):
        return False


def runs_reap(*, now=None) -> tuple[int, int]:
    """Send long-queued runs again (the queue may have been down), mark runs stuck running as
    failed, delete runs past retention; returns the failed and deleted counts."""
    now = now or timezone.now()
    stuck = CheckRun.objects.stuck(now=now)
    for run_id, profile_id in stuck.filter(status=RunStatus.QUEUED).values_list("pk", "profile_id"):
        run_enqueue(profile_id=profile_id, run_id=run_id)
    stuck = stuck.filter(status=RunStatus.RUNNING).update(status=RunStatus.FAILED, finished_at=now)
    expired, _ = CheckRun.objects.expired(now=now).delete()
    StatusSnapshot.objects.filter(fetched_at__lt=now - timedelta(days=settings.HEALTH_RETENTION_DAYS)).delete()
    return stuck, expired


def profile_schedule_start(*, profile: Profile):
    """A newly saved or re-scheduled profile gets its first scheduled check soon."""
    if profile.schedule_minutes and profile.enabled and profile.next_check_at is None:
        profile.next_check_at = timezone.now()
        profile.save(update_fields=["next_check_at"])
