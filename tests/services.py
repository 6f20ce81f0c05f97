"""Real services for integration tests: a private redis-server and a Celery worker process.

Each test session (each xdist worker) starts its own Redis on a free port, so
parallel runs never meet each other's queues (DEPENDENCIES.md pitfall 9).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


class PrivateRedis:
    def __init__(self):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed: run `make test`, which installs it.")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        if not wait_until(lambda: self._answers(client), timeout=10):
            self.stop()
            raise RuntimeError("the private redis-server did not start")

    @staticmethod
    def _answers(client):
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def database_url(settings_dict):
    """The URL of the database a test is using, for a worker process to open the same one."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = settings_dict["USER"], settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


class CeleryWorker:
    """`celery worker` as a child process, talking to the given broker and the test's database.

    ``include`` names extra modules of tasks the worker imports (``celery worker --include``).
    """

    def __init__(self, *, broker_url, queue, database_url, include=(), extra_env=None):
        env = {
            **os.environ,
            "REDIS_URL": broker_url,
            "CELERY_QUEUE": queue,
            "DATABASE_URL": database_url,
            "TESTING": "1",
            **(extra_env or {}),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "troubleshooter",
                "worker",
                "--pool",
                "solo",
                "--queues",
                queue,
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
                *(["--include", ",".join(include)] if include else []),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def stop(self):
        self.process.terminate()
        try:
            return self.process.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.communicate()[0]


def broker_connections_drop(app):
    """Forget every broker connection the Celery app and kombu hold, so the next send uses the new URL."""
    from kombu import pools

    pools.reset()  # kombu keeps producer pools per broker URL, process-wide
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
