"""Triage: similar tickets grouped, filters, bulk status changes, a group resolved with a note."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.tickets.conftest import QUOTA
from troubleshooter.tickets.models import Ticket
from troubleshooter.tickets.selectors import ticket_groups


@pytest.fixture
def burst(filed):
    """Three quota tickets for one model within the hour, one for another model, one a day earlier."""
    tickets = [filed(error_message=QUOTA, model="gpt-4o") for _ in range(3)]
    other_model = filed(error_message=QUOTA, model="gpt-4o-mini")
    earlier = filed(error_message=QUOTA, model="gpt-4o")
    Ticket.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(days=1))
    return tickets, other_model, earlier


def test_a_burst_of_the_same_condition_and_model_reads_as_one_group(burst):
    tickets, other_model, earlier = burst

    groups = ticket_groups(Ticket.objects.all())

    assert [len(g.tickets) for g in groups] == [3, 1, 1]
    assert {t.pk for t in groups[0].tickets} == {t.pk for t in tickets}
    assert (groups[0].condition, groups[0].model) == ("429-quota-exceeded", "gpt-4o")


def test_the_triage_list_filters_by_status_condition_model_and_age(admin_client, burst):
    base = "/admin/tickets/ticket/"
    assert admin_client.get(base + "?status__exact=open").context["cl"].result_count == 5
    assert admin_client.get(base + "?model=gpt-4o-mini").context["cl"].result_count == 1
    assert admin_client.get(base + "?condition=429-quota-exceeded&age=hour").context["cl"].result_count == 4
    assert admin_client.get(base + "?age=older").context["cl"].result_count == 0


def test_staff_change_the_status_of_many_tickets_at_once(admin_client, burst):
    tickets, _, _ = burst
    ids = [str(t.pk) for t in tickets]

    admin_client.post("/admin/tickets/ticket/", {"action": "mark_waiting", "_selected_action": ids})

    assert set(Ticket.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"waiting"}
    assert tickets[0].events.filter(kind="status", status="waiting").exists()


def test_staff_resolve_a_group_with_a_note_and_the_filers_see_it(admin_client, client, burst):
    tickets, other_model, _ = burst
    page = admin_client.get("/admin/tickets/ticket/groups/").content.decode()
    assert tickets[0].reference in page and other_model.reference not in page

    ids = ",".join(str(t.pk) for t in tickets)
    admin_client.post("/admin/tickets/ticket/groups/", {"ids": ids, "note": "Billing fixed upstream."})

    ticket_page = client.get(f"/en/tickets/{tickets[1].secret}/").content.decode()
    assert "Resolved" in ticket_page and "Billing fixed upstream." in ticket_page
    assert Ticket.objects.get(pk=other_model.pk).status == "open"


def test_only_staff_see_the_groups(client, burst):
    response = client.get("/admin/tickets/ticket/groups/")
    assert response.status_code == 302 and "/login/" in response["Location"]
