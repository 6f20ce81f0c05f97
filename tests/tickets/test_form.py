"""/<lang>/tickets/new/ without JavaScript: form, preview with the removals marked, filing, bad input."""

import html
import re

import pytest

from tests.tickets.conftest import QUOTA
from troubleshooter.tickets.models import Ticket

KEY = "sk-svcacct-" + "Zz9Yy8Xx" * 5 + "Tail"
FORM = {
    "model": "gpt-4o",
    "error_message": f"{QUOTA}\nkey {KEY}",
    "error_code": "429",
    "request_headers": f"api-key: {KEY}",
    "occurred_at": "2026-03-02T08:15",
    "timezone": "Europe/Berlin",
    "details": "이미 키를 다시 만들었습니다",
    "contact_email": "",
}


def test_the_form_works_without_javascript_with_the_server_s_utc_time(client):
    response = client.get("/ko/tickets/new/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="timezone"' in html and 'value="UTC"' in html
    assert "오류 메시지" in html


def test_the_form_is_prefilled_from_the_wizard_s_parameters(client):
    response = client.get("/en/tickets/new/?error_code=429&wizard_path=start%20%3E%20429&model=gpt-4o")

    html = response.content.decode()
    assert 'value="429"' in html and 'value="start &gt; 429"' in html and 'value="gpt-4o"' in html


@pytest.mark.django_db
def test_the_preview_shows_what_will_be_stored_with_the_removals_marked_and_saves_nothing(client):
    response = client.post("/en/tickets/new/", {**FORM, "step": "preview"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="removed" title="removed">sk-svcacct-…Tail</mark>' in html
    assert "Zz9Yy8Xx" not in html
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_filing_from_the_preview_saves_and_opens_the_ticket_page(client):
    preview = client.post("/zh-hans/tickets/new/", {**FORM, "step": "preview"})
    carried = {name: value for name, value in _hidden_inputs(preview.content.decode())}

    response = client.post("/zh-hans/tickets/new/", {**carried, "step": "file"})

    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hans/tickets/{ticket.secret}/"
    assert ticket.condition == "429-quota-exceeded"
    assert ticket.details == FORM["details"]
    assert "Zz9Yy8Xx" not in ticket.error_message + ticket.request_headers


@pytest.mark.django_db
def test_a_missing_error_message_gives_the_form_again_with_the_text_intact(client):
    response = client.post("/ko/tickets/new/", {**FORM, "error_message": "", "step": "preview"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "오류 메시지가 없습니다" in html
    assert FORM["details"] in html
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_an_unknown_time_zone_is_refused_on_the_page(client):
    response = client.post("/en/tickets/new/", {**FORM, "timezone": "Nowhere/Land", "step": "file"})

    assert response.status_code == 400
    assert "Nowhere/Land" in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_the_page_says_when_the_limit_is_reached_and_keeps_the_text(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "tickets": "1/h"}
    client.post("/en/tickets/new/", {**FORM, "step": "file"})

    response = client.post("/ko/tickets/new/", {**FORM, "step": "file"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "기다린 뒤 다시 시도하세요" in html and FORM["details"] in html
    assert Ticket.objects.count() == 1


def _hidden_inputs(page):
    for name, value in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', page):
        yield name, html.unescape(value)
