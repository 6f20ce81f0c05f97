"""The guide as JSON: the entry list (with search), one entry, and the OpenAPI document.

Errors are written in the language asked for (a valid ``lang``, else Accept-Language).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from errors_kb import selectors
from errors_kb.guide_forms import QUERY_MAX_LENGTH, ApiDetailForm, ApiListForm
from errors_kb.models import Entry
from errors_kb.openapi import openapi_document
from errors_kb.presenters import entry_detail_data, entry_summary_data
from errors_kb.views.json_responses import api_language, json_error, json_response

DEFAULT_LANGUAGE = "en"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _callers_language(request):
    return translation.override(api_language(request, request.GET.get("lang")))


def _only_get(view):
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            with _callers_language(request):
                return json_error(_("Method not allowed; use GET."), status=405, headers={"Allow": "GET, HEAD"})
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _input_error(form):
    """What is wrong with the query string, naming the valid values."""
    if "lang" in form.errors:
        return _("Unknown lang “%(value)s”; valid values: %(values)s.") % {
            "value": form.data.get("lang"),
            "values": ", ".join(LANGUAGE_CODES),
        }
    if "kind" in form.errors:
        return _("Unknown kind “%(value)s”; valid values: %(values)s.") % {
            "value": form.data.get("kind"),
            "values": ", ".join(Entry.Kind.values),
        }
    return _("Invalid query: q is at most %(limit)s characters.") % {"limit": QUERY_MAX_LENGTH}


@_only_get
def entry_list(request):
    form = ApiListForm(request.GET)
    if not form.is_valid():
        with _callers_language(request):
            return json_error(_input_error(form), status=400)
    lang = form.cleaned_data["lang"] or DEFAULT_LANGUAGE
    entries = selectors.entry_search(query=form.cleaned_data["q"], kind=form.cleaned_data["kind"] or None)
    return json_response(
        {"lang": lang, "entries": [entry_summary_data(entry, lang=lang, request=request) for entry in entries]}
    )


@_only_get
def entry_detail(request, slug):
    form = ApiDetailForm(request.GET)
    if not form.is_valid():
        with _callers_language(request):
            return json_error(_input_error(form), status=400)
    entry = selectors.entry_get(slug=slug)
    if entry is None:
        with _callers_language(request):
            return json_error(_("No guide entry with slug “%(slug)s”.") % {"slug": slug}, status=404)
    lang = form.cleaned_data["lang"] or DEFAULT_LANGUAGE
    return json_response({"lang": lang, **entry_detail_data(entry, lang=lang, request=request)})


@_only_get
def openapi_schema(request):
    return json_response(openapi_document())
