"""The guide's pages: the index with search, one entry (optionally beside a second language)."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from errors_kb import selectors
from errors_kb.forms.query import CompareForm, SearchForm
from errors_kb.presenters import entry_page_columns, search_snippet


def _wants_partial(request):
    """An htmx swap gets the region only; a history restore after a reload needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_safe
@vary_on_headers("HX-Request")
def entry_index(request):
    query = SearchForm(request.GET).query()
    partial = _wants_partial(request)
    context = {"query": query, "partial": partial}
    if query:
        language = get_language()
        context["results"] = [
            {"entry": entry, "snippet": search_snippet(entry, query=query, lang=language)}
            for entry in selectors.entry_search(query=query)
        ]
    else:
        context["groups"] = selectors.entry_groups()
    template = "errors_kb/entry_index.html#results" if partial else "errors_kb/entry_index.html"
    return render(request, template, context)


@require_safe
@vary_on_headers("HX-Request")
def entry_detail(request, slug):
    entry = selectors.entry_get(slug=slug)
    if entry is None:
        return render(request, "errors_kb/entry_not_found.html", {"slug": slug}, status=404)
    language = get_language()
    compare = CompareForm(request.GET).language(page_language=language)
    columns = entry_page_columns(entry, languages=[language, compare] if compare else [language])
    partial = _wants_partial(request)
    context = {"entry": entry, "columns": columns, "compare": compare, "partial": partial}
    template = "errors_kb/entry_detail.html#entry" if partial else "errors_kb/entry_detail.html"
    return render(request, template, context)
