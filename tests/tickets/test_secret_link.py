"""The ticket's unguessable page: view, notes without an account, Markdown and JSON exports, no secret."""

import json
from datetime import UTC, datetime

import pytest

from tests.tickets.conftest import QUOTA

KEY = "sk-ant-api03-" + "Hh7Gg6Ff" * 5 + "Ends"


@pytest.fixture
def ticket(filed):
    return filed(
        model="gpt-4o",
        error_message=f"{QUOTA} ``` key={KEY}",
        request_body=json.dumps({"messages": [{"content": f"my key {KEY}"}]}),
        contact_email="private@example.com",
        timezone_name="Asia/Shanghai",
        occurred_at=datetime(2026, 5, 1, 0, 30, tzinfo=UTC),
    )


def test_the_secret_link_shows_the_ticket_in_the_filer_s_time_zone(client, ticket):
    response = client.get(f"/zh-hans/tickets/{ticket.secret}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert ticket.reference in html and "2026-05-01 08:30</time> (Asia/Shanghai)" in html
    assert "sk-ant-api03-…Ends" in html and "Hh7Gg6Ff" not in html


def test_a_wrong_link_finds_nothing(client, ticket):
    wrong_last = "y" if ticket.secret.endswith("x") else "x"
    assert client.get(f"/en/tickets/{ticket.secret[:-1]}{wrong_last}/").status_code == 404
    assert client.get(f"/en/tickets/{ticket.reference}/").status_code == 404


def test_the_filer_adds_a_note_without_an_account_and_its_secrets_are_removed(client, ticket):
    response = client.post(f"/ko/tickets/{ticket.secret}/", {"note": f"still failing with {KEY}"})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "still failing with sk-ant-api03-…Ends" in page and "Hh7Gg6Ff" not in page


def test_an_empty_note_is_refused_with_the_page_again(client, ticket):
    response = client.post(f"/en/tickets/{ticket.secret}/", {"note": ""})

    assert response.status_code == 400
    assert ticket.events.count() == 1


def test_the_json_export_has_what_support_asks_for_and_no_contact_or_key(client, ticket):
    response = client.get(f"/en/tickets/{ticket.secret}/?format=json")

    data = response.json()
    assert data["reference"] == ticket.reference and data["condition"] == "429-quota-exceeded"
    assert data["timezone"] == "Asia/Shanghai" and data["occurred_at"] == "2026-05-01T08:30:00+08:00"
    assert data["timeline"][0]["kind"] == "filed"
    assert "private@example.com" not in response.content.decode()
    assert "Hh7Gg6Ff" not in response.content.decode()


def test_the_markdown_export_fences_text_longer_than_its_backticks(client, ticket):
    response = client.get(f"/ko/tickets/{ticket.secret}/?format=md")

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert text.startswith(f"# {ticket.reference}")
    assert "## 오류 메시지" in text and "\n````\n" in text
    assert "Hh7Gg6Ff" not in text and "private@example.com" not in text
