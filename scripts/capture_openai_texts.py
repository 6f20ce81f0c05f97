"""Record what the official openai library really raises for each simulated condition.

Run it with the Python of a virtualenv that has the openai version to record,
against a running simulator; it appends one JSON line per condition:

    {"library_version", "sdk": "v0"|"v1", "condition", "exception", "str",
     "repr", "status", "traceback", "log"}

``traceback`` is ``traceback.format_exc()`` with the virtualenv shown as
``.venv`` and the interpreter's own prefix as ``/usr/local``; ``log`` is what
the library and its HTTP client logged at INFO level while failing.

How tests/health/data/openai_library_texts.jsonl was made:

    .venv/bin/python manage.py simulate_openai --port 8765 --hang-seconds 5 &
    for version in 0.28.1 1.30.0 1.109.1 2.8.1; do
        python3.11 -m venv /tmp/oa-$version
        /tmp/oa-$version/bin/pip install openai==$version   # 1.30.0 also needs httpx==0.27.2
        /tmp/oa-$version/bin/python scripts/capture_openai_texts.py \
            --base-url http://127.0.0.1:8765/v1 --output tests/health/data/openai_library_texts.jsonl
    done
    .venv/bin/python scripts/capture_openai_texts.py --base-url ... --output ...   # the installed version

Only the standard library and openai are needed: the condition list is read
from troubleshooter/health/simulated_conditions.py by path, without Django.
"""

import argparse
import importlib.util
import io
import json
import logging
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Hello"}]


def load_simulator():
    spec = importlib.util.spec_from_file_location(
        "simulated_conditions", ROOT / "troubleshooter" / "health" / "simulated_conditions.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


def keep_loopback_off_proxies():
    # Both requests (v0) and httpx (v1+) honour these; loopback must be reached directly.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        os.environ.pop(name, None)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost,::1"


def call_v0(*, base_url, api_key, timeout):
    import openai
    from openai import api_requestor

    api_requestor.MAX_CONNECTION_RETRIES = 0
    openai.api_base = base_url
    openai.api_key = api_key
    # On a 409 v0 raises TryAgain and ChatCompletion.create loops at once, forever, unless it has
    # its own `timeout`; 0 lets the first TryAgain through.
    return openai.ChatCompletion.create(model=MODEL, messages=MESSAGES, request_timeout=timeout, timeout=0)


def call_v1(*, base_url, api_key, timeout):
    import openai

    client = openai.OpenAI(base_url=base_url, api_key=api_key, max_retries=0, timeout=timeout)
    try:
        return client.chat.completions.create(model=MODEL, messages=MESSAGES)
    finally:
        client.close()


def shorten_paths(text):
    replacements = [
        (str(ROOT) + os.sep, ""),
        (sys.prefix, ".venv"),
        (sys.base_prefix, "/usr/local"),
    ]
    for real, short in replacements:
        text = text.replace(real, short)
    return text


def exception_status(error):
    status = getattr(error, "status_code", None)  # v1
    return status if status is not None else getattr(error, "http_status", None)  # v0


def capture(condition, *, call, base_url, sdk, version, timeout, log_stream):
    log_stream.seek(0)
    log_stream.truncate()
    try:
        call(base_url=base_url, api_key=f"sk-sim-{condition}", timeout=timeout)
    except Exception as error:  # noqa: BLE001 - recording whatever the library raises is the point
        exception_class = type(error)
        return {
            "library_version": version,
            "sdk": sdk,
            "condition": condition,
            "exception": f"{exception_class.__module__}.{exception_class.__qualname__}",
            "str": shorten_paths(str(error)),
            "repr": shorten_paths(repr(error)),
            "status": exception_status(error),
            "traceback": shorten_paths(traceback.format_exc()),
            "log": shorten_paths(log_stream.getvalue()),
        }
    raise SystemExit(f"{condition}: openai {version} raised nothing")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the simulator, e.g. http://127.0.0.1:8765/v1")
    parser.add_argument("--output", help="JSON lines file to append to (default: stdout)")
    parser.add_argument("--timeout", type=float, default=1.0, help="client timeout for the 'timeout' condition")
    arguments = parser.parse_args()

    keep_loopback_off_proxies()
    import openai

    version = openai.version.VERSION
    sdk = "v0" if version.startswith("0.") else "v1"
    call = call_v0 if sdk == "v0" else call_v1

    log_stream = io.StringIO()
    handler = logging.StreamHandler(log_stream)
    handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)

    records = [
        capture(
            condition,
            call=call,
            base_url=arguments.base_url,
            sdk=sdk,
            version=version,
            timeout=arguments.timeout,
            log_stream=log_stream,
        )
        for condition in load_simulator().CONDITIONS
    ]
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    if arguments.output:
        with open(arguments.output, "a", encoding="utf-8") as output:
            output.write(lines)
    else:
        sys.stdout.write(lines)


if __name__ == "__main__":
    main()
