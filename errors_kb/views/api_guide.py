"""The guide as JSON: the entry list (with search) and one entry.

Answers are cached per host, language and query under the guide's version stamp.

Errors are written in the language asked for (a valid ``lang``, else Accept-Language).
"""

from django.utils.translation import gettext as _

from errors_kb import selectors
from errors_kb.forms.query import QUERY_MAX_LENGTH, ApiDetailForm, ApiListForm
from errors_kb.guide_version import guide_cached
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
    lang, query, kind = form.cleaned_data["lang"] or DEFAULT_LANGUAGE, form.cleaned_data["q"], form.cleaned_data["kind"]

    def answer():
        entries = selectors.entry_search(query=query, kind=kind or None)
        return {"lang": lang, "entries": [entry_summary_data(entry, lang=lang, request=request) for entry in entries]}

    return guide_cached("api-list", request.build_absolute_uri("/"), lang, kind, query, compute=answer)


@json_api()
def entry_detail(request, slug):
    form = ApiDetailForm(request.GET)
    if not form.is_valid():
        raise _input_error(form)
    lang = form.cleaned_data["lang"] or DEFAULT_LANGUAGE

    def answer():
        entry = selectors.entry_get(slug=slug)
        return None if entry is None else {"lang": lang, **entry_detail_data(entry, lang=lang, request=request)}

    found = guide_cached("api-entry", request.build_absolute_uri("/"), lang, slug, compute=answer)
    if found is None:
        raise ApiError(_("No guide entry with slug “%(slug)s”.") % {"slug": slug}, status=404)
    return found
