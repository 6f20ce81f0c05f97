"""The worker's heartbeat: a timestamp in Redis that /healthz reads."""

import time

import redis
from django.conf import settings

HEARTBEAT_KEY = "troubleshooter:worker-heartbeat"
HEARTBEAT_MAX_AGE_SECONDS = 60


def redis_client():
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def heartbeat_record(*, client=None):
    (client or redis_client()).set(HEARTBEAT_KEY, f"{time.time():.3f}", ex=HEARTBEAT_MAX_AGE_SECONDS * 2)


def heartbeat_age(*, client=None):
    """Seconds since the last heartbeat, or None when no worker has reported."""
    raw = (client or redis_client()).get(HEARTBEAT_KEY)
    return None if raw is None else max(0.0, time.time() - float(raw))
