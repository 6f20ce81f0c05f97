"""Ticket pages: the form, its preview, the ticket behind its unguessable link, and its exports."""

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from troubleshooter.lib.jsonapi import json_response
from troubleshooter.lib.ratelimit import limit_reached, too_many_requests_message
from troubleshooter.tickets.exports import ticket_as_dict, ticket_as_markdown
from troubleshooter.tickets.forms import API_FIELDS, NoteForm, TicketForm
from troubleshooter.tickets.models import Ticket
from troubleshooter.tickets.services import ticket_add_note, ticket_create, ticket_preview

FORM_TEMPLATE = "tickets/new.html"


def index(request):
    return redirect("tickets:new")


@never_cache  # it shows what was pasted: no cache may keep a copy
@sensitive_post_parameters()
def ticket_new(request):
    # A GET, or what the wizard gathered (step=prefill), opens the form filled in, nothing checked yet.
    if request.method != "POST" or request.POST.get("step") == "prefill":
        given = request.GET if request.method != "POST" else request.POST
        initial = {name: given[name] for name in API_FIELDS if given.get(name)}
        initial.setdefault("occurred_at", timezone.now().strftime("%Y-%m-%dT%H:%M"))
        initial.setdefault("timezone", "UTC")
        return render(request, FORM_TEMPLATE, {"form": TicketForm(initial=initial)})
    try:
        form = TicketForm(request.POST)
        valid = form.is_valid()
    except RequestDataTooBig:
        return render(request, FORM_TEMPLATE, {"form": TicketForm(), "page_error": _too_big()}, status=413)
    step = request.POST.get("step")
    if not valid or step == "edit":
        return render(request, FORM_TEMPLATE, {"form": form}, status=200 if valid else 400)
    if step != "file":
        return render(request, "tickets/preview.html", {"form": _redacted_form(form), "preview": _preview(form)})
    retry_after = limit_reached(request, group="tickets", rate_setting="tickets")
    if retry_after:
        context = {"form": form, "page_error": too_many_requests_message(retry_after)}
        response = render(request, FORM_TEMPLATE, context, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    ticket = ticket_create(**form.service_arguments())
    return redirect("tickets:detail", secret=ticket.secret)


@never_cache  # it shows what was pasted: no cache may keep a copy
def ticket_detail(request, secret):
    ticket = _ticket(secret)
    export = request.GET.get("format")
    if export == "json":
        return json_response(ticket_as_dict(ticket))
    if export == "md":
        return HttpResponse(ticket_as_markdown(ticket), content_type="text/markdown; charset=utf-8")
    note_form = NoteForm(request.POST or None)
    if request.method == "POST" and note_form.is_valid():
        ticket_add_note(ticket=ticket, note=note_form.cleaned_data["note"])
        return redirect("tickets:detail", secret=secret)
    context = {"ticket": ticket, "note_form": note_form}
    return render(request, "tickets/detail.html", context, status=400 if note_form.errors else 200)


def _ticket(secret):
    ticket = Ticket.objects.filter(secret=secret).prefetch_related("events").first()
    if ticket is None:
        raise Http404
    return ticket


def _preview(form):
    """(label, [(text, removed)]) per field that has text: what will be stored, removals marked."""
    shown = []
    for name, redacted in ticket_preview(fields=form.cleaned_data).items():
        if not redacted.text or name not in form.fields:
            continue
        pieces, position = [], 0
        for removal in redacted.removals:
            pieces += [
                (redacted.text[position : removal.start], False),
                (redacted.text[removal.start : removal.end], True),
            ]
            position = removal.end
        pieces.append((redacted.text[position:], False))
        shown.append(
            {"label": form.fields[name].label, "pieces": [p for p in pieces if p[0]], "removed": len(redacted.removals)}
        )
    return shown


def _redacted_form(form):
    """The same form with secrets already out: the preview page carries only what will be stored."""
    data = form.data.copy()
    for name, redacted in ticket_preview(fields=form.cleaned_data).items():
        if name in data:
            data[name] = redacted.text
    return TicketForm(data)


def _too_big():
    return _("What you sent is too large to file. Shorten the request body or the details and try again.")
