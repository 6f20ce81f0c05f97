"""A person walks the wizard in Chromium: symptom → resolution, and paste → ambiguity question →
resolution → "not fixed" → ticket, in English and Korean, with and without JavaScript.

With SCREENSHOT_DIR set, every step type is also saved at 1280 px and 390 px.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from troubleshooter.wizard.flow_data import flow_load, flow_read_file

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def flow(transactional_db):
    from errors_kb.models import Entry

    if not Entry.objects.exists():
        assert guide_load(data=guide_read_file()).ok
    assert flow_load(data=flow_read_file()).ok


def snap(page, name):
    if not SCREENSHOT_DIR:
        return
    Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_from_a_symptom_to_a_resolution_in_english(page, live_server, flow):
    page.goto(f"{live_server.url}/en/")
    snap(page, "en-home")
    page.get_by_role("link", name="An HTTP status code").click()
    step = page.locator("#wizard-step")
    expect(step).to_contain_text("Which HTTP status code did the API answer with?")
    snap(page, "en-question")

    step.get_by_role("link", name="429", exact=True).click()
    expect(step).to_contain_text("mention quota, billing or credits?")
    expect(page).to_have_url(re.compile(r"p=start,q-status,q-429$"))
    step.get_by_role("link", name="No", exact=True).click()
    step.get_by_role("link", name=re.compile("Rate limit reached")).click()
    step.get_by_role("link", name="1.x or 2.x").click()
    expect(step.locator("#retry-snippet")).to_contain_text("def call_with_retry")
    snap(page, "en-tool-retry")

    page.reload()  # the URL holds the state
    expect(page.locator("#retry-snippet")).to_contain_text("max_retries=0")
    page.go_back()
    expect(page.locator("#wizard-step")).to_contain_text("Pick your library version")
    expect(page.locator("#retry-snippet")).to_have_count(0)
    page.go_forward()

    page.locator("#wizard-step").get_by_role("link", name="Continue").click()
    expect(page.locator("#wizard-step")).to_contain_text("Did this fix it?")
    snap(page, "en-resolution")
    page.get_by_role("button", name="Yes, it works now").click()
    expect(page.locator("#wizard-step")).to_contain_text("Glad it works again.")


def test_from_a_paste_to_a_ticket_in_korean(page, live_server, flow):
    page.goto(f"{live_server.url}/ko/")
    page.locator("textarea[name=text]").fill("openai.RateLimitError: Error code: 429")
    page.get_by_role("button", name="단계별로 해결하기").click()

    step = page.locator("#wizard-step")
    expect(step).to_contain_text("할당량, 결제 또는 크레딧이 언급되나요?")  # only what settles the 429
    snap(page, "ko-question")
    step.get_by_role("link", name="예", exact=True).click()
    expect(step).to_contain_text("문제가 해결되었나요?")
    snap(page, "ko-resolution")
    page.get_by_role("button", name="아니요, 해결되지 않았습니다").click()

    form = page.locator("form.ticket-form")
    expect(form).to_be_visible()
    expect(form.locator("[name=error_message]")).to_have_value("openai.RateLimitError: Error code: 429")
    expect(form.locator("[name=condition]")).to_have_value("429-quota-exceeded")
    expect(form.locator("[name=timezone]")).not_to_have_value("")  # the browser's time zone
    expect(form).to_have_attribute("action", "/ko/tickets/new/")
    snap(page, "ko-ticket")

    form.locator("button[type=submit]").click()  # on to the tickets app, everything carried over
    expect(page).to_have_url(re.compile(r"/ko/tickets/new/$"))
    expect(page.locator("[name=error_message]")).to_have_value("openai.RateLimitError: Error code: 429")
    expect(page.locator("[name=wizard_path]")).to_have_value(re.compile(r"^start,.*ticket$"))
    page.get_by_role("button", name="미리 보기").click()
    page.get_by_role("button", name="티켓 접수").click()
    expect(page).to_have_url(re.compile(r"/ko/tickets/[^/]+/$"))
    expect(page.locator("body")).to_contain_text("TS-")


def test_the_request_checker_points_at_the_json_error_in_korean(page, live_server, flow):
    page.goto(f"{live_server.url}/ko/wizard/?p=start,q-status,q-400,t-check-other")
    page.locator("textarea[name=body]").fill('{"model": "gpt-4o",\n "messages": [{"role": "user", "content": "hi"}],}')
    page.get_by_role("button", name="요청 검사").click()

    expect(page.locator("#check-result")).to_contain_text("2행 50열")
    page.locator("textarea[name=body]").fill(
        '{"model": "gpt-4o", "messages": [{"role": "user", "content": "hello world"}]}'
    )
    page.get_by_role("button", name="요청 검사").click()
    expect(page.locator("#check-result")).to_contain_text("입력은 9 토큰")
    snap(page, "ko-tool-checker")


def test_the_same_walk_works_without_javascript(browser, live_server, flow):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/wizard/")
        page.get_by_role("link", name="It cannot connect").click()
        expect(page.locator("#wizard-step")).to_contain_text("Did this fix it?")
        page.get_by_role("button", name="No, not fixed").click()
        expect(page).to_have_url(re.compile(r"p=start,r-connection-error,ticket$"))
        expect(page.locator("form.ticket-form")).to_be_visible()
        snap(page, "en-ticket-nojs")
        page.get_by_role("link", name="Back").click()
        expect(page.locator("#wizard-step")).to_contain_text("Did this fix it?")
    finally:
        context.close()
