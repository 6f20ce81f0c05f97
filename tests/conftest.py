import uuid

import pytest

from tests.services import CeleryWorker, PrivateRedis, database_url

pytest_plugins = ["tests.simulator_fixtures"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached rules must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request in another language leaves it active in the thread; every test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(scope="session")
def redis_url():
    server = PrivateRedis()
    yield server.url
    server.stop()


@pytest.fixture
def broker(redis_url, settings):
    """Point the settings and the Celery app at this session's private Redis."""
    from troubleshooter.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    settings.REDIS_URL = redis_url
    previous = (app.conf.broker_url, app.conf.task_default_queue)
    app.conf.broker_url = redis_url
    app.conf.task_default_queue = queue
    _drop_broker_connections(app)
    yield queue
    app.conf.broker_url, app.conf.task_default_queue = previous
    _drop_broker_connections(app)


def _drop_broker_connections(app):
    from kombu import pools

    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps producer pools per broker URL: the next test on the same Redis must not get the closed one.
    pools.reset()


@pytest.fixture
def celery_worker(broker, redis_url, transactional_db):
    """A real worker process on this test's queue, opening this test's database.

    Transactional: the worker sees only what the test has committed.
    """
    from django.db import connection

    worker = CeleryWorker(
        broker_url=redis_url,
        queue=broker,
        database_url=database_url(connection.settings_dict),
        include=["tests.worker_tasks"],
    )
    yield worker
    worker.stop()
