"""POST /api/tickets: file a ticket as JSON → 201 {"reference", "url"}."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from troubleshooter.lib.jsonapi import ApiError, json_api, json_response
from troubleshooter.lib.ratelimit import rate_limited
from troubleshooter.tickets.forms import API_FIELDS, TicketForm, form_errors
from troubleshooter.tickets.services import ticket_create

MAX_BODY_BYTES = 256 * 1024


@json_api(methods=("POST",), body=True, max_body_bytes=MAX_BODY_BYTES)
@rate_limited(group="tickets", rate_setting="tickets")
@sensitive_variables("payload", "form")
def ticket_file(request, *, payload):
    wrong = [name for name in API_FIELDS if payload.get(name) is not None and not isinstance(payload[name], str)]
    if wrong:
        raise ApiError(_("These fields must be strings: %(fields)s.") % {"fields": ", ".join(wrong)}, status=400)
    form = TicketForm({name: payload[name] for name in API_FIELDS if payload.get(name) is not None})
    if not form.is_valid():
        raise ApiError(form_errors(form), status=400)
    ticket = ticket_create(**form.service_arguments())
    url = request.build_absolute_uri(reverse("tickets:detail", kwargs={"secret": ticket.secret}))
    return json_response({"reference": ticket.reference, "url": url}, status=201)
