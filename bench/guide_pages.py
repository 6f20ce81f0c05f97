"""How fast the guide answers: pages and API calls per second on one core.

Standalone: Django on an in-memory SQLite database with the shipped guide
loaded, requests through Django's test client (no network), each path timed
for a fixed number of seconds. Prints one line per path.

    .venv/bin/python bench/guide_pages.py [--seconds 2]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ["TESTING"] = "1"  # local-memory cache, plain static files
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "troubleshooter.settings")

PATHS = [
    ("index", "/en/errors/", {}),
    ("search zh (htmx)", "/en/errors/?q=%E9%85%8D%E9%A2%9D", {"HTTP_HX_REQUEST": "true"}),
    ("search full page", "/ko/errors/?q=RateLimitError", {}),
    ("entry", "/zh-hans/errors/429-rate-limit/", {}),
    ("entry compare", "/en/errors/429-rate-limit/?compare=ko", {}),
    ("api list", "/api/errors?lang=ko", {}),
    ("api entry", "/api/errors/429-quota-exceeded?lang=zh-hans", {}),
]


def per_second(client, path, headers, seconds):
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        response = client.get(path, **headers)
        assert response.status_code == 200, (path, response.status_code)
        count += 1
    return count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from errors_kb.guide_file import guide_read_file
    from errors_kb.guide_loading import guide_load

    call_command("migrate", verbosity=0)
    guide_load(data=guide_read_file())
    client = Client()
    for name, path, headers in PATHS:
        print(f"{name:18} {per_second(client, path, headers, args.seconds):8.0f} requests/s  {path}")


if __name__ == "__main__":
    main()
