"""Searching the guide: any language, codes, exceptions, statuses; full page without JS, a partial with htmx."""

import pytest

from errors_kb.selectors import entry_search
from tests.errors_kb.factories import sample_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return sample_guide()


def found(query):
    return {entry.slug for entry in entry_search(query=query)}


def test_it_finds_entries_by_english_words_whatever_the_case(guide):
    assert found("MONTHLY budget") == {"429-quota-exceeded"}


def test_it_finds_entries_by_chinese_words(guide):
    assert found("配额") == {"429-quota-exceeded"}


def test_it_finds_entries_by_korean_words(guide):
    assert found("할당량") == {"429-quota-exceeded"}


def test_it_finds_entries_by_words_of_reasons_and_steps(guide):
    assert found("free trial") == {"429-quota-exceeded"}
    assert found("결제 페이지") == {"429-quota-exceeded"}


def test_it_finds_entries_by_api_message_text(guide):
    assert found("check your plan and billing") == {"429-quota-exceeded"}


def test_it_finds_entries_by_error_code(guide):
    assert found("insufficient_quota") == {"429-quota-exceeded"}


def test_it_finds_entries_by_exception_name_old_and_new(guide):
    assert found("openai.error.Timeout") == {"timeout"}
    assert "429-quota-exceeded" in found("RateLimitError")


def test_it_finds_entries_by_http_status(guide):
    assert {"429-quota-exceeded", "429-rate-limit"} <= found("429")
    assert "timeout" not in found("429")


def test_it_finds_entries_by_slug(guide):
    assert found("rate-limits-and") == {"rate-limits-and-backoff"}


def test_a_chinese_query_on_the_english_page_lists_english_titles_and_english_snippets(client, guide):
    html = client.get("/en/errors/", {"q": "配额"}).content.decode()
    assert '<a href="/en/errors/429-quota-exceeded/">Quota exceeded</a>' in html
    snippet = html.split('class="result__snippet"')[1].split("</p>")[0]
    assert 'lang="en"' in snippet
    assert "配额" not in snippet


def test_results_show_status_codes_and_a_snippet(client, guide):
    html = client.get("/en/errors/", {"q": "budget"}).content.decode()
    assert "HTTP 429" in html
    assert '<code lang="en">insufficient_quota</code>' in html
    assert "<mark>budget</mark>" in html


def test_a_plain_get_returns_the_full_page_with_the_results(client, guide):
    response = client.get("/ko/errors/", {"q": "quota"})
    html = response.content.decode()
    assert "<!DOCTYPE html>" in html
    assert '<div id="results" class="results">' in html
    assert "할당량 초과" in html
    assert 'value="quota"' in html


def test_an_htmx_request_returns_only_the_results_partial(client, guide):
    response = client.get("/en/errors/", {"q": "할당량"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results" class="results">')
    assert "<!DOCTYPE html>" not in html and 'id="guide-search"' not in html
    assert "Quota exceeded" in html
    assert response.headers["Vary"].count("HX-Request") == 1


def test_an_empty_htmx_search_brings_back_the_groupings(client, guide):
    html = client.get("/en/errors/", {"q": ""}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="by-status"' in html


def test_no_results_suggests_the_diagnoser(client, guide):
    html = client.get("/zh-hans/errors/", {"q": "flibbertigibbet"}).content.decode()
    assert "flibbertigibbet" in html
    assert 'href="/zh-hans/diagnose/"' in html
    assert "没有" in html


def test_the_search_box_filters_as_you_type_with_htmx(client, guide):
    html = client.get("/en/errors/").content.decode()
    assert 'hx-get="/en/errors/"' in html
    assert 'hx-trigger="input changed delay:200ms, search"' in html
    assert 'hx-target="#results"' in html


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("quota", "429-quota-exceeded"),
        ("할당량", "429-quota-exceeded"),
        ("RateLimitError", "openai-ratelimiterror"),
        ("openai.error.Timeout", "openai-error-timeout"),
        ("timeout", "timeout"),
        ("429", "429-rate-limit"),
        ("insufficient_quota", "429-quota-exceeded"),
        ("proxies", "client-proxies-typeerror"),
    ],
)
def test_the_entry_about_the_query_comes_first(shipped_guide, query, first):
    assert [entry.slug for entry in entry_search(query=query)][0] == first


def test_punctuation_pasted_with_the_words_does_not_hide_results(shipped_guide):
    found = [entry.slug for entry in entry_search(query="Error code: 429 - {'code': 'insufficient_quota'}")]

    assert found[0] == "429-quota-exceeded"
