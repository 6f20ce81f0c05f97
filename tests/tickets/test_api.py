"""POST /api/tickets: the contract, bad input in the caller's language, the rate limit."""

import json

import pytest

from tests.tickets.conftest import QUOTA
from troubleshooter.tickets.models import Ticket

KEY = "sk-proj-" + "Q7w8E9r0" * 6 + "LmNo"
GOOD = {
    "model": "gpt-4o-mini",
    "error_message": QUOTA,
    "error_code": "429",
    "request_body": json.dumps({"model": "gpt-4o-mini", "api_key": KEY}),
    "request_headers": f"Authorization: Bearer {KEY}\nOpenAI-Organization: org-Ab12",
    "occurred_at": "2026-05-01T09:30:00",
    "timezone": "Asia/Seoul",
    "details": "openai 1.51.0, Python 3.11.4 on Ubuntu 22.04",
    "contact_email": "dev@example.com",
}


def post(client, payload, **headers):
    return client.post("/api/tickets", json.dumps(payload), content_type="application/json", **headers)


@pytest.mark.django_db
def test_it_files_a_ticket_and_answers_201_with_the_reference_and_the_secret_link(client):
    response = post(client, GOOD)

    assert response.status_code == 201
    answer = response.json()
    ticket = Ticket.objects.get()
    assert answer["reference"] == ticket.reference
    assert ticket.reference.startswith("TS-") and ticket.reference.endswith(f"-{ticket.pk:06d}")
    assert answer["url"].endswith(f"/tickets/{ticket.secret}/")
    assert client.get(answer["url"]).status_code == 200


@pytest.mark.django_db
def test_the_stored_ticket_holds_no_key_but_keeps_the_organization(client):
    post(client, GOOD)

    ticket = Ticket.objects.get()
    stored = json.dumps([getattr(ticket, f.attname) for f in Ticket._meta.fields], default=str)
    assert "Q7w8E9r0" not in stored
    assert "sk-proj-…LmNo" in ticket.request_headers and "org-Ab12" in ticket.request_headers


@pytest.mark.django_db
def test_it_names_the_condition_the_environment_and_keeps_the_filer_s_time_zone(client):
    post(client, GOOD)

    ticket = Ticket.objects.get()
    assert ticket.condition == "429-quota-exceeded"
    assert (ticket.openai_version, ticket.python_version, ticket.os_name) == ("1.51.0", "3.11.4", "Ubuntu 22.04")
    assert ticket.occurred_at.isoformat() == "2026-05-01T00:30:00+00:00"


@pytest.mark.django_db
def test_it_takes_the_wizard_path_and_the_health_run_from_their_hooks(client):
    post(client, {**GOOD, "wizard_path": "start > 429 > quota", "health_run_id": "42"})

    ticket = Ticket.objects.get()
    assert (ticket.wizard_path, ticket.health_run_id) == ("start > 429 > quota", "42")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "lang", "fragment"),
    [
        ({**GOOD, "error_message": ""}, "en", "error message is missing"),
        ({k: v for k, v in GOOD.items() if k != "error_message"}, "ko", "오류 메시지"),
        ({**GOOD, "timezone": "Mars/Olympus"}, "zh-hans", "Mars/Olympus"),
        ({**GOOD, "contact_email": "not-an-address"}, "en", "contact_email"),
        ({**GOOD, "occurred_at": "yesterday"}, "en", "ISO 8601"),
        ({**GOOD, "error_code": 429}, "en", "error_code"),
        ({**GOOD, "details": ["a"]}, "en", "details"),
        ({**GOOD, "model": "m" * 101}, "en", "model"),
    ],
)
def test_bad_input_gets_a_400_with_a_clear_message_and_nothing_is_stored(client, payload, lang, fragment):
    response = post(client, {**payload, "lang": lang})

    assert response.status_code == 400
    assert fragment in response.json()["error"]
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_malformed_json_and_the_wrong_content_type_are_refused(client):
    assert client.post("/api/tickets", "{nope", content_type="application/json").status_code == 400
    assert client.post("/api/tickets", "error_message=x", content_type="text/plain").status_code == 415
    assert post(client, {**GOOD, "details": "x" * 300 * 1024}).status_code == 413


@pytest.mark.django_db
def test_after_the_limit_it_answers_429_in_the_caller_s_language_with_retry_after(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "tickets": "2/h"}
    assert [post(client, GOOD).status_code for _ in range(2)] == [201, 201]

    response = post(client, {**GOOD, "lang": "zh-hans"})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "请等待" in response.json()["error"]
    assert Ticket.objects.count() == 2


@pytest.mark.django_db
def test_a_failing_notification_does_not_lose_the_ticket(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.ADMINS = [("Support", "support@example.com")]
    attempts = []

    def broken(*args, **kwargs):
        attempts.append(args)
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("troubleshooter.tickets.services.mail_admins", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, GOOD)

    assert response.status_code == 201
    assert len(attempts) == 1
    assert Ticket.objects.count() == 1
