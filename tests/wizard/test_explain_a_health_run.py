"""A failed health-check run opens the wizard at its condition with the run attached, and the run
reaches the ticket; only the run's owner ever sees it attached."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from troubleshooter.health.models import CheckRun, Profile
from troubleshooter.tickets.models import Ticket

KEY = "sk-proj-explainthis0123456789abcdefWXYZ"


@pytest.fixture
def owner(flow):
    return get_user_model().objects.create_user("ada", password="not-used-here-1")


def run_of(user, **fields):
    profile = Profile(owner=user, name="Production")
    profile.set_key(KEY)
    profile.save()
    defaults = {"status": "done", "outcome": "failing", "condition": "503-engine-overloaded", "http_status": 503}
    return CheckRun.objects.create(profile=profile, finished_at=timezone.now(), **(defaults | fields))


def wizard_step(html):
    """The step itself (the language switcher repeats the request's own URL, which is harmless)."""
    return html[html.index('id="wizard-step"') :]


def explain_href(html):
    match = re.search(r'href="([^"]+)"[^>]*>Explain this<', html)
    return unescape(match.group(1)) if match else None


def test_a_failed_runs_page_links_explain_this_to_the_resolution_with_the_run(client, owner):
    run = run_of(owner)
    client.force_login(owner)

    html = client.get(f"/en/health/runs/{run.pk}/").content.decode()

    assert explain_href(html) == f"/en/wizard/explain/?condition=503-engine-overloaded&run={run.pk}"
    landing = client.get(explain_href(html))
    assert landing["Location"] == f"/en/wizard/?p=start,r-503-engine-overloaded&run={run.pk}"


def test_a_healthy_runs_page_has_no_explain_this(client, owner):
    run = run_of(owner, outcome="healthy", condition="", http_status=200)
    client.force_login(owner)

    html = client.get(f"/en/health/runs/{run.pk}/").content.decode()

    assert "Explain this" not in html and explain_href(html) is None


def test_the_wizard_opens_at_the_resolution_with_the_owners_run_attached(client, owner):
    run = run_of(owner)
    client.force_login(owner)

    html = client.get(f"/en/wizard/?p=start,r-503-engine-overloaded&run={run.pk}").content.decode()

    assert 'data-kind="resolution"' in html
    assert f'href="/en/health/runs/{run.pk}/"' in html and "Your health check of Production" in html
    assert re.search(rf'action="[^"]*run={run.pk}" class="outcome-form"', html)  # "Not fixed" keeps the run
    assert KEY not in html and KEY[-4:] not in html


def test_the_ticket_step_carries_the_attached_run_into_the_ticket(client, owner):
    run = run_of(owner)
    client.force_login(owner)

    html = client.get(f"/en/wizard/?p=start,r-503-engine-overloaded,ticket&run={run.pk}").content.decode()
    assert f'name="health_run_id" value="{run.pk}"' in html

    form = client.post("/en/tickets/new/", {"step": "prefill", "error_message": "overloaded", "health_run_id": run.pk})
    assert re.search(rf'name="health_run_id" value="{run.pk}"', form.content.decode())
    client.post("/en/tickets/new/", {"step": "file", "error_message": "overloaded", "health_run_id": run.pk})
    ticket = Ticket.objects.get()
    assert ticket.health_run_id == str(run.pk)
    assert "Health check run" in client.get(f"/en/tickets/{ticket.secret}/").content.decode()
    assert client.get(f"/en/tickets/{ticket.secret}/?format=json").json()["health_run_id"] == str(run.pk)


def test_a_strangers_run_id_attaches_nothing(client, owner):
    run = run_of(owner)
    stranger = get_user_model().objects.create_user("eve", password="not-used-here-2")
    client.force_login(stranger)

    resolution = client.get(f"/en/wizard/?p=start,r-503-engine-overloaded&run={run.pk}").content.decode()
    ticket = client.get(f"/en/wizard/?p=start,r-503-engine-overloaded,ticket&run={run.pk}").content.decode()

    assert "Production" not in resolution and f"run={run.pk}" not in wizard_step(resolution)
    assert "health_run_id" not in ticket


def test_a_visitors_run_id_attaches_nothing(client, owner):
    run = run_of(owner)

    html = client.get(f"/en/wizard/?p=start,r-503-engine-overloaded,ticket&run={run.pk}").content.decode()

    assert "health_run_id" not in html and f"run={run.pk}" not in wizard_step(html)


@pytest.mark.parametrize("run", ["12abc", "-1", "²", "9" * 13])
def test_a_run_that_is_not_an_id_is_dropped_from_the_state(run):
    from troubleshooter.wizard.state import WizardState

    assert WizardState.from_query({"p": "start", "run": run}).run == ""


def test_without_a_pasted_error_the_runs_answer_fills_the_ticket(client, owner):
    body = '{"error": {"message": "The engine is currently overloaded, please try again later."}}'
    run = run_of(owner, body=body)
    client.force_login(owner)

    html = client.get(f"/en/wizard/?p=start,r-503-engine-overloaded,ticket&run={run.pk}").content.decode()

    assert "The engine is currently overloaded, please try again later." in unescape(html)
    assert 'name="error_code" value="503"' in html and 'name="model" value="gpt-4o-mini"' in html
    assert f"Health check run: {run.pk} (failing, HTTP 503)" in html


def test_a_pasted_error_wins_over_the_runs_answer(client, owner):
    run = run_of(owner, body="engine overloaded")
    client.force_login(owner)

    html = client.get(
        f"/en/wizard/?p=start,r-503-engine-overloaded,ticket&run={run.pk}&text=Error+code%3A+503+slow+down"
    ).content.decode()

    assert "Error code: 503 slow down" in html and "engine overloaded" not in html


def test_without_a_flow_explain_this_leads_to_the_wizards_start_not_an_error(client, guide):
    user = get_user_model().objects.create_user("ada", password="not-used-here-1")
    run = run_of(user)
    client.force_login(user)

    page = client.get(f"/en/health/runs/{run.pk}/")
    landing = client.get(explain_href(page.content.decode()))

    assert page.status_code == 200
    assert landing.status_code == 302 and landing["Location"] == "/en/wizard/"
