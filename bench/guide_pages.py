"""How fast the guide answers, side by side with a trivial page that extends base.html.

Standalone: Django on an in-memory SQLite database with the shipped guide
loaded, requests through Django's test client (no network), each path timed
for a fixed number of seconds in this one process. Prints requests per second
for each path and its share of the trivial page's throughput; the last line is
the smallest share (the target is at least 50%). The paths are timed in rounds,
the trivial page before each one, and each keeps its best round: a busy machine
slows some rounds, never speeds one up.

    .venv/bin/python bench/guide_pages.py [--seconds 2] [--rounds 5]
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

TRIVIAL = ("trivial page", "/en/bench-trivial/", {})
PATHS = [
    ("index", "/en/errors/", {}),
    ("search zh (htmx)", "/en/errors/?q=%E4%BD%99%E9%A2%9D%E4%B8%8D%E8%B6%B3", {"HTTP_HX_REQUEST": "true"}),
    ("search full page", "/ko/errors/?q=RateLimitError", {}),
    ("entry", "/zh-hans/errors/429-rate-limit/", {}),
    ("entry compare", "/en/errors/429-rate-limit/?compare=ko", {}),
    ("api list", "/api/errors?lang=ko", {}),
    ("api search", "/api/errors?lang=zh-hans&q=timeout", {}),
    ("api entry", "/api/errors/429-quota-exceeded?lang=zh-hans", {}),
]


def bench_urlconf():
    """The project's URLs plus the trivial page: a view that renders a template extending base.html."""
    import types

    from django.conf.urls.i18n import i18n_patterns
    from django.template import engines
    from django.urls import path

    from troubleshooter import urls

    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}<h1>Trivial</h1><p>A page.</p>{% endblock %}'
    )

    def trivial(request):
        from django.http import HttpResponse

        return HttpResponse(template.render({}, request))

    module = types.ModuleType("bench_urls")
    module.urlpatterns = list(urls.urlpatterns) + i18n_patterns(path("bench-trivial/", trivial))
    module.handler404, module.handler500 = urls.handler404, urls.handler500
    return module


def per_second(client, path, headers, seconds):
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        response = client.get(path, **headers)
        assert response.status_code == 200, (path, response.status_code)
        count += 1
    return count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0, help="per path, over all rounds")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    from errors_kb.guide_file import guide_read_file
    from errors_kb.guide_loading import guide_load

    call_command("migrate", verbosity=0)
    guide_load(data=guide_read_file())
    client = Client()
    every = [TRIVIAL, *PATHS]
    best = {name: 0.0 for name, _path, _headers in every}
    with override_settings(ROOT_URLCONF=bench_urlconf()):
        for _round in range(args.rounds):
            for name, path, headers in every:
                best[name] = max(best[name], per_second(client, path, headers, args.seconds / args.rounds))
    baseline = best[TRIVIAL[0]]
    shares = []
    for name, path, _headers in every:
        shares.append(best[name] / baseline)
        print(f"{name:18} {best[name]:8.0f} requests/s  {best[name] / baseline:4.0%}  {path}")
    shares = shares[1:]
    print(f"smallest share of the trivial page: {min(shares):.0%} (target: at least 50%)")


if __name__ == "__main__":
    main()
