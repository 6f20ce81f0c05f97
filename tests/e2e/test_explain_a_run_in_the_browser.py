"""A signed-in person opens a failed health-check run in Chromium, clicks "Explain this", lands on the
wizard's resolution with the run attached and OpenAI's status, walks on to the ticket and files it
with the run. With SCREENSHOT_DIR set, the run page, the resolution, the ticket step and the home
page are saved at 1280 and 390 px."""

import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from troubleshooter.health.models import CheckRun, Profile, StatusSnapshot
from troubleshooter.tickets.models import Ticket
from troubleshooter.wizard.flow_data import flow_load, flow_read_file

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def failed_run(transactional_db, django_user_model):
    from errors_kb.models import Entry

    if not Entry.objects.exists():
        assert guide_load(data=guide_read_file()).ok
    assert flow_load(data=flow_read_file()).ok
    user = django_user_model.objects.create_user("ada")
    profile = Profile(owner=user, name="Production", model="gpt-4o", state="failing")
    profile.set_key("sk-proj-browser0123456789abcdefWXYZ")
    profile.save()
    StatusSnapshot.objects.create(reachable=True, indicator="none", description="All Systems Operational")
    return CheckRun.objects.create(
        profile=profile,
        status="done",
        outcome="failing",
        condition="503-engine-overloaded",
        http_status=503,
        finished_at=timezone.now(),
        body='{"error": {"message": "The engine is currently overloaded, please try again later."}}',
    )


def snap(page, name):
    if not SCREENSHOT_DIR:
        return
    Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_explain_this_leads_from_a_failed_run_to_a_ticket_that_names_the_run(page, live_server, client, failed_run):
    client.force_login(failed_run.profile.owner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/en/health/runs/{failed_run.pk}/")
    snap(page, "run-page")
    page.get_by_role("link", name="Explain this").click()

    step = page.locator("#wizard-step")
    expect(step.locator("[data-kind=resolution]")).to_be_visible()
    expect(step).to_contain_text("Your health check of Production")
    expect(step).to_contain_text("Me or OpenAI?")
    snap(page, "wizard-resolution-with-run")

    step.get_by_role("button", name="No, not fixed").click()
    expect(page).to_have_url(re.compile(rf"p=start,r-503-engine-overloaded,t-retry-503&run={failed_run.pk}$"))
    page.goto(f"{live_server.url}/en/wizard/?p=start,r-503-engine-overloaded,t-retry-503,ticket&run={failed_run.pk}")
    snap(page, "wizard-ticket-with-run")
    step.get_by_role("button", name="Continue to the ticket").click()
    expect(page.get_by_label("Error message")).to_have_value(re.compile("The engine is currently overloaded"))
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="File this ticket").click()

    expect(page.locator("main")).to_contain_text(f"{failed_run.pk}")
    assert Ticket.objects.get().health_run_id == str(failed_run.pk)

    page.goto(f"{live_server.url}/ko/")
    expect(page.locator("main")).to_contain_text("내 상태 점검")
    snap(page, "home-signed-in-ko")
