"""A person browses the guide in Chromium: search as they type, open an entry,
switch languages, compare two languages side by side."""

import re

import pytest
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def guide(transactional_db):
    report = guide_load(data=guide_read_file())
    assert report.ok, report


def test_a_reader_finds_the_quota_entry_by_typing_and_reads_it_in_three_languages(page, live_server, guide):
    page.goto(f"{live_server.url}/en/errors/")
    expect(page.locator("h1")).to_have_text("Error guide")

    page.locator("input[name=q]").first.press_sequentially("insufficient_quota", delay=20)
    results = page.locator("#results")
    expect(results).to_contain_text("Quota exceeded")
    expect(page).to_have_url(re.compile(r"q=insufficient_quota"))  # htmx pushed the search into the URL

    results.get_by_role("link", name=re.compile("Quota exceeded")).first.click()
    expect(page).to_have_url(re.compile(r"/en/errors/429-quota-exceeded/"))
    expect(page.locator("#entry")).to_contain_text("You exceeded your current quota")

    page.locator("#language-switcher").get_by_role("link", name="简体中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/errors/429-quota-exceeded/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("#entry h1").first).to_contain_text("配额")

    page.locator("#entry").get_by_role("link", name="한국어").click()
    expect(page).to_have_url(re.compile(r"compare=ko"))
    expect(page.locator("#entry")).to_contain_text("할당량")
    expect(page.locator("#entry")).to_contain_text("配额")

    page.locator("#language-switcher").get_by_role("link", name="한국어").click()
    expect(page).to_have_url(re.compile(r"/ko/errors/429-quota-exceeded/"))
    expect(page.locator("nav").first).to_contain_text("오류 가이드")


def test_searching_in_korean_on_the_english_page_finds_entries(page, live_server, guide):
    page.goto(f"{live_server.url}/en/errors/")

    page.locator("input[name=q]").first.press_sequentially("할당량", delay=20)

    expect(page.locator("#results")).to_contain_text("Quota exceeded")


def test_a_script_written_into_an_entry_never_runs(page, live_server, transactional_db):
    from errors_kb.models import Entry

    hostile = (
        '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> [link](javascript:window.pwned=3)'
    )
    Entry.objects.create(slug="hostile", title="Hostile", cause=hostile, body=hostile, solution=hostile)

    page.goto(f"{live_server.url}/en/errors/hostile/")
    page.get_by_text("link", exact=True).first.click()  # its javascript: href was removed

    expect(page.locator("h1").first).to_have_text("Hostile")
    assert page.evaluate("window.pwned") is None
