"""Checks run by a real Celery worker process against simulate_openai over HTTP, seen on the pages.

Also: a worker killed with SIGKILL mid-check leaves the check to the next worker, and a checked
key is found nowhere: logs, the Redis keyspace, the database dump (but its ciphertext), pages, API.
"""

import logging
import sqlite3
import time

import pytest
import redis
from django.db import connection

from tests.services import CeleryWorker, database_url, wait_until
from troubleshooter.health import services
from troubleshooter.health.models import CheckRun, RunStatus
from troubleshooter.health.simulator import start_in_thread
from troubleshooter.health.tokens import token_issue

pytestmark = pytest.mark.usefixtures("diagnose_rules")
VISIBILITY_TIMEOUT = 3
CANARY_KEY = "sk-proj-LeakCanary0123456789abcdefghijKLMN"


def finished(run):
    run.refresh_from_db()
    return run.finished


def test_a_saved_profile_is_checked_by_the_worker_and_its_verdict_is_on_the_dashboard(
    celery_worker, make_profile, client, user, openai_simulator
):
    profile = make_profile(base_url=openai_simulator, key="sk-sim-429-quota-exceeded")
    run = services.check_request(profile=profile)
    assert wait_until(lambda: finished(run), timeout=60), celery_worker.stop()
    assert run.status == RunStatus.DONE and run.condition == "429-quota-exceeded"
    client.force_login(user)
    dashboard = client.get("/en/health/").content.decode()
    assert 'href="/en/errors/429-quota-exceeded/"' in dashboard
    assert "Failing" in dashboard
    run_page = client.get(f"/ko/health/runs/{run.pk}/").content.decode()
    assert "/ko/errors/429-quota-exceeded/" in run_page and "insufficient_quota" in run_page


@pytest.fixture
def slow_simulator():
    server = start_in_thread(latency_ms=1500, hang_seconds=5)
    yield server.base_url
    server.shutdown()
    server.server_close()


def delivered_longer_ago_than(url, seconds):
    deliveries = redis.Redis.from_url(url).zrange("unacked_index", 0, -1, withscores=True)
    return bool(deliveries) and time.time() - min(score for _tag, score in deliveries) > seconds


def test_a_check_whose_worker_is_killed_mid_check_completes_on_a_new_worker(
    broker, redis_url, transactional_db, make_profile, slow_simulator
):
    def start_worker():
        return CeleryWorker(
            broker_url=redis_url,
            queue=broker,
            database_url=database_url(connection.settings_dict),
            extra_env={"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)},
        )

    profile = make_profile(base_url=slow_simulator)
    first = start_worker()
    try:
        run = services.check_request(profile=profile)
        assert wait_until(lambda: CheckRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).exists(), timeout=60)
        first.process.kill()
        first.process.wait(timeout=10)
        run.refresh_from_db()
        assert run.status == RunStatus.RUNNING  # killed before it could finish
    finally:
        first.stop()
    # A new worker hands out again, when it starts, what was delivered longer than the visibility timeout ago.
    assert wait_until(lambda: delivered_longer_ago_than(redis_url, VISIBILITY_TIMEOUT + 0.5), timeout=30)
    second = start_worker()
    try:
        assert wait_until(lambda: finished(run), timeout=90), second.stop()
    finally:
        second.stop()
    assert run.status == RunStatus.DONE and run.outcome == "healthy"
    assert [stage["name"] for stage in run.stages] == ["dns", "tcp", "models", "model"]


def redis_keyspace_text(url):
    client = redis.Redis.from_url(url)
    parts = []
    for key in client.scan_iter(count=1000):
        kind = client.type(key).decode()
        parts.append(key.decode("utf-8", "replace"))
        if kind == "string":
            parts.append(repr(client.get(key)))
        elif kind == "list":
            parts.extend(map(repr, client.lrange(key, 0, -1)))
        elif kind == "hash":
            parts.extend(map(repr, client.hgetall(key).items()))
        elif kind == "set":
            parts.extend(map(repr, client.smembers(key)))
        elif kind == "zset":
            parts.extend(map(repr, client.zrange(key, 0, -1)))
    return "\n".join(parts)


def test_a_checked_key_is_nowhere_but_in_its_ciphertext(
    celery_worker, make_profile, client, user, openai_simulator, redis_url, caplog
):
    caplog.set_level(logging.DEBUG)
    profile = make_profile(base_url=openai_simulator, key=CANARY_KEY)
    run = services.check_request(profile=profile)
    assert wait_until(lambda: finished(run), timeout=60)
    client.force_login(user)
    pages = [
        client.get(url).content.decode()
        for url in ("/en/health/", f"/en/health/profiles/{profile.pk}/edit/", f"/en/health/runs/{run.pk}/")
    ]
    api = client.get("/api/health/profiles").content.decode()
    api += client.post(
        f"/api/health/profiles/{profile.pk}/check",
        headers={"Authorization": f"Bearer {token_issue(user=user, name='leak')}"},
    ).content.decode()
    assert wait_until(lambda: CheckRun.objects.filter(status=RunStatus.DONE).count() == 2, timeout=60)
    worker_log = celery_worker.stop()
    dump = "\n".join(sqlite3.connect(connection.settings_dict["NAME"]).iterdump())
    ciphertext = profile.key_ciphertext

    assert "sk-…KLMN" in pages[0] and "sk-…KLMN" in api
    for where, text in {
        "captured logs": caplog.text,
        "worker log": worker_log,
        "redis keyspace": redis_keyspace_text(redis_url),
        "database dump": dump.replace(ciphertext, ""),
        "pages": "\n".join(pages),
        "api": api,
    }.items():
        assert CANARY_KEY not in text, where
        assert CANARY_KEY[8:30] not in text, where
