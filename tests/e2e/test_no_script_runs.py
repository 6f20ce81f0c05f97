"""A script written into any field a person can write never runs in a real browser,
and the site's own pages raise no Content-Security-Policy violation (styles included)."""

import pytest
from django.utils import timezone

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry, Step
from troubleshooter.tickets.services import ticket_create
from troubleshooter.wizard.flow_data import flow_load, flow_read_file
from troubleshooter.wizard.models import Node

PAYLOAD = (
    '<script>window.__xss = "script"</script>'
    '<img src="x" onerror="window.__xss = \'img\'">'
    '[link](javascript:window.__xss="link") <svg onload="window.__xss=\'svg\'"></svg>'
)


@pytest.fixture
def hostile_site(transactional_db):
    assert guide_load(data=guide_read_file()).ok
    assert flow_load(data=flow_read_file()).ok
    entry = Entry.objects.get(slug="429-quota-exceeded")
    for field in ("title_en", "summary_en", "cause_en", "solution_en", "body_en", "search_terms_en"):
        setattr(entry, field, f"Quota {PAYLOAD}")
    entry.save()
    Step.objects.create(entry=entry, position=99, text_en=f"Step {PAYLOAD}")
    start = Node.objects.get(key="start")
    start.text_en = f"Where are you? {PAYLOAD}"
    start.save()
    return ticket_create(
        error_message=f"Error code: 429 {PAYLOAD}",
        details=PAYLOAD,
        model=PAYLOAD[:60],
        request_body=PAYLOAD,
        occurred_at=timezone.now(),
    )


@pytest.fixture
def signed_in_with_a_hostile_profile(page, live_server, django_user_model):
    from troubleshooter.health.models import Profile

    user = django_user_model.objects.create_user("owner", password="a-long-password-1234")
    profile = Profile(owner=user, name=f"Prod {PAYLOAD}"[:100], model="gpt-4o-mini", organization=PAYLOAD[:100])
    profile.set_key("sk-proj-" + "x7" * 24)
    profile.save()
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/health/")
    page.fill("#id_username", "owner")
    page.fill("#id_password", "a-long-password-1234")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/health/")
    return profile


def _visit(page, url):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.on("dialog", lambda dialog: violations.append("dialog") or dialog.dismiss())
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return violations


def test_a_script_in_any_written_field_never_runs(page, live_server, hostile_site):
    urls = [
        "/en/errors/",
        "/en/errors/?q=Quota",
        "/en/errors/429-quota-exceeded/",
        "/en/errors/429-quota-exceeded/?compare=ko",
        "/en/wizard/",
        f"/en/tickets/{hostile_site.secret}/",
        "/en/",
    ]
    for url in urls:
        _visit(page, live_server.url + url)
        assert page.evaluate("window.__xss") is None, url
        assert page.locator("script:not([src])").count() == 0, url


def test_the_sites_pages_raise_no_policy_violation(page, live_server, hostile_site):
    violations = _visit(page, live_server.url + "/en/diagnose/")
    page.locator("textarea[name=text]").fill(
        "openai.RateLimitError: Error code: 429 - {'error': {'code': 'insufficient_quota'}}"
    )
    page.get_by_role("button", name="Diagnose").click()
    page.locator("meter.meter").first.wait_for()
    for url in ("/ko/errors/429-rate-limit/", "/zh-hans/wizard/", "/ko/tickets/new/", "/en/"):
        violations += _visit(page, live_server.url + url)

    assert violations == []


def test_a_script_in_a_connection_profile_never_runs(page, live_server, hostile_site, signed_in_with_a_hostile_profile):
    for url in ("/en/health/", f"/en/health/profiles/{signed_in_with_a_hostile_profile.pk}/edit/"):
        _visit(page, live_server.url + url)
        assert page.evaluate("window.__xss") is None, url
        assert "Prod" in page.content(), url
