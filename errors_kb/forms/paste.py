"""The diagnose page's paste box."""

from django import forms
from django.utils.translation import gettext_lazy as _

from errors_kb.diagnosis.text_input import TextProblem, text_check


class DiagnoseForm(forms.Form):
    text = forms.CharField(
        label=_("Error text"),
        strip=False,
        required=False,  # text_check says what is wrong in our words, with the right status
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "autocomplete": "off"}),
    )

    status_code = 200

    def clean_text(self):
        try:
            return text_check(self.cleaned_data.get("text", ""))
        except TextProblem as problem:
            self.status_code = problem.status
            raise forms.ValidationError(problem.message, code="text") from None
