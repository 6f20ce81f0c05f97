"""The site's own liveness: the database, the broker, and a worker's heartbeat in Redis.

The heartbeat key carries ``CACHE_KEY_PREFIX``: two instances sharing one Redis never vouch
for each other's workers.
"""

import time

import redis
from django.conf import settings
from django.db import connection

HEARTBEAT_MAX_AGE_SECONDS = 60


def heartbeat_key():
    return f"{settings.CACHE_KEY_PREFIX}:worker-heartbeat"


def redis_client():
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def heartbeat_record(*, client=None):
    (client or redis_client()).set(heartbeat_key(), f"{time.time():.3f}", ex=HEARTBEAT_MAX_AGE_SECONDS * 2)


def heartbeat_age(*, client=None):
    """Seconds since the last heartbeat, or None when no worker has reported."""
    raw = (client or redis_client()).get(heartbeat_key())
    return None if raw is None else max(0.0, time.time() - float(raw))


def liveness_report():
    checks = {"database": _database_ok(), "broker": False, "worker": False}
    try:
        client = redis_client()
        checks["broker"] = bool(client.ping())
        age = heartbeat_age(client=client)
        checks["worker"] = age is not None and age <= HEARTBEAT_MAX_AGE_SECONDS
    except Exception:  # noqa: BLE001 - any broker failure means "not live"
        pass
    return checks


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any database failure means "not live"
        return False
