"""Production mode: a missing secret stops with one sentence; behind TLS, `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# DJANGO_ALLOW_ASYNC_UNSAFE: tests/e2e/conftest.py sets it in every pytest process; production never has it.
PRODUCTION_FERNET_KEY = "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy1vayE="
PRODUCTION_KEYS = {"SECRET_KEY", "KEY_ENCRYPTION_KEYS", "DEBUG", "TESTING", "VAR_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args, env, tmp_path):
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_KEYS}
    base.update({"VAR_DIR": str(tmp_path), **env})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True)


def test_production_without_a_secret_stops_with_one_sentence(tmp_path):
    result = _manage("check", env={}, tmp_path=tmp_path)

    assert result.returncode != 0
    assert result.stderr.strip() == "Set SECRET_KEY in the environment: production mode has no default secret."


def test_the_deploy_check_is_clean_behind_a_tls_proxy(tmp_path):
    env = {
        "SECRET_KEY": "a-long-random-production-secret-" + "q7" * 30,
        "KEY_ENCRYPTION_KEYS": PRODUCTION_FERNET_KEY,
        "ALLOWED_HOSTS": "troubleshooter.example.com",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
    }

    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_behind_tls_plain_http_is_redirected_but_liveness_is_not(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.test import Client; c = Client();"
        "print(c.get('/api/errors', HTTP_HOST='t.example.com').status_code,"
        " c.get('/healthz', HTTP_HOST='t.example.com').status_code in (200, 503),"
        " c.get('/api/errors', HTTP_HOST='t.example.com', HTTP_X_FORWARDED_PROTO='https').has_header('Strict-Transport-Security'))"
    )
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_KEYS}
    env.update(
        {
            "VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "SECRET_KEY": "s" * 60,
            "KEY_ENCRYPTION_KEYS": PRODUCTION_FERNET_KEY,
            "ALLOWED_HOSTS": "t.example.com",
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
            "DJANGO_SETTINGS_MODULE": "troubleshooter.settings",
            "REDIS_URL": "redis://127.0.0.1:1/0",
        }
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)

    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.stdout.split() == ["301", "True", "True"], result.stderr
