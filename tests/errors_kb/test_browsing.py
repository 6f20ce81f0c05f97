"""The guide's pages: home, the grouped index, an entry, the 404 page, comparing two languages."""

import pytest

from tests.errors_kb.factories import sample_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return sample_guide()


def test_home_offers_a_paste_box_that_posts_to_the_diagnoser(client, guide):
    html = client.get("/en/").content.decode()
    assert '<form method="post" action="/en/diagnose/"' in html
    assert 'name="text"' in html
    assert "csrfmiddlewaretoken" in html


def test_home_links_to_the_status_groups_and_offers_a_search_box(client, guide):
    html = client.get("/en/").content.decode()
    assert 'href="/en/errors/#status-429"' in html
    assert 'action="/en/errors/"' in html and 'name="q"' in html


def test_index_groups_conditions_by_http_status(client, guide):
    response = client.get("/en/errors/")
    groups = response.context["groups"]
    assert [group["status"] for group in groups["by_status"]] == [429]
    assert [entry.slug for entry in groups["by_status"][0]["entries"]] == ["429-rate-limit", "429-quota-exceeded"]
    assert [entry.slug for entry in groups["without_status"]] == ["timeout"]
    html = response.content.decode()
    assert 'id="status-429"' in html and "Quota exceeded" in html and "Request timed out" in html


def test_index_groups_conditions_by_new_and_old_library_exception(client, guide):
    groups = client.get("/en/errors/").context["groups"]["by_exception"]
    v1 = {group["name"]: group for group in groups["v1"]}
    v0 = {group["name"]: group for group in groups["v0"]}
    assert set(v1) == {"openai.RateLimitError", "openai.APITimeoutError"}
    assert set(v0) == {"openai.error.RateLimitError", "openai.error.Timeout"}
    assert v1["openai.RateLimitError"]["page"].slug == "openai-ratelimiterror"
    assert {entry.slug for entry in v0["openai.error.RateLimitError"]["entries"]} == {
        "429-rate-limit",
        "429-quota-exceeded",
    }


def test_index_groups_conditions_by_error_code_and_lists_the_topics(client, guide):
    response = client.get("/en/errors/")
    by_code = {group["code"]: group["entries"] for group in response.context["groups"]["by_code"]}
    assert [entry.slug for entry in by_code["insufficient_quota"]] == ["429-quota-exceeded"]
    html = response.content.decode()
    assert 'id="by-code"' in html and 'id="topics"' in html
    assert "Rate limits and backoff" in html


def test_entry_page_shows_every_section_in_the_page_language(client, guide):
    html = client.get("/en/errors/429-quota-exceeded/").content.decode()
    for text in [
        "<h1>Quota exceeded</h1>",
        "Your organization has used up its credits",
        "HTTP status",
        "Your organization&#x27;s owner has to act",
        "Retrying does not help",
        "The account behind the key has <strong>no credit left</strong>.",
        "Add credit or raise the monthly budget.",
        "Quota is about money, not speed.",
        "Where the sources disagree",
        "Older posts call this a rate limit.",
        "The free trial credit expired.",
        "Wait a few minutes and try again.",
        "Error code: 429",
        '<a href="/en/errors/429-rate-limit/">Rate limit reached</a>',
    ]:
        assert text in html, text


def test_entry_page_keeps_api_messages_verbatim_and_marked_english(client, guide):
    html = client.get("/ko/errors/429-quota-exceeded/").content.decode()
    assert (
        '<pre class="verbatim" lang="en"><code>You exceeded your current quota, please check your plan and billing details.'
        in html
    )


def test_entry_page_lists_steps_in_order_in_an_ordered_list(client, guide):
    html = client.get("/en/errors/429-quota-exceeded/").content.decode()
    steps = html[html.index('<ol class="steps') :]
    steps = steps[: steps.index("</ol>")]
    assert steps.index("Open the billing page.") < steps.index("Add credit.") < steps.index("Wait a few minutes")


def test_entry_page_links_exception_names_to_their_own_pages(client, guide):
    html = client.get("/en/errors/429-quota-exceeded/").content.decode()
    assert '<a href="/en/errors/openai-ratelimiterror/"><code lang="en">openai.RateLimitError</code></a>' in html
    assert '<code lang="en">openai.error.RateLimitError</code>' in html
    assert 'href="/en/errors/openai-error-ratelimiterror/"' not in html


def test_an_unknown_slug_answers_a_translated_404_page(client, guide):
    response = client.get("/ko/errors/no-such-entry/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "이 가이드 항목은 없습니다" in html
    assert "no-such-entry" in html


def test_compare_shows_the_entry_beside_a_second_language(client, guide):
    response = client.get("/en/errors/429-quota-exceeded/?compare=zh-hans")
    html = response.content.decode()
    assert '<div id="entry" class="entry entry--compare"' in html
    assert '<article class="entry-column" lang="en">' in html
    assert '<article class="entry-column" lang="zh-hans">' in html
    assert "Quota exceeded" in html and "配额已用完" in html
    assert "打开账单页面。" in html
    assert "<!DOCTYPE html>" in html


def test_compare_column_labels_are_in_the_second_language(client, guide):
    html = client.get("/en/errors/429-quota-exceeded/?compare=ko").content.decode()
    korean_column = html[html.index('<article class="entry-column" lang="ko">') :]
    assert "할당량 초과" in korean_column
    assert "해결 단계" in korean_column


def test_compare_over_htmx_answers_only_the_entry_region(client, guide):
    response = client.get("/en/errors/429-quota-exceeded/?compare=ko", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="entry" class="entry entry--compare"')
    assert "<!DOCTYPE html>" not in html
    assert "할당량 초과" in html
    assert 'id="language-switcher"' in html and 'hx-swap-oob="true"' in html
    assert 'href="/ko/errors/429-quota-exceeded/?compare=ko"' in html


def test_compare_with_the_page_language_or_an_unknown_one_shows_one_column(client, guide):
    for value in ["en", "xx"]:
        html = client.get(f"/en/errors/429-quota-exceeded/?compare={value}").content.decode()
        assert "entry--compare" not in html
        assert html.count('<article class="entry-column"') == 1


def test_compare_switch_links_work_without_javascript(client, guide):
    html = client.get("/zh-hans/errors/429-quota-exceeded/").content.decode()
    assert 'href="/zh-hans/errors/429-quota-exceeded/?compare=en"' in html
    assert 'href="/zh-hans/errors/429-quota-exceeded/?compare=ko"' in html
    assert 'href="/zh-hans/errors/429-quota-exceeded/?compare=zh-hans"' not in html


def test_a_history_restore_gets_the_whole_page(client, guide):
    response = client.get(
        "/en/errors/429-quota-exceeded/?compare=ko",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<!DOCTYPE html>" in response.content.decode()
