"""The site under gunicorn as `make run` and the Procfile start it: slow clients, masked access log."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.services import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-proj-" + "Zk3" * 16 + "wxyz"


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    log = tmp_path / "access.log"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"TESTING"}},
        "DEBUG": "1",
        "PORT": str(port),
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ACCESS_LOG": str(log),
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "troubleshooter.wsgi", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    assert wait_until(lambda: _answers(url), timeout=30), "gunicorn did not start"
    yield url, log
    process.terminate()
    process.wait(timeout=20)


def _answers(url):
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code in (200, 503)
    except httpx.HTTPError:
        return False


def _trickling_client(url):
    """Sends headers announcing a body, then only a few bytes of it: the connection stays open."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    sock.sendall(
        b"POST /api/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100000\r\n\r\n{"text": "'
    )
    return sock


def test_two_slow_clients_do_not_stall_the_site(gunicorn):
    url, _log = gunicorn
    slow = [_trickling_client(url) for _ in range(2)]
    time.sleep(0.5)
    try:
        response = httpx.get(f"{url}/healthz", timeout=5)
    finally:
        for sock in slow:
            sock.close()

    assert response.status_code in (200, 503)
    assert response.json()["checks"]["database"] is True


def test_a_key_typed_into_a_get_form_is_masked_in_the_access_log(gunicorn):
    url, log = gunicorn

    httpx.get(f"{url}/healthz", params={"q": KEY}, timeout=5)

    assert wait_until(lambda: log.exists() and "?q=" in log.read_text(), timeout=10)
    written = log.read_text()
    assert KEY not in written
    assert "wxyz" in written  # the fingerprint stays, so two keys can be told apart
