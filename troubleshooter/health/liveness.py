"""What /healthz reports: the database, the broker and a worker's heartbeat."""

from django.db import connection

from troubleshooter.health.heartbeat import HEARTBEAT_MAX_AGE_SECONDS, heartbeat_age, redis_client


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
