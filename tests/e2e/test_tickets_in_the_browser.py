"""A person files a ticket in Korean in Chromium: the browser's time zone, the preview, the secret link."""

import re

import pytest
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from troubleshooter.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "sk-proj-" + "Kq3Lm9Np" * 6 + "Zx42"
QUOTA = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, "
    "please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, "
    "'code': 'insufficient_quota'}}"
)


@pytest.fixture
def guide(transactional_db):
    assert guide_load(data=guide_read_file()).ok


@pytest.fixture
def seoul_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Seoul", locale="ko-KR")
    yield context.new_page()
    context.close()


def test_a_korean_filer_previews_files_and_reopens_the_ticket_by_its_secret_link(
    seoul_page, browser, live_server, guide
):
    page = seoul_page
    page.goto(f"{live_server.url}/ko/tickets/new/")
    expect(page.locator("input[name=timezone]")).to_have_value("Asia/Seoul")  # the small script filled it

    page.get_by_label("모델").fill("gpt-4o-mini")
    page.get_by_label("오류 메시지").fill(QUOTA)
    page.get_by_label("요청 헤더").fill(f"Authorization: Bearer {KEY}\nOpenAI-Organization: org-Seoul1")
    page.get_by_label("기타 정보").fill("openai 1.51.0, Python 3.11 — 결제 정보는 이미 확인했습니다")
    page.get_by_role("button", name="미리 보기").click()

    preview = page.locator("#preview")
    expect(preview.locator("mark.removed")).to_have_text(["sk-proj-…Zx42"])
    expect(preview).to_contain_text("org-Seoul1")
    expect(preview).not_to_contain_text("Kq3Lm9Np")
    assert not Ticket.objects.exists()

    page.get_by_role("button", name="티켓 접수").click()
    expect(page).to_have_url(re.compile(r"/ko/tickets/[A-Za-z0-9_-]{20,}/$"))
    ticket = Ticket.objects.get()
    expect(page.locator("h1")).to_contain_text(ticket.reference)
    assert ticket.timezone == "Asia/Seoul" and ticket.condition == "429-quota-exceeded"
    secret_link = page.url

    stranger = browser.new_context()
    other = stranger.new_page()
    other.goto(secret_link)
    expect(other.locator("main")).to_contain_text("Asia/Seoul")
    expect(other.locator("main")).to_contain_text("sk-proj-…Zx42")
    expect(other.locator("main")).not_to_contain_text("Kq3Lm9Np")
    other.get_by_label("메모 추가").fill("아직도 같은 오류가 납니다")
    other.get_by_role("button", name="메모 추가").click()
    expect(other.locator("#timeline")).to_contain_text("아직도 같은 오류가 납니다")
    stranger.close()
