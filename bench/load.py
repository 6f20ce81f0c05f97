"""50 concurrent users against gunicorn with PostgreSQL: requests/s, p50 and p99 per page, 0 errors.

Starts what it measures: a private redis-server, a fresh PostgreSQL database (the guide and,
when the apps are installed, the wizard flow loaded), static files collected, and gunicorn with
the project's own `gunicorn.conf.py`, in production mode (DEBUG off). The users run in this
process with httpx. A trivial page that extends base.html (the site's 404 page) is requested in
the same mix, so every page's share of it comes from the same run on the same machine.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--database-url postgres://…]

Needs PostgreSQL (default postgres://postgres@127.0.0.1:5432/); prints the figure last.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services import PrivateRedis, free_port, wait_until  # noqa: E402

BENCH_DATABASE = "troubleshooter_load_bench"
TRIVIAL = "trivial (404 page on base.html)"
DIAGNOSE_TEXT = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please "
    "check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': "
    "'insufficient_quota'}}"
)
# name -> (method, path, form data); optional pages join the mix only when their app is routed.
PAGES = {
    TRIVIAL: ("GET", "/en/no-such-page/", None),
    "home": ("GET", "/ko/", None),
    "guide index": ("GET", "/zh-hans/errors/", None),
    "guide search": ("GET", "/ko/errors/?q=%EC%8B%9C%EA%B0%84%20%EC%B4%88%EA%B3%BC", None),
    "guide entry": ("GET", "/en/errors/429-quota-exceeded/", None),
    "guide compare": ("GET", "/en/errors/429-rate-limit/?compare=zh-hans", None),
    "api entry": ("GET", "/api/errors/429-rate-limit?lang=ko", None),
    "diagnose": ("POST", "/en/diagnose/", {"text": DIAGNOSE_TEXT}),
}
OPTIONAL_PAGES = {
    "wizard": ("GET", "/en/wizard/", None),
    "ticket form": ("GET", "/en/tickets/new/", None),
}
EXPECTED = {TRIVIAL: 404}


def fresh_database(admin_url):
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return admin_url.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepared_environment(*, database_url, redis_url, var_dir, port):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}}
    env.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "VAR_DIR": var_dir,
            "SECRET_KEY": "load-bench-" + "k" * 50,
            "KEY_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "PORT": str(port),
            "ACCESS_LOG": os.devnull,
            "RATE_LIMIT_DIAGNOSE": "1000000/m",  # the limit is not what is measured here
            "LOG_LEVEL": "ERROR",
        }
    )
    manage("migrate", "--no-input", env=env)
    manage("collectstatic", "--no-input", env=env)
    manage("compilemessages", "--ignore=.venv", env=env)
    manage("load_guide", env=env)
    if (ROOT / "troubleshooter" / "wizard").exists():
        manage("load_wizard", env=env)
    return env


async def user(client, pages, deadline, timings, errors):
    names = list(pages)
    turn = 0
    while time.monotonic() < deadline:
        name = names[turn % len(names)]
        turn += 1
        method, path, data = pages[name]
        started = time.perf_counter()
        try:
            response = await client.request(method, path, data=data)
            outcome = response.status_code
        except httpx.HTTPError as error:
            outcome = type(error).__name__
        elapsed = time.perf_counter() - started
        if outcome == EXPECTED.get(name, 200):
            timings[name].append(elapsed)
        else:
            errors[name].append(outcome)


async def run_load(base_url, pages, *, users, seconds):
    timings = {name: [] for name in pages}
    errors = {name: [] for name in pages}
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(user(client, pages, deadline, timings, errors) for _ in range(users)))
    return timings, errors


def routed(base_url, path):
    return httpx.get(base_url + path, timeout=10).status_code != 404


def percentile(values, share):
    return statistics.quantiles(values, n=100)[share - 1] if len(values) > 1 else (values or [0])[0]


def report(timings, errors, seconds):
    trivial_p50 = statistics.median(timings[TRIVIAL])
    print(f"{'page':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'share':>7}")
    for name, values in timings.items():
        p50 = statistics.median(values) if values else float("nan")
        print(
            f"{name:34} {len(values) / seconds:8.1f} {p50 * 1000:8.1f} {percentile(values, 99) * 1000:8.1f} "
            f"{len(errors[name]):7d} {trivial_p50 / p50:7.0%}"
            + (f"  ({', '.join(map(str, sorted(set(errors[name]), key=str)))})" if errors[name] else "")
        )
    total = sum(len(v) for v in timings.values())
    slowest = min((n for n in timings if n != TRIVIAL), key=lambda n: trivial_p50 / statistics.median(timings[n]))
    share = trivial_p50 / statistics.median(timings[slowest])
    print(
        f"load: {total / seconds:.0f} requests/s for {seconds} s, {sum(map(len, errors.values()))} errors; "
        f"slowest page ({slowest}) at {share:.0%} of the trivial page"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    arguments = parser.parse_args()

    redis = PrivateRedis()
    port = free_port()
    with tempfile.TemporaryDirectory() as var_dir:
        env = prepared_environment(
            database_url=fresh_database(arguments.database_url), redis_url=redis.url, var_dir=var_dir, port=port
        )
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "troubleshooter.wsgi", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            if not wait_until(lambda: _answers(base_url), timeout=30):
                raise SystemExit("gunicorn did not start")
            pages = {**PAGES, **{n: p for n, p in OPTIONAL_PAGES.items() if routed(base_url, p[1])}}
            timings, errors = asyncio.run(run_load(base_url, pages, users=arguments.users, seconds=arguments.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
            redis.stop()
    report(timings, errors, arguments.seconds)


def _answers(base_url):
    try:
        return httpx.get(base_url + "/healthz", timeout=2).status_code in (200, 503)
    except httpx.HTTPError:
        return False


if __name__ == "__main__":
    main()
