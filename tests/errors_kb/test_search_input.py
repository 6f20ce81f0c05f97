"""Whatever people type into the search, the answer is a page or JSON, never a 500; snippets read as the page's language."""

import pytest

pytestmark = pytest.mark.django_db

UNICODE_DIGITS = ["²", "①", "429 ³", "٤٢٩", "４２９"]


@pytest.mark.parametrize("query", UNICODE_DIGITS)
def test_unicode_digits_in_the_query_answer_the_search_page(client, shipped_guide, query):
    assert client.get("/en/errors/", {"q": query}).status_code == 200


@pytest.mark.parametrize("query", UNICODE_DIGITS)
def test_unicode_digits_in_the_query_answer_the_api(client, shipped_guide, query):
    assert client.get("/api/errors", {"q": query}).status_code == 200


def test_full_width_and_arabic_indic_digits_find_the_status(client, shipped_guide):
    slugs = [entry["slug"] for entry in client.get("/api/errors", {"q": "４２９"}).json()["entries"]]
    assert "429-rate-limit" in slugs[:5]


def test_a_misspelt_word_still_finds_the_entry(client, shipped_guide):
    slugs = [entry["slug"] for entry in client.get("/api/errors", {"q": "quota exceded"}).json()["entries"]]
    assert slugs[0] == "429-quota-exceeded"


@pytest.mark.parametrize(("lang", "query"), [("zh-hans", "余额不足"), ("ko", "시간 초과"), ("zh-hans", "429")])
def test_snippets_are_in_the_page_language_without_markdown(client, shipped_guide, lang, query):
    html = client.get(f"/{lang}/errors/", {"q": query}).content.decode()
    snippets = [part.split("</p>")[0] for part in html.split('class="result__snippet"')[1:]]
    assert snippets
    for snippet in snippets:
        assert f'lang="{lang}"' in snippet
        assert "|" not in snippet and "**" not in snippet and "`" not in snippet and "[[" not in snippet


def test_a_korean_timeout_query_puts_the_timeout_entry_first(client, shipped_guide):
    slugs = [entry["slug"] for entry in client.get("/api/errors", {"q": "시간 초과"}).json()["entries"]]
    assert slugs[0] in {"timeout", "openai-apitimeouterror"}
