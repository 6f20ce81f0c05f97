"""The guide as JSON: the entry list (with search) and one entry.

Errors are written in the language asked for (a valid ``lang``, else Accept-Language).
"""

from django.utils.translation import gettext as _

from errors_kb import selectors
from errors_kb.forms.query import QUERY_MAX_LENGTH, ApiDetailForm, ApiListForm
from errors_kb.models import Entry
from errors_kb.presenters import entry_detail_data, entry_summary_data
from troubleshooter.lib.jsonapi import ApiError, json_api
from troubleshooter.lib.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES


def _input_error(form):
    """What is wrong with the query string, naming the valid values."""
    if "lang" in form.errors:
        message = _("Unknown lang “%(value)s”; valid values: %(values)s.") % {
            "value": form.data.get("lang"),
            "values": ", ".join(LANGUAGE_CODES),
        }
    elif "kind" in form.errors:
        message = _("Unknown kind “%(value)s”; valid values: %(values)s.") % {
            "value": form.data.get("kind"),
            "values": ", ".join(Entry.Kind.values),
        }
    else:
        message = _("Invalid query: q is at most %(limit)s characters.") % {"limit": QUERY_MAX_LENGTH}
    return ApiError(message, status=400)


@json_api()
def entry_list(request):
    form = ApiListForm(request.GET)
    if not form.is_valid():
        raise _input_error(form)
    lang = form.cleaned_data["lang"] or DEFAULT_LANGUAGE
    entries = selectors.entry_search(query=form.cleaned_data["q"], kind=form.cleaned_data["kind"] or None)
    return {"lang": lang, "entries": [entry_summary_data(entry, lang=lang, request=request) for entry in entries]}


@json_api()
def entry_detail(request, slug):
    form = ApiDetailForm(request.GET)
    if not form.is_valid():
        raise _input_error(form)
    entry = selectors.entry_get(slug=slug)
    if entry is None:
        raise ApiError(_("No guide entry with slug “%(slug)s”.") % {"slug": slug}, status=404)
    lang = form.cleaned_data["lang"] or DEFAULT_LANGUAGE
    return {"lang": lang, **entry_detail_data(entry, lang=lang, request=request)}
