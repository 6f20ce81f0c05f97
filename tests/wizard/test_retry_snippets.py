"""Each retry snippet runs against simulate_openai with the library version it is written for.

openai 3.54.0 is the project's own (this interpreter). 0.28.1, 1.109.1 and 2.8.0 are installed
once into cached virtual environments under /tmp (pip from the registry; a few seconds each
the first time, nothing afterwards).
"""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from troubleshooter.wizard.retry_code import LIBRARY_VERSIONS, SNIPPETS

VENV_ROOT = Path("/tmp/troubleshooter-openai-venvs")
# library version installed -> the snippet family that serves it
LIBRARIES = {"0.28.1": "v0", "1.109.1": "v1", "2.8.0": "v1", "3.54.0": "v3"}
ATTEMPTS = 3
DRIVER = r"""
import importlib.util, json, sys
snippet_path, base_url, key, family = sys.argv[1:5]
spec = importlib.util.spec_from_file_location("retry_snippet", snippet_path)
snippet = importlib.util.module_from_spec(spec)
spec.loader.exec_module(snippet)
import openai
calls, sleeps = [], []
messages = [{"role": "user", "content": "hi"}]
if family == "v0":
    openai.api_key, openai.api_base = key, base_url
    def make_call():
        calls.append(1)
        return openai.ChatCompletion.create(model="gpt-4o-mini", messages=messages, request_timeout=5)
else:
    client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0, timeout=5)
    def make_call():
        calls.append(1)
        return client.chat.completions.create(model="gpt-4o-mini", messages=messages)
try:
    snippet.call_with_retry(make_call, max_attempts=int(sys.argv[5]), sleep=sleeps.append)
    outcome = "answered"
except Exception as error:
    outcome = type(error).__name__
print(json.dumps({"version": openai.VERSION if hasattr(openai, "VERSION") else openai.version.VERSION,
                  "calls": len(calls), "sleeps": sleeps, "outcome": outcome}))
"""


def library_python(version):
    """A Python with openai==version: this one for the project's version, else a cached venv."""
    import openai

    if openai.__version__ == version:
        return sys.executable
    venv = VENV_ROOT / version
    python = venv / "bin" / "python"
    VENV_ROOT.mkdir(parents=True, exist_ok=True)
    with open(VENV_ROOT / f"{version}.lock", "w") as lock:  # xdist workers wait for the one that builds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (venv / "ready").exists():
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
            subprocess.run([str(python), "-m", "pip", "install", "-q", f"openai=={version}"], check=True)
            (venv / "ready").touch()
    return str(python)


def run_snippet(version, base_url, slug, tmp_path):
    family = LIBRARIES[version]
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    env = {k: v for k, v in os.environ.items() if k.lower() not in {"http_proxy", "https_proxy", "all_proxy"}}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    snippet = SNIPPETS / LIBRARY_VERSIONS[family]["file"]
    done = subprocess.run(
        [library_python(version), str(driver), str(snippet), base_url, f"sk-sim-{slug}", family, str(ATTEMPTS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("version", sorted(LIBRARIES))
def test_a_rate_limit_is_retried_waiting_at_least_what_retry_after_asks(version, openai_simulator, tmp_path):
    result = run_snippet(version, openai_simulator, "429-rate-limit", tmp_path)

    assert result["version"] == version
    assert result["calls"] == ATTEMPTS
    assert result["outcome"] == "RateLimitError"
    assert len(result["sleeps"]) == ATTEMPTS - 1
    assert all(seconds >= 2 for seconds in result["sleeps"])  # the simulator sends retry-after: 2


@pytest.mark.parametrize("version", sorted(LIBRARIES))
def test_an_exhausted_quota_is_never_retried(version, openai_simulator, tmp_path):
    result = run_snippet(version, openai_simulator, "429-quota-exceeded", tmp_path)

    assert (result["calls"], result["sleeps"], result["outcome"]) == (1, [], "RateLimitError")


@pytest.mark.parametrize("version", sorted(LIBRARIES))
def test_a_rejected_key_is_never_retried(version, openai_simulator, tmp_path):
    result = run_snippet(version, openai_simulator, "401-incorrect-api-key", tmp_path)

    assert (result["calls"], result["sleeps"], result["outcome"]) == (1, [], "AuthenticationError")


@pytest.mark.parametrize("version", sorted(LIBRARIES))
def test_a_server_error_is_retried_with_growing_jittered_backoff(version, openai_simulator, tmp_path):
    result = run_snippet(version, openai_simulator, "500-server-error", tmp_path)

    assert result["calls"] == ATTEMPTS
    assert result["outcome"] in {"InternalServerError", "APIError"}
    assert all(0 <= seconds <= 0.5 * 2**attempt for attempt, seconds in enumerate(result["sleeps"], start=1))


@pytest.mark.parametrize("version", sorted(LIBRARIES))
def test_a_healthy_answer_is_returned_at_the_first_call(version, openai_simulator, tmp_path):
    result = run_snippet(version, openai_simulator, "ok", tmp_path)

    assert (result["calls"], result["sleeps"], result["outcome"]) == (1, [], "answered")
