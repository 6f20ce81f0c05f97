"""The ticket form: one validation for the page and the API (sizes, time zone, email, time)."""

import zoneinfo
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from troubleshooter.tickets.models import LIMITS, TicketEvent

TEXT_FIELDS = ("model", "error_message", "error_code", "request_body", "request_headers", "details")
HOOK_FIELDS = ("request_id", "openai_version", "python_version", "os_name", "wizard_path", "health_run_id")
API_FIELDS = TEXT_FIELDS + ("occurred_at", "timezone", "contact_email") + HOOK_FIELDS


def _text(label, limit, *, rows=None, required=False, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows, "spellcheck": "false"}) if rows else forms.TextInput()
    return forms.CharField(
        label=label, max_length=limit, required=required, strip=False, widget=widget, help_text=help_text
    )


class TicketForm(forms.Form):
    model = _text(_("Model"), LIMITS["model"], help_text=_("For example gpt-4o-mini."))
    error_message = _text(_("Error message"), LIMITS["error_message"], rows=6, required=True)
    error_code = _text(_("Error code"), LIMITS["error_code"], help_text=_("The HTTP status or the code field."))
    request_body = _text(_("Request body"), LIMITS["request_body"], rows=6)
    request_headers = _text(_("Request headers"), LIMITS["request_headers"], rows=4)
    occurred_at = forms.CharField(label=_("When it happened"), required=False, max_length=40)
    timezone = forms.CharField(label=_("Time zone"), required=False, max_length=LIMITS["timezone"])
    details = _text(
        _("Other details"),
        LIMITS["details"],
        rows=4,
        help_text=_("Versions of the openai library and Python, your OS, what you already tried."),
    )
    contact_email = forms.EmailField(label=_("Contact address"), required=False, max_length=LIMITS["contact_email"])
    request_id = forms.CharField(required=False, max_length=LIMITS["request_id"], widget=forms.HiddenInput)
    openai_version = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    python_version = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    os_name = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    wizard_path = forms.CharField(required=False, max_length=LIMITS["wizard_path"], widget=forms.HiddenInput)
    health_run_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["error_message"].error_messages["required"] = _(
            "The error message is missing: paste what the API or the library said."
        )

    def clean_timezone(self):
        name = (self.cleaned_data.get("timezone") or "").strip() or "UTC"
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(
                _("“%(name)s” is not a time zone; use a name like Asia/Seoul or UTC."), params={"name": name}
            ) from None
        return name

    def clean(self):
        cleaned = super().clean()
        if "timezone" in cleaned and not self.has_error("occurred_at"):
            try:
                cleaned["occurred_at"] = parse_moment(cleaned.get("occurred_at"), cleaned["timezone"])
            except ValueError:
                self.add_error(
                    "occurred_at", _("Give the time as 2026-05-01T14:30 (ISO 8601), or leave it empty for now.")
                )
        return cleaned

    def service_arguments(self):
        data = {name: self.cleaned_data[name] for name in API_FIELDS if name != "timezone"}
        data["timezone_name"] = self.cleaned_data["timezone"]
        return data


def parse_moment(value, timezone_name):
    """An ISO 8601 time; without an offset it is read in the filer's time zone. Empty: now."""
    if not value:
        return timezone.now()
    moment = datetime.fromisoformat(value.strip())
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(timezone_name))
    return moment


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Add a note"),
        max_length=TicketEvent._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def form_errors(form):
    """The form's errors as one line per field, labelled, for the API's one message."""
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields and form.fields[name].label else name
        lines.append(f"{name} ({label}): {' '.join(errors)}" if name != "__all__" else " ".join(errors))
    return " ".join(lines)
