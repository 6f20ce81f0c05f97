"""The guide as JSON: the entry list (with search), one entry, and the OpenAPI document."""

from django.conf import settings

from errors_kb import selectors
from errors_kb.guide_forms import ApiDetailForm, ApiListForm
from errors_kb.models import Entry
from errors_kb.openapi import openapi_document
from errors_kb.presenters import entry_detail_data, entry_summary_data
from errors_kb.views.json_responses import json_error, json_response

DEFAULT_LANGUAGE = "en"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _only_get(view):
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return json_error("Method not allowed; use GET.", status=405, headers={"Allow": "GET, HEAD"})
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _input_error(form):
    """API errors are in English, naming the valid values."""
    if "lang" in form.errors:
        return f"Unknown lang {form.data.get('lang')!r}; valid values: {', '.join(LANGUAGE_CODES)}."
    if "kind" in form.errors:
        kinds = ", ".join(Entry.Kind.values)
        return f"Unknown kind {form.data.get('kind')!r}; valid values: {kinds}."
    return "Invalid query: q is at most 200 characters."


@_only_get
def entry_list(request):
    form = ApiListForm(request.GET)
    if not form.is_valid():
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
        return json_error(_input_error(form), status=400)
    entry = selectors.entry_get(slug=slug)
    if entry is None:
        return json_error(f"No guide entry with slug {slug!r}.", status=404)
    lang = form.cleaned_data["lang"] or DEFAULT_LANGUAGE
    data = entry_detail_data(entry, lang=lang, request=request)
    data.pop("exception_links")
    return json_response({"lang": lang, **data})


@_only_get
def openapi_schema(request):
    return json_response(openapi_document())
