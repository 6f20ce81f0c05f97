"""What the ticket step puts in the ticket form: one function, so the tickets app can adapt it.

The fields are named like ``POST /api/tickets`` (DESIGN.md), plus ``wizard_path`` and
``condition``; ``health_run_id`` is the attached run's id (the caller has checked it is the user's),
and without a pasted error the run's answer stands in for it. Every text goes through ``mask_secrets`` before it reaches the form.
``timezone`` is left for the browser to fill (static/js/wizard.js).
"""

import json

from django.urls import reverse
from django.utils import translation

from errors_kb.diagnose import diagnose_text
from troubleshooter.lib.redact import mask_secrets


def ticket_form_action(*, lang):
    """The tickets app's form; it opens filled in with what the wizard posts (step=prefill)."""
    with translation.override(lang):
        return reverse("tickets:new")


def _model_of(request_body):
    try:
        body = json.loads(request_body)
    except ValueError:
        return ""
    model = body.get("model") if isinstance(body, dict) else None
    return model if isinstance(model, str) else ""


def ticket_prefill(*, state, condition, library_label="", lang="en", run=None):
    """Field name → initial value for the ticket form, built from what the wizard gathered."""
    text = state.text or (run.body if run else "")
    extracted = diagnose_text(text, language=lang).extracted if text else None
    details = [f"Wizard path: {' → '.join(state.path)}"]
    if library_label:
        details.append(f"openai library: {library_label}")
    if extracted and extracted.request_id:
        details.append(f"Request id: {extracted.request_id}")
    if run:
        details.append(f"Health check run: {run.pk} ({run.outcome}, HTTP {run.http_status or '-'})")
    return {
        "model": _model_of(state.req) or (run.profile.model if run else ""),
        "error_message": mask_secrets(text),
        "error_code": (extracted.code if extracted else "") or (str(run.http_status or "") if run else ""),
        "request_body": mask_secrets(state.req),
        "request_headers": "",
        "timezone": "",
        "details": mask_secrets("\n".join(details)),
        "wizard_path": ",".join(state.path),
        "health_run_id": state.run,
        "condition": condition,
    }
