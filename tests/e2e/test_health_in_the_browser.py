"""A signed-in person checks a connection in Chromium: live stages, the verdict, the guide entry.

A real Celery worker runs the check against simulate_openai (with added latency, so the
progress is seen live). With SCREENSHOT_DIR set, the dashboard, a live check and a run page
are saved in all three languages at 1280 and 390 px.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from troubleshooter.health.models import CheckRun, Profile
from troubleshooter.health.simulator import start_in_thread
from troubleshooter.lib.languages import LANGUAGE_CODES

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def slow_simulator():
    server = start_in_thread(latency_ms=700, hang_seconds=5)
    yield server.base_url
    server.shutdown()
    server.server_close()


@pytest.fixture
def signed_in_page(page, live_server, client, django_user_model):
    user = django_user_model.objects.create_user("ada")
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.user = user
    return page


def shoot(page, name):
    if not SCREENSHOT_DIR:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def add_profile(user, *, name, base_url, key):
    profile = Profile(owner=user, name=name, base_url=base_url, model="gpt-4o")
    profile.set_key(key)
    profile.save()
    return profile


def test_check_now_shows_the_stages_live_then_the_verdict_and_its_guide_entry(
    signed_in_page, live_server, celery_worker, slow_simulator, transactional_db
):
    page = signed_in_page
    assert guide_load(data=guide_read_file()).ok
    add_profile(page.user, name="Production", base_url=slow_simulator, key="sk-sim-ok-0123456789abcdefWXYZ")
    add_profile(page.user, name="Staging gateway", base_url=slow_simulator, key="sk-sim-429-quota-exceeded")
    for language in LANGUAGE_CODES if SCREENSHOT_DIR else ["en"]:
        page.goto(f"{live_server.url}/{language}/health/")
        staging = page.locator(".health-card", has_text="Staging gateway")
        staging.locator("button[type=submit]").click()
        progress = page.locator("#run-progress")
        expect(progress.locator(".stage").first).to_be_visible()
        # the worker process may still be starting on a busy machine: the first stage waits for it
        expect(progress.locator(".stage--ok").first).to_be_visible(timeout=60_000)
        shoot(page, f"live-check-{language}")
        expect(progress.locator(".verdict")).to_be_visible(timeout=30_000)
        expect(progress.locator(".stage--failed")).to_contain_text("/models")
        shoot(page, f"run-{language}")
        page.goto(f"{live_server.url}/{language}/health/")
        page.locator(".health-card", has_text="Production").locator("button[type=submit]").click()
        expect(page.locator("#run-progress .verdict")).to_be_visible(timeout=30_000)
        page.goto(f"{live_server.url}/{language}/health/")
        shoot(page, f"dashboard-{language}")
    assert CheckRun.objects.filter(status="done").count() == 2 * (3 if SCREENSHOT_DIR else 1)

    page.goto(f"{live_server.url}/en/health/")
    page.locator(".health-card", has_text="Staging gateway").get_by_role("link", name=re.compile("Last run")).click()
    page.locator(".verdict").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/en/errors/429-quota-exceeded/$"))
