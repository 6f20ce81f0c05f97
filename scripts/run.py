"""`make run`: prepare the database and the guide, make sure Redis answers,
then run web, worker and beat together until Ctrl-C stops them all."""

import base64
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))

from system_packages import PURPOSES, ensure_packages  # noqa: E402


def manage(*args, env):
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def secret_key():
    path = VAR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def key_encryption_keys():
    """A development Fernet key for stored API keys (Fernet keys are 32 url-safe base64 bytes)."""
    path = VAR / "key_encryption_keys"
    if not path.exists():
        path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


def redis_answers(url):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def spare_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def private_redis_command(port):
    return f"redis-server --bind 127.0.0.1 --port {port} --save '' --appendonly no --dir {VAR} --logfile ''"


def main():
    ensure_packages(PURPOSES["run"])
    VAR.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secret_key(),
        "KEY_ENCRYPTION_KEYS": os.environ.get("KEY_ENCRYPTION_KEYS") or key_encryption_keys(),
    }
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    port = env.get("PORT", "8000")
    processes = {}

    if not redis_answers(env["REDIS_URL"]):
        if shutil.which("redis-server") is None:
            ensure_packages(["redis-server"])
        redis_port = spare_port()
        print(f"No Redis answered at {urlparse(env['REDIS_URL']).netloc}; starting a private one on port {redis_port}.")
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        processes["redis"] = private_redis_command(redis_port)

    manage("compilemessages", "--ignore=.venv", "--verbosity", "0", env=env)
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
    manage("load_guide", env=env)
    manage("load_wizard", env=env)
    manage("ensure_admin", env=env)

    processes["web"] = f"{BIN}/gunicorn troubleshooter.wsgi --config gunicorn.conf.py"
    processes["worker"] = f"{BIN}/celery -A troubleshooter worker --concurrency 2 --loglevel INFO -Q " + env.get(
        "CELERY_QUEUE", "troubleshooter"
    )
    processes["beat"] = f"{BIN}/celery -A troubleshooter beat --loglevel INFO"
    print(f"Troubleshooter: http://127.0.0.1:{port}/  (Ctrl-C stops everything)", flush=True)

    from honcho.manager import Manager

    manager = Manager()
    for name, command in processes.items():
        manager.add_process(name, command, env=env, cwd=str(ROOT))
    manager.loop()
    sys.exit(manager.returncode)


if __name__ == "__main__":
    main()
