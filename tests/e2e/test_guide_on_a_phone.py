"""On a 390-px phone: the diagnosis comes into view with focus, entries offer copy buttons,
and the compare view alternates the two languages section by section."""

import pytest
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load

pytestmark = pytest.mark.django_db(transaction=True)

QUOTA = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, "
    "please check your plan and billing details.', 'type': 'insufficient_quota', 'code': 'insufficient_quota'}}"
)


@pytest.fixture
def guide(transactional_db):
    assert guide_load(data=guide_read_file()).ok


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def test_the_diagnosis_scrolls_into_view_and_takes_focus(phone, live_server, guide):
    phone.goto(f"{live_server.url}/zh-hans/diagnose/")
    phone.locator("textarea[name=text]").fill(QUOTA)
    phone.locator("button[type=submit]").click()

    diagnosis = phone.locator("#diagnosis")
    expect(diagnosis).to_contain_text("insufficient_quota")
    expect(diagnosis).to_be_focused()
    expect(diagnosis.locator("h2").first).to_be_in_viewport()


def test_code_blocks_on_an_entry_have_a_copy_button(phone, live_server, guide):
    phone.goto(f"{live_server.url}/ko/errors/429-quota-exceeded/")

    expect(phone.locator(".code-block .copy-button").first).to_have_text("복사")


def test_compare_alternates_the_languages_section_by_section(phone, live_server, guide):
    phone.goto(f"{live_server.url}/ko/errors/429-quota-exceeded/?compare=en")

    korean_cause = phone.locator('article[lang="ko"] .part--5').bounding_box()
    english_cause = phone.locator('article[lang="en"] .part--5').bounding_box()
    korean_steps = phone.locator('article[lang="ko"] .part--8').bounding_box()
    assert korean_cause["y"] < english_cause["y"] < korean_steps["y"]
