"""The home page's ways into the wizard: the paste box, the symptoms, this week's most common conditions."""

from datetime import timedelta

from django.utils import timezone

from troubleshooter.wizard.models import Outcome


def test_the_home_page_offers_the_symptoms_of_the_start_question(client, flow):
    html = client.get("/ko/").content.decode()

    assert 'href="/ko/wizard/?p=start,q-status"' in html
    assert "일부 요청만 실패함" in html


def test_the_paste_box_can_start_the_wizard(client, flow):
    html = client.get("/en/").content.decode()

    assert 'formaction="/en/wizard/paste/"' in html


def test_the_most_common_conditions_this_week_count_outcomes_and_tickets(client, flow):
    from troubleshooter.tickets.models import Ticket

    for _ in range(3):
        Ticket.objects.create(
            condition="timeout", error_message="Request timed out.", reference=f"TS-T-{_}", occurred_at=timezone.now()
        )
    Outcome.objects.create(condition="429-rate-limit", resolved=True)

    html = client.get("/en/").content.decode()

    section = html[html.index("Most common conditions this week") :]
    assert section.index("/en/errors/timeout/") < section.index("/en/errors/429-rate-limit/")


def test_the_most_common_conditions_this_week_come_from_outcomes(client, flow):
    for _ in range(3):
        Outcome.objects.create(condition="429-rate-limit", resolved=True)
    Outcome.objects.create(condition="timeout", resolved=False)
    Outcome.objects.create(condition="409-conflict", resolved=True, created_at=timezone.now() - timedelta(days=8))

    html = client.get("/en/").content.decode()

    section = html[html.index("Most common conditions this week") :]
    assert section.index("/en/errors/429-rate-limit/") < section.index("/en/errors/timeout/")
    assert "/en/errors/409-conflict/" not in section


def test_without_outcomes_the_list_is_left_out(client, flow):
    assert "Most common conditions this week" not in client.get("/en/").content.decode()
