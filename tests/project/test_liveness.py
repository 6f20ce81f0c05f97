import redis

from tests.services import wait_until
from troubleshooter.liveness import heartbeat_key, heartbeat_record


def test_healthz_fails_while_no_worker_has_reported(client, broker, redis_url, db):
    redis.Redis.from_url(redis_url).delete(heartbeat_key())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "broker": True, "worker": False}


def test_healthz_fails_when_the_broker_is_unreachable(client, settings, db):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] is False


def test_another_instance_sharing_redis_does_not_vouch_for_our_worker(client, broker, redis_url, settings, db):
    settings.CACHE_KEY_PREFIX = "other-instance"
    heartbeat_record()
    settings.CACHE_KEY_PREFIX = "this-instance"
    redis.Redis.from_url(redis_url).delete(heartbeat_key())

    response = client.get("/healthz")

    assert response.json()["checks"]["worker"] is False


def test_healthz_turns_ok_once_a_real_worker_runs_the_heartbeat(client, celery_worker):
    from troubleshooter.tasks import heartbeat

    heartbeat.delay()

    assert wait_until(lambda: client.get("/healthz").status_code == 200, timeout=60, interval=0.5), (
        "worker never reported; its output:\n" + celery_worker.stop()
    )
    assert client.get("/healthz").json() == {
        "status": "ok",
        "checks": {"database": True, "broker": True, "worker": True},
    }


def test_healthz_refuses_other_methods_as_json(client, db):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "error" in response.json()
