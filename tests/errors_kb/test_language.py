"""The URL prefix decides the language; the first visit follows Accept-Language; every page can switch."""

import pytest

from tests.errors_kb.factories import sample_guide

pytestmark = pytest.mark.django_db

PAGES = ["/{lang}/", "/{lang}/errors/", "/{lang}/errors/429-quota-exceeded/", "/{lang}/errors/no-such-entry/"]


@pytest.fixture
def guide():
    return sample_guide()


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("ko", "/ko/"),
        ("ko-KR,ko;q=0.9,en;q=0.5", "/ko/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("en-US", "/en/"),
        ("fr", "/en/"),
    ],
)
def test_the_first_visit_follows_accept_language(client, accept_language, target):
    response = client.get("/", headers={"Accept-Language": accept_language})
    assert response.status_code == 302
    assert response.url == target


@pytest.mark.parametrize("page", PAGES)
def test_every_page_links_to_itself_in_the_three_languages(client, guide, page):
    html = client.get(page.format(lang="zh-hans")).content.decode()
    for lang in ("en", "zh-hans", "ko"):
        assert f'href="{page.format(lang=lang)}" hreflang="{lang}"' in html


def test_the_switcher_keeps_the_query_string(client, guide):
    html = client.get("/en/errors/", {"q": "配额"}).content.decode()
    assert 'href="/ko/errors/?q=%E9%85%8D%E9%A2%9D" hreflang="ko"' in html


def test_the_switcher_names_each_language_in_itself(client, guide):
    html = client.get("/en/").content.decode()
    assert ">English</a>" in html and ">简体中文</a>" in html and ">한국어</a>" in html


@pytest.mark.parametrize(
    ("lang", "html_lang", "expected"),
    [
        ("en", "en", ["Error guide", "Diagnose", "Quota exceeded"]),
        ("zh-hans", "zh-hans", ["错误指南", "诊断", "配额已用完"]),
        ("ko", "ko", ["오류 가이드", "진단", "할당량 초과"]),
    ],
)
def test_page_text_follows_the_url_prefix(client, guide, lang, html_lang, expected):
    html = client.get(f"/{lang}/errors/").content.decode()
    assert f'<html lang="{html_lang}">' in html
    for text in expected:
        assert text in html, text


def test_the_entry_page_speaks_korean_under_ko(client, guide):
    html = client.get("/ko/errors/429-quota-exceeded/").content.decode()
    assert "<h1>할당량 초과</h1>" in html
    assert "조직의 크레딧이나 월 예산을 모두 사용했습니다." in html
    assert "다시 시도해도 소용없습니다" in html
    assert "Quota exceeded" not in html


def test_the_home_page_speaks_chinese_under_zh_hans(client, guide):
    html = client.get("/zh-hans/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "诊断错误" in html
