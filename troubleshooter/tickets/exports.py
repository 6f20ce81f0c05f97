"""A ticket as JSON and as Markdown, ready to paste into a support chat or a forum.

The contact address stays out: exports are meant to be pasted in public.
"""

import re
import zoneinfo

from django.utils.translation import gettext as _


def local_time(ticket):
    return ticket.occurred_at.astimezone(zoneinfo.ZoneInfo(ticket.timezone))


def ticket_as_dict(ticket):
    return {
        "reference": ticket.reference,
        "status": ticket.status,
        "filed_at": ticket.created_at.isoformat(),
        "occurred_at": local_time(ticket).isoformat(),
        "timezone": ticket.timezone,
        "model": ticket.model,
        "error_message": ticket.error_message,
        "error_code": ticket.error_code,
        "request_id": ticket.request_id,
        "condition": ticket.condition or None,
        "request_body": ticket.request_body,
        "request_headers": ticket.request_headers,
        "details": ticket.details,
        "environment": {
            "openai_version": ticket.openai_version,
            "python_version": ticket.python_version,
            "os": ticket.os_name,
        },
        "wizard_path": ticket.wizard_path,
        "health_run_id": ticket.health_run_id or None,
        "timeline": [
            {"at": event.created_at.isoformat(), "kind": event.kind, "status": event.status, "note": event.note}
            for event in ticket.events.all()
        ],
    }


def ticket_as_markdown(ticket):
    rows = [
        (_("Model"), ticket.model),
        (_("Error code"), ticket.error_code),
        (_("Request id"), ticket.request_id),
        (_("When it happened"), f"{local_time(ticket):%Y-%m-%d %H:%M:%S %z} ({ticket.timezone})"),
        (_("Condition"), ticket.condition),
        (_("openai library"), ticket.openai_version),
        (_("Python"), ticket.python_version),
        (_("Operating system"), ticket.os_name),
        (_("Health check run"), ticket.health_run_id),
    ]
    lines = [f"# {ticket.reference}", ""]
    lines += [f"- **{label}:** {_inline(value)}" for label, value in rows if value]
    for title, text in (
        (_("Error message"), ticket.error_message),
        (_("Request body"), ticket.request_body),
        (_("Request headers"), ticket.request_headers),
        (_("Other details"), ticket.details),
        (_("Path through the wizard"), ticket.wizard_path),
    ):
        if text:
            lines += ["", f"## {title}", "", *_fenced(text)]
    return "\n".join(lines) + "\n"


def _inline(value):
    return value.replace("\n", " ")


def _fenced(text):
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, text, fence]
