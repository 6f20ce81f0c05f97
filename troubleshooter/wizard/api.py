"""GET /api/wizard?lang=: the flow graph (DESIGN.md contract)."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _

from troubleshooter.lib.jsonapi import ApiError, json_api
from troubleshooter.lib.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from troubleshooter.wizard.graph import flow_graph


class GraphQuery(forms.Form):
    lang = forms.ChoiceField(choices=[(code, code) for code in LANGUAGE_CODES], required=False)


@json_api()
def wizard_graph(request):
    form = GraphQuery(request.GET)
    if not form.is_valid():
        raise ApiError(
            _("Unknown lang “%(value)s”; valid values: %(values)s.")
            % {"value": form.data.get("lang"), "values": ", ".join(LANGUAGE_CODES)},
            status=400,
        )
    lang = form.cleaned_data["lang"] or DEFAULT_LANGUAGE
    with translation.override(lang):
        return flow_graph(lang=lang)
