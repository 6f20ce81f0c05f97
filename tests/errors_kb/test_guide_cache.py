"""Guide pages and API answers come from a cache keyed by the guide's version stamp.

Every edit bumps the stamp, so readers never see a stale page; the CSRF token in
``hx-headers`` is never cached; queries per page stay the same when the guide grows.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry, Step

pytestmark = pytest.mark.django_db

PAGES = [
    ("/en/errors/", {}),
    ("/zh-hans/errors/", {"q": "余额不足"}),
    ("/ko/errors/", {"q": "timeout"}),
    ("/zh-hans/errors/429-rate-limit/", {}),
    ("/en/errors/429-rate-limit/", {"compare": "ko"}),
    ("/api/errors", {"lang": "ko"}),
    ("/api/errors", {"lang": "zh-hans", "q": "连接不上"}),
    ("/api/errors/429-quota-exceeded", {"lang": "zh-hans"}),
]


def test_an_edit_in_the_database_shows_on_the_next_request(client, shipped_guide):
    client.get("/en/errors/timeout/")
    entry = Entry.objects.get(slug="timeout")
    entry.summary_en = "A summary written just now."
    entry.save()

    assert "A summary written just now." in client.get("/en/errors/timeout/").content.decode()
    assert client.get("/api/errors/timeout").json()["summary"] == "A summary written just now."


def test_an_edited_step_shows_on_the_next_request(client, shipped_guide):
    client.get("/ko/errors/timeout/")
    step = Step.objects.filter(entry__slug="timeout").first()
    step.text_ko = "방금 고친 단계."
    step.save()

    assert "방금 고친 단계." in client.get("/ko/errors/timeout/").content.decode()


def test_an_edit_shows_in_search_results(client, shipped_guide):
    entry = Entry.objects.get(slug="timeout")
    assert not client.get("/api/errors", {"q": "zyxwvutsr"}).json()["entries"]
    entry.search_terms_en = "zyxwvutsr"
    entry.save()

    assert [found["slug"] for found in client.get("/api/errors", {"q": "zyxwvutsr"}).json()["entries"]] == ["timeout"]


def _csrf_token_in_page(html):
    return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def test_each_visitor_gets_their_own_csrf_token_from_a_cached_page(shipped_guide):
    first, second = Client(), Client()
    first_html = first.get("/en/errors/timeout/").content.decode()
    second_html = second.get("/en/errors/timeout/").content.decode()

    assert _csrf_token_in_page(first_html) != _csrf_token_in_page(second_html)
    assert first_html.count("Request timed out") == second_html.count("Request timed out")


def test_the_htmx_partial_and_the_full_page_are_cached_apart(client, shipped_guide):
    full = client.get("/en/errors/", {"q": "timeout"}).content.decode()
    partial = client.get("/en/errors/", {"q": "timeout"}, HTTP_HX_REQUEST="true").content.decode()
    full_again = client.get("/en/errors/", {"q": "timeout"}).content.decode()

    assert "<!DOCTYPE html>" in full and "<!DOCTYPE html>" in full_again
    assert "<!DOCTYPE html>" not in partial


def _queries_per_page(client):
    counts = []
    for path, params in PAGES:
        cache.clear()  # the uncached path: what a page costs after an edit
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, params).status_code == 200
        counts.append(len(queries))
    return counts


def _grown_guide(times):
    """The shipped guide and (times - 1) copies of every entry under new slugs."""
    data = guide_read_file()
    copies = []
    for copy in range(1, times):
        for entry in data["entries"]:
            copies.append({**entry, "slug": f"{entry['slug']}-copy{copy}", "sort_order": entry["sort_order"] + copy})
    return {**data, "entries": data["entries"] + copies}


def test_queries_per_page_stay_the_same_when_the_guide_grows_four_times(client, shipped_guide):
    before = _queries_per_page(client)
    report = guide_load(data=_grown_guide(4))
    assert report.ok and Entry.objects.count() == 4 * len(shipped_guide)

    assert _queries_per_page(client) == before


def test_a_cached_page_costs_no_guide_query(client, shipped_guide):
    for path, params in PAGES:
        client.get(path, params)
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        assert not [query for query in queries if "errors_kb" in query["sql"]], path
