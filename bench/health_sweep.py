"""How long a sweep of many connection profiles takes, against the ideal and a sequential openai loop.

Starts `manage.py simulate_openai --latency MS` in its own process, then probes PROFILES targets
(each a distinct healthy key: DNS, TCP, GET /models, GET /models/{model}, as a check runs them)
with CONCURRENCY threads sharing the probe's one long-lived client. The ideal is
per-check latency (two answers of MS each) × profiles ÷ concurrency. The baseline is the
official `openai` library making the same two calls profile after profile, measured on
--openai-sample profiles and scaled to all of them (a full sequential loop takes minutes).

    .venv/bin/python bench/health_sweep.py [--profiles 500] [--latency 200] [--concurrency 50]
"""

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ["TESTING"] = "1"  # the development allow-list lets the probe call the simulator on loopback
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "troubleshooter.settings")
REQUESTS_PER_CHECK = 2  # GET /models and GET /models/{model}


def start_simulator(latency_ms):
    process = subprocess.Popen(
        [sys.executable, "manage.py", "simulate_openai", "--port", "0", "--latency", str(latency_ms)],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "LOG_LEVEL": "WARNING"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    first_line = process.stdout.readline().strip()  # "Simulating the OpenAI API at http://…/v1"
    return process, first_line.rsplit(" ", 1)[-1]


def sweep(base_url, *, profiles, concurrency):
    from troubleshooter.health.probe import ProbeTarget, probe

    targets = [ProbeTarget(base_url=base_url, api_key=f"sk-bench-{i:06d}-abcdefghijklmnop") for i in range(profiles)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(probe, targets))
    elapsed = time.perf_counter() - started
    unhealthy = [r for r in results if r.outcome != "healthy"]
    return elapsed, unhealthy


def openai_sequential(base_url, *, sample):
    import httpx
    import openai

    # One client and connection pool for the loop, as a well-written script would keep; a key per profile.
    with openai.OpenAI(
        base_url=base_url, api_key="unused", max_retries=0, http_client=httpx.Client(trust_env=False)
    ) as base:
        started = time.perf_counter()
        for i in range(sample):
            client = base.with_options(api_key=f"sk-bench-openai-{i:06d}-abcdefgh")
            client.models.list()
            client.models.retrieve("gpt-4o-mini")
        return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=500)
    parser.add_argument("--latency", type=float, default=200, help="ms the simulator adds to every answer")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--openai-sample", type=int, default=25)
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    process, base_url = start_simulator(args.latency)
    try:
        sweep(base_url, profiles=min(20, args.profiles), concurrency=args.concurrency)  # warm up imports
        elapsed, unhealthy = sweep(base_url, profiles=args.profiles, concurrency=args.concurrency)
        sample = min(args.openai_sample, args.profiles)
        sequential = openai_sequential(base_url, sample=sample) * args.profiles / sample
    finally:
        process.terminate()
        process.wait(timeout=10)
    ideal = REQUESTS_PER_CHECK * args.latency / 1000 * args.profiles / args.concurrency
    print(f"simulator {base_url}, {args.latency:g} ms per answer, {REQUESTS_PER_CHECK} answers per check")
    print(f"concurrency {args.concurrency}; unhealthy results: {len(unhealthy)}")
    print(f"sequential openai loop measured on {sample} profiles, scaled to {args.profiles}")
    print(
        f"health sweep: {args.profiles} profiles in {elapsed:.2f} s "
        f"(ideal {ideal:.2f} s; sequential openai loop {sequential:.1f} s)"
    )
    if unhealthy:
        sys.exit(1)


if __name__ == "__main__":
    main()
