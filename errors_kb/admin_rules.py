"""The MatchRule form the admin's inline uses: a broken pattern is refused with a clear message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from errors_kb.diagnosis.rules import pattern_error
from errors_kb.models import MatchRule


class MatchRuleForm(forms.ModelForm):
    class Meta:
        model = MatchRule
        fields = "__all__"

    def clean_pattern(self):
        pattern = self.cleaned_data.get("pattern", "")
        problem = pattern_error(pattern)
        if problem:
            raise forms.ValidationError(problem, code="invalid_pattern")
        return pattern

    def clean_weight(self):
        weight = self.cleaned_data.get("weight")
        if weight is not None and not -1.0 <= weight <= 1.0:
            raise forms.ValidationError(
                _("The weight must be between -1 and 1 (negative counts against)."), code="weight_range"
            )
        return weight
