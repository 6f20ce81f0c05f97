"""The guide's JSON API: list, search, one entry, languages, errors."""

import json

import pytest

from tests.errors_kb.factories import sample_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return sample_guide()


def test_the_list_defaults_to_english_and_lists_every_entry(client, guide):
    response = client.get("/api/errors")
    assert response.status_code == 200
    data = response.json()
    assert data["lang"] == "en"
    slugs = [entry["slug"] for entry in data["entries"]]
    assert set(slugs) == {e.slug for e in guide.values()}
    quota = next(entry for entry in data["entries"] if entry["slug"] == "429-quota-exceeded")
    assert quota == {
        "slug": "429-quota-exceeded",
        "kind": "condition",
        "title": "Quota exceeded",
        "summary": "Your organization has used up its credits or its monthly budget.",
        "http_status": 429,
        "error_codes": ["insufficient_quota"],
        "error_types": ["insufficient_quota"],
        "sdk_exceptions": ["openai.RateLimitError", "openai.error.RateLimitError"],
        "url": "http://testserver/en/errors/429-quota-exceeded/",
    }


def test_the_list_speaks_the_requested_language_as_utf8(client, guide):
    response = client.get("/api/errors", {"lang": "ko"})
    assert response.json()["lang"] == "ko"
    assert "할당량 초과".encode() in response.content
    assert "charset=utf-8" in response.headers["Content-Type"]
    quota = next(entry for entry in response.json()["entries"] if entry["slug"] == "429-quota-exceeded")
    assert quota["url"].endswith("/ko/errors/429-quota-exceeded/")


def test_the_list_searches_in_any_language(client, guide):
    data = client.get("/api/errors", {"q": "配额", "lang": "en"}).json()
    assert [entry["slug"] for entry in data["entries"]] == ["429-quota-exceeded"]


def test_the_list_filters_by_kind(client, guide):
    data = client.get("/api/errors", {"kind": "topic"}).json()
    assert [entry["slug"] for entry in data["entries"]] == ["rate-limits-and-backoff"]


def test_an_unknown_lang_answers_400_naming_the_valid_values(client, guide):
    response = client.get("/api/errors", {"lang": "fr"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert "en" in error and "zh-hans" in error and "ko" in error


def test_an_unknown_kind_answers_400(client, guide):
    response = client.get("/api/errors", {"kind": "banana"})
    assert response.status_code == 400
    assert "condition" in response.json()["error"]


def test_the_detail_has_every_field(client, guide):
    data = client.get("/api/errors/429-quota-exceeded", {"lang": "zh-hans"}).json()
    assert data["lang"] == "zh-hans"
    assert data["title"] == "配额已用完"
    assert data["api_messages"] == ["You exceeded your current quota, please check your plan and billing details."]
    assert data["cause"] == "密钥所属的账户**已没有余额**。"
    assert data["solution"] == "充值或提高每月预算。"
    assert data["body"] == "配额与费用有关，与速度无关。"
    assert data["sources_note"] == "较早的帖子把它称为速率限制。"
    assert data["reasons"] == ["免费试用额度已过期。", "已达到每月预算。"]
    assert data["steps"] == ["打开账单页面。", "充值。", "等几分钟后重试。"]
    assert data["who_acts"] == "org_owner"
    assert data["retry"] == "no"
    assert data["examples"][0].startswith("openai.RateLimitError")
    assert data["related"] == [
        {"slug": "429-rate-limit", "title": "触发速率限制", "url": "http://testserver/zh-hans/errors/429-rate-limit/"},
        {
            "slug": "rate-limits-and-backoff",
            "title": "速率限制与退避",
            "url": "http://testserver/zh-hans/errors/rate-limits-and-backoff/",
        },
    ]
    assert data["url"] == "http://testserver/zh-hans/errors/429-quota-exceeded/"


def test_the_detail_is_plain_utf8_json(client, guide):
    response = client.get("/api/errors/429-quota-exceeded", {"lang": "ko"})
    assert "할당량".encode() in response.content
    assert json.loads(response.content)["title"] == "할당량 초과"


def test_an_unknown_slug_answers_404_json(client, guide):
    response = client.get("/api/errors/no-such-entry")
    assert response.status_code == 404
    assert "no-such-entry" in response.json()["error"]


def test_the_detail_rejects_an_unknown_lang(client, guide):
    response = client.get("/api/errors/429-quota-exceeded", {"lang": "zh"})
    assert response.status_code == 400
    assert "zh-hans" in response.json()["error"]


def test_it_rejects_post(client, guide):
    response = client.post("/api/errors", {})
    assert response.status_code == 405
    assert response.json()["error"]


def test_errors_are_written_in_the_callers_language(client, guide):
    response = client.get("/api/errors/no-such-entry", HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 404
    assert response.json()["error"] == "“no-such-entry” 슬러그의 가이드 항목이 없습니다."
