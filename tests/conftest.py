import pytest

pytest_plugins = ["tests.simulator_fixtures"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached rules must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
