"""Writing tickets: redact, diagnose, save first; then notes, status changes and notifications."""

import logging
import re
import secrets

from django.conf import settings
from django.core.mail import mail_admins
from django.db import transaction
from django.utils import timezone

from errors_kb.diagnose import diagnose_text
from troubleshooter.lib.redact import redact
from troubleshooter.tickets.models import Ticket, TicketEvent

logger = logging.getLogger(__name__)

# What a filer types freely; each is redacted before it is shown in the preview or stored.
FREE_TEXT_FIELDS = ("model", "error_message", "error_code", "request_body", "request_headers", "details", "request_id")
_OPENAI_VERSION = re.compile(r"\bopenai(?:==|/|\s+v?|\s+version\s+)(\d+\.\d+(?:\.\d+)?)", re.I)
_PYTHON_VERSION = re.compile(r"\bpython(?:/|\s+v?|\s+version\s+)?(3\.\d+(?:\.\d+)?)", re.I)
_OS = re.compile(r"\b(Windows(?: \d+)?|macOS(?: \d+(?:\.\d+)?)?|Linux|Ubuntu(?: \d+\.\d+)?|Debian(?: \d+)?)\b")


def ticket_preview(*, fields):
    """{field: Redacted} for the free-text fields: exactly what would be stored, and what was removed."""
    return {name: redact(fields.get(name) or "") for name in FREE_TEXT_FIELDS}


def ticket_create(
    *,
    error_message,
    occurred_at=None,
    timezone_name="UTC",
    model="",
    error_code="",
    request_body="",
    request_headers="",
    details="",
    contact_email="",
    request_id="",
    openai_version="",
    python_version="",
    os_name="",
    wizard_path="",
    health_run_id="",
):
    """Save a ticket with every secret removed, before anything else is attempted."""
    clean = {
        name: redact(value or "").text
        for name, value in {
            "model": model,
            "error_message": error_message,
            "error_code": error_code,
            "request_body": request_body,
            "request_headers": request_headers,
            "details": details,
            "request_id": request_id,
            "wizard_path": wizard_path,
            "openai_version": openai_version,
            "python_version": python_version,
            "os_name": os_name,
        }.items()
    }
    diagnosis = diagnose_text("\n".join((clean["error_message"], clean["error_code"])), language="en")
    environment_text = "\n".join((clean["details"], clean["error_message"], clean["request_headers"]))
    with transaction.atomic():
        ticket = Ticket.objects.create(
            # Unique until the id is known; fits the column on PostgreSQL, which enforces its length.
            reference=f"new-{secrets.token_hex(8)}",
            occurred_at=occurred_at or timezone.now(),
            timezone=timezone_name or "UTC",
            contact_email=contact_email or "",
            health_run_id=str(health_run_id or ""),
            condition=diagnosis.matches[0].condition if diagnosis.matches else "",
            **{
                **clean,
                "request_id": clean["request_id"] or (diagnosis.extracted.request_id or ""),
                "openai_version": clean["openai_version"] or _found(_OPENAI_VERSION, environment_text),
                "python_version": clean["python_version"] or _found(_PYTHON_VERSION, environment_text),
                "os_name": clean["os_name"] or _found(_OS, environment_text),
            },
        )
        ticket.reference = f"TS-{ticket.created_at:%Y}-{ticket.pk:06d}"
        ticket.save(update_fields=["reference"])
        TicketEvent.objects.create(ticket=ticket, kind=TicketEvent.Kind.FILED, status=ticket.status)
        transaction.on_commit(lambda: ticket_notify(ticket=ticket))
    return ticket


def ticket_notify(*, ticket):
    """Tell the site's admins; a failure here is logged, the ticket is already safe."""
    if not settings.ADMINS:
        return
    try:
        mail_admins(
            f"{ticket.reference}: {ticket.condition or ticket.error_code or 'new ticket'}",
            f"{ticket.model}\n{ticket.error_message[:500]}",
        )
    except Exception:  # noqa: BLE001 - any mail failure: the ticket stays saved, we say so in the log
        logger.exception("Could not send the notification for ticket %s", ticket.reference)


def ticket_add_note(*, ticket, note, by_staff=False):
    return TicketEvent.objects.create(
        ticket=ticket, kind=TicketEvent.Kind.NOTE, note=redact(note).text, by_staff=by_staff
    )


def tickets_set_status(*, tickets, status, note=""):
    """Staff moves tickets to a status; each gets a timeline entry carrying the note, if any."""
    note = redact(note).text
    changed = 0
    with transaction.atomic():
        for ticket in tickets.select_for_update():
            if ticket.status == status and not note:
                continue
            ticket.status = status
            ticket.save(update_fields=["status"])
            TicketEvent.objects.create(
                ticket=ticket, kind=TicketEvent.Kind.STATUS, status=status, note=note, by_staff=True
            )
            changed += 1
    return changed


def _found(pattern, text):
    match = pattern.search(text)
    return match.group(1) if match else ""
