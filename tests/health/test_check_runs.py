"""Check runs as work: a run records the probe, the state moves after N results, schedules and the reaper."""

from datetime import timedelta

import pytest
from django.utils import timezone

from troubleshooter.health import services
from troubleshooter.health.models import CheckRun, Profile, RunStatus, State
from troubleshooter.health.secrets import key_encrypt

pytestmark = pytest.mark.usefixtures("diagnose_rules")


def test_a_run_records_stages_headers_and_the_healthy_state(make_profile, openai_simulator):
    profile = make_profile(base_url=openai_simulator)
    run = services.check_run(profile_id=profile.pk)
    assert run.status == RunStatus.DONE and run.outcome == State.HEALTHY
    assert [stage["name"] for stage in run.stages] == ["dns", "tcp", "models", "model"]
    assert run.headers["x-ratelimit-limit-requests"] == "500"
    profile.refresh_from_db()
    assert profile.state == State.HEALTHY and profile.last_checked_at is not None


def test_a_failing_run_names_the_condition_and_keeps_the_body_without_the_key(make_profile, openai_simulator):
    profile = make_profile(base_url=openai_simulator, key="sk-sim-401-incorrect-api-key")
    run = services.check_run(profile_id=profile.pk)
    assert run.condition == "401-incorrect-api-key" and run.http_status == 401
    assert "invalid_api_key" in run.body and "sk-sim-401-incorrect-api-key" not in run.body
    profile.refresh_from_db()
    assert profile.state == State.FAILING and profile.condition == "401-incorrect-api-key"


def test_one_blip_does_not_change_the_state(make_profile, openai_simulator, settings):
    settings.HEALTH_STATE_AFTER = 2
    profile = make_profile(base_url=openai_simulator)
    services.check_run(profile_id=profile.pk)
    Profile.objects.filter(pk=profile.pk).update(key_ciphertext=key_encrypt("sk-sim-500-server-error"))
    services.check_run(profile_id=profile.pk)
    profile.refresh_from_db()
    assert profile.state == State.HEALTHY and profile.pending_state == State.FAILING
    services.check_run(profile_id=profile.pk)
    profile.refresh_from_db()
    assert profile.state == State.FAILING and profile.condition == "500-server-error"


def test_a_scheduled_check_waits_at_least_the_retry_after(make_profile, openai_simulator):
    profile = make_profile(base_url=openai_simulator, key="sk-sim-429-rate-limit", schedule_minutes=5)
    run = services.check_run(profile_id=profile.pk)
    profile.refresh_from_db()
    assert run.retry_after_seconds == 2
    assert profile.next_check_at >= run.finished_at + timedelta(minutes=5)
    profile.schedule_next(now=run.finished_at, not_before=run.finished_at + timedelta(hours=1))
    assert profile.next_check_at == run.finished_at + timedelta(hours=1)


def test_due_profiles_are_queued_once(make_profile, openai_simulator, django_capture_on_commit_callbacks):
    now = timezone.now()
    due = make_profile(name="due", base_url=openai_simulator, schedule_minutes=5, next_check_at=now)
    make_profile(name="later", schedule_minutes=5, next_check_at=now + timedelta(minutes=3))
    make_profile(name="off", schedule_minutes=0, next_check_at=now)
    make_profile(name="disabled", schedule_minutes=5, enabled=False, next_check_at=now)
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.checks_due(now=now) == 1
        assert services.checks_due(now=now) == 0
    assert len(callbacks) == 1
    assert list(CheckRun.objects.values_list("profile__name", flat=True)) == ["due"]
    assert Profile.objects.get(pk=due.pk).next_check_at == now + timedelta(minutes=5)


def test_a_finished_run_delivered_again_is_left_alone(make_profile, openai_simulator):
    profile = make_profile(base_url=openai_simulator)
    run = services.check_run(profile_id=profile.pk)
    again = services.check_run(profile_id=profile.pk, run_id=run.pk)
    assert again.pk == run.pk and again.finished_at == run.finished_at
    assert CheckRun.objects.count() == 1


def test_the_reaper_fails_stuck_runs_and_drops_old_history(make_profile, settings):
    settings.HEALTH_STUCK_MINUTES, settings.HEALTH_RETENTION_DAYS = 10, 30
    profile = make_profile()
    now = timezone.now()
    stuck = CheckRun.objects.create(profile=profile, status=RunStatus.RUNNING, created_at=now - timedelta(minutes=11))
    fresh = CheckRun.objects.create(profile=profile, status=RunStatus.RUNNING, created_at=now)
    CheckRun.objects.create(profile=profile, status=RunStatus.DONE, created_at=now - timedelta(days=31))
    assert services.runs_reap(now=now) == (1, 1)
    stuck.refresh_from_db(), fresh.refresh_from_db()
    assert stuck.status == RunStatus.FAILED and fresh.status == RunStatus.RUNNING


def test_a_check_asked_for_while_the_queue_is_down_is_kept_and_sent_once_it_is_back(
    make_profile, settings, broker, redis_url, django_capture_on_commit_callbacks
):
    from tests.services import broker_connections_drop
    from troubleshooter.celery import app

    settings.HEALTH_STUCK_MINUTES = 10
    profile = make_profile()
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    broker_connections_drop(app)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.check_request(profile=profile)  # no error: the run is saved and waits

    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    app.conf.broker_url = redis_url  # the queue is back
    broker_connections_drop(app)
    services.runs_reap(now=timezone.now() + timedelta(minutes=11))
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED  # sent again, not failed
    import redis as redis_library

    assert redis_library.Redis.from_url(redis_url).llen(app.conf.task_default_queue) == 1
