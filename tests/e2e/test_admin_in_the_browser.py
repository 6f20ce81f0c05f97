"""An editor works in the admin in Chromium: the language tabs run from our own static files under the CSP."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(page, live_server, transactional_db):
    assert guide_load(data=guide_read_file()).ok
    get_user_model().objects.create_superuser(username="editor", password="a-long-test-password")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    return page


def test_the_language_tabs_switch_between_english_chinese_and_korean(editor_page, live_server):
    blocked = []
    editor_page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security" in message.text else None
    )
    entry = Entry.objects.get(slug="429-quota-exceeded")

    editor_page.goto(f"{live_server.url}/admin/errors_kb/entry/{entry.pk}/change/")
    editor_page.locator(".ui-tabs-nav a", has_text="ZH-HANS").first.click()

    expect(editor_page.locator("#id_title_zh_hans")).to_be_visible()
    expect(editor_page.locator("#id_title_zh_hans")).to_have_value(entry.title_zh_hans)
    expect(editor_page.locator("#id_title_en")).to_be_hidden()
    assert blocked == []
