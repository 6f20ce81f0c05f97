"""Generated keys in every field of a filed ticket: none survives into the row, the page or the exports."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tickets.secrets import CONTEXTS, api_keys, leaked_parts
from troubleshooter.tickets.exports import ticket_as_dict, ticket_as_markdown
from troubleshooter.tickets.models import Ticket
from troubleshooter.tickets.services import ticket_add_note, ticket_create


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=api_keys(), context=st.sampled_from(CONTEXTS))
def test_no_generated_key_survives_into_a_stored_ticket_its_page_or_its_exports(key, context, client, db):
    text = context(key)
    ticket = ticket_create(
        error_message=text, request_body=text, request_headers=text, details=text, model="gpt-4o", error_code="401"
    )
    ticket_add_note(ticket=ticket, note=text)
    ticket = Ticket.objects.prefetch_related("events").get(pk=ticket.pk)

    stored = json.dumps([getattr(ticket, f.attname) for f in Ticket._meta.fields], default=str, ensure_ascii=False)
    notes = " ".join(event.note for event in ticket.events.all())
    page = client.get(f"/en/tickets/{ticket.secret}/").content.decode()
    exports = ticket_as_markdown(ticket) + json.dumps(ticket_as_dict(ticket), ensure_ascii=False)
    noise = context("")
    for where in (stored, notes, page, exports):
        assert leaked_parts(key, where, noise=noise) == []
