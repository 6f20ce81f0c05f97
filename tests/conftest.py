import uuid

import pytest

from tests.services import CeleryWorker, PrivateRedis, broker_connections_drop, database_url

pytest_plugins = ["tests.simulator_fixtures"]


# The shipped guide and the diagnoser's vocabulary are loaded once per test session (once per
# xdist worker) into the test database, before any test runs. Every test runs in a transaction
# that is rolled back, so each one sees the whole guide and leaves it as it was.
def _shipped_guide_load():
    from errors_kb.guide_file import guide_read_file
    from errors_kb.guide_loading import guide_load
    from errors_kb.vocabulary_file import vocabulary_read_file
    from errors_kb.vocabulary_loading import vocabulary_load

    report = guide_load(data=guide_read_file())
    assert report.ok, report.errors
    report = vocabulary_load(data=vocabulary_read_file())
    assert report.ok and not report.unknown_entries, (report.errors, report.unknown_entries)


def shipped_guide_ensure():
    """Load the shipped guide unless the database holds it: a transactional test flushes it when it ends."""
    from errors_kb.models import Entry

    if not Entry.objects.exists():
        _shipped_guide_load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _shipped_guide_load()


@pytest.fixture
def shipped_guide(db):
    """Slugs of the shipped guide, which the database holds.

    A ``transaction=True`` test flushes the database when it ends (pytest-django runs
    those last); a test after one loads the guide again, inside its own transaction.
    """
    from errors_kb.models import Entry

    shipped_guide_ensure()
    return set(Entry.objects.values_list("slug", flat=True))


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached rules must not leak between tests.

    The diagnoser also keeps its compiled rules per process, read against the shared stamp
    at most once a second: a rolled-back edit of an earlier test must not linger there.
    """
    from django.core.cache import cache

    from errors_kb.diagnosis import rules

    cache.clear()
    rules._rules_forget()
    yield
    cache.clear()
    rules._rules_forget()


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
    broker_connections_drop(app)
    yield queue
    app.conf.broker_url, app.conf.task_default_queue = previous
    broker_connections_drop(app)


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
