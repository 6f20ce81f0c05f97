"""Query-string input of the guide pages and the guide API."""

from django import forms

from errors_kb.models import Entry
from troubleshooter.lib.languages import LANGUAGES

QUERY_MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=QUERY_MAX_LENGTH, strip=True)

    def query(self):
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class CompareForm(forms.Form):
    compare = forms.ChoiceField(required=False, choices=LANGUAGES)

    def language(self, *, page_language):
        """The second language to show, or None: unknown values and the page language itself mean no comparison."""
        if not self.is_valid():
            return None
        chosen = self.cleaned_data.get("compare")
        return chosen if chosen and chosen != page_language else None


class ApiListForm(forms.Form):
    lang = forms.ChoiceField(required=False, choices=LANGUAGES)
    q = forms.CharField(required=False, max_length=QUERY_MAX_LENGTH, strip=True)
    kind = forms.ChoiceField(required=False, choices=Entry.Kind.choices)


class ApiDetailForm(forms.Form):
    lang = forms.ChoiceField(required=False, choices=LANGUAGES)
