"""A database that does not answer: a friendly 503 in the user's language, JSON under /api/, no traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path, lang in (("/ko/errors/", None), ("/zh-hans/errors/429-quota-exceeded/", None), ("/api/errors?lang=ko", None)):
    response = client.get(path)
    answers[path] = [response.status_code, response["Content-Type"], response.get("Retry-After"),
                     response.content.decode()]
print(json.dumps(answers))
"""


def test_pages_and_the_api_answer_503_while_the_database_is_unreachable(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    env.update(
        {
            "TESTING": "1",
            "VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nowhere",
            "DJANGO_SETTINGS_MODULE": "troubleshooter.settings",
        }
    )

    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)

    answers = json.loads(result.stdout.strip().splitlines()[-1])
    status, content_type, retry_after, body = answers["/ko/errors/"]
    assert (status, retry_after) == (503, "30")
    assert "잠시" in body and "Traceback" not in body and "OperationalError" not in body
    status, _content_type, _retry, body = answers["/zh-hans/errors/429-quota-exceeded/"]
    assert status == 503 and "数据库" in body
    status, content_type, retry_after, body = answers["/api/errors?lang=ko"]
    assert status == 503 and content_type.startswith("application/json")
    assert "잠시" in json.loads(body)["error"]


def test_pages_answer_head_and_refuse_unknown_methods(client, db):
    assert client.head("/en/errors/").status_code == 200
    assert client.head("/en/").status_code == 200
    assert client.put("/en/diagnose/").status_code == 405
    assert client.delete("/api/errors").status_code == 405
    assert client.delete("/api/errors")["Content-Type"].startswith("application/json")
