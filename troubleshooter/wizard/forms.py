from django import forms
from django.utils.translation import gettext_lazy as _

from troubleshooter.wizard.request_check import ENDPOINTS

MAX_PASTE_CHARS = 64_000
MAX_REQUEST_CHARS = 200_000
ENDPOINT_LABELS = {
    "chat": _("Chat completions (/v1/chat/completions)"),
    "responses": _("Responses (/v1/responses)"),
    "embeddings": _("Embeddings (/v1/embeddings)"),
}


class PasteForm(forms.Form):
    text = forms.CharField(label=_("Error text"), max_length=MAX_PASTE_CHARS, strip=True)


class RequestCheckForm(forms.Form):
    endpoint = forms.ChoiceField(label=_("Endpoint"), choices=[(key, ENDPOINT_LABELS[key]) for key in ENDPOINTS])
    body = forms.CharField(
        label=_("Request body (JSON)"), max_length=MAX_REQUEST_CHARS, strip=False, widget=forms.Textarea
    )


class OneOffCheckForm(forms.Form):
    """A live check with a key typed here: the key is never rendered back, stored or logged."""

    base_url = forms.URLField(label=_("Base URL"), max_length=500, initial="https://api.openai.com/v1")
    api_key = forms.CharField(
        label=_("API key (used for this check only, never stored)"),
        max_length=400,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    model = forms.CharField(label=_("Model"), max_length=100, initial="gpt-4o-mini")


class OutcomeForm(forms.Form):
    condition = forms.SlugField(max_length=80)
    resolved = forms.TypedChoiceField(choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes")
