"""Fixtures that run simulate_openai on loopback for tests.

    def test_it_reports_quota(openai_simulator, openai_client_for):
        client = openai_client_for("429-quota-exceeded")   # official library, no retries
        ...

``openai_simulator`` is the base URL ("http://127.0.0.1:PORT/v1") of one
simulator per test session (per xdist worker). ``openai_client_for(slug)``
returns an ``openai.OpenAI`` whose key ``sk-sim-<slug>`` picks the answer;
``"ok"`` or any unknown slug gets a healthy API.
"""

import pytest

from troubleshooter.health.simulated_conditions import SIMULATED_KEY_PREFIX
from troubleshooter.health.simulator import start_in_thread

# Long enough for any client timeout in the suite, short enough to free threads soon.
TEST_HANG_SECONDS = 10.0


@pytest.fixture(scope="session")
def openai_simulator():
    server = start_in_thread(host="127.0.0.1", port=0, hang_seconds=TEST_HANG_SECONDS)
    try:
        yield server.base_url
    finally:
        server.shutdown()
        server.server_close()


def make_openai_client(base_url, slug, *, timeout=2.0):
    """The official library pointed at the simulator: no retries, no proxy from the environment."""
    import openai

    return openai.OpenAI(
        base_url=base_url,
        api_key=f"{SIMULATED_KEY_PREFIX}{slug}",
        max_retries=0,
        timeout=timeout,
        # HTTP(S)_PROXY in the environment must not route loopback through a proxy.
        http_client=openai.DefaultHttpxClient(trust_env=False),
    )


@pytest.fixture
def openai_client_for(openai_simulator):
    clients = []

    def client_for(slug, *, timeout=2.0):
        client = make_openai_client(openai_simulator, slug, timeout=timeout)
        clients.append(client)
        return client

    yield client_for
    for client in clients:
        client.close()
