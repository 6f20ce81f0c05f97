"""A person pastes an error on the home page or the diagnose page and reads the diagnosis in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load

pytestmark = pytest.mark.django_db(transaction=True)

QUOTA = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, "
    "please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, "
    "'code': 'insufficient_quota'}}"
)


@pytest.fixture
def guide(transactional_db):
    assert guide_load(data=guide_read_file()).ok


def test_a_paste_on_the_korean_diagnose_page_is_answered_in_place(page, live_server, guide):
    page.goto(f"{live_server.url}/ko/diagnose/")

    page.locator("textarea[name=text]").fill(QUOTA)
    page.get_by_role("button", name="진단").click()

    diagnosis = page.locator("#diagnosis")
    expect(diagnosis).to_contain_text("할당량 초과")
    expect(diagnosis).to_contain_text("insufficient_quota")
    expect(page).to_have_url(re.compile(r"/ko/diagnose/$"))  # htmx swapped the result in, no reload
    expect(page.locator("textarea[name=text]")).to_have_value(QUOTA)

    diagnosis.get_by_role("link", name=re.compile("할당량 초과")).first.click()
    expect(page).to_have_url(re.compile(r"/ko/errors/429-quota-exceeded/"))


def test_a_bare_status_shows_the_candidates_and_what_would_settle_it(page, live_server, guide):
    page.goto(f"{live_server.url}/en/")

    page.locator("textarea[name=text]").fill("Error: Request failed with status code 429")
    page.get_by_role("button", name="Diagnose", exact=True).click()

    diagnosis = page.locator("#diagnosis")
    expect(diagnosis).to_contain_text("Quota exceeded")
    expect(diagnosis).to_contain_text("Rate limit")
    expect(diagnosis).to_contain_text("insufficient_quota")


def test_an_empty_paste_gets_a_message_in_chinese(page, live_server, guide):
    page.goto(f"{live_server.url}/zh-hans/diagnose/")

    page.get_by_role("button", name="诊断").click()

    expect(page.locator(".form-error")).to_be_visible()
