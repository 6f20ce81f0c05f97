"""The guide's pages: the index with search, one entry (optionally beside a second language).

What a page says depends only on the guide, the language, the path and the query, so its
content region is cached under the guide's version stamp; the frame around it (``base.html``:
navigation, language switcher, the CSRF token in ``hx-headers``) is rendered for each request
and never cached.
"""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from errors_kb import selectors
from errors_kb.forms.query import CompareForm, SearchForm
from errors_kb.guide_version import guide_cached
from errors_kb.presenters import entry_page_columns, search_results


def _wants_partial(request):
    """An htmx swap gets the region only; a history restore after a reload needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _guide_page(request, *, template, region, parts, context):
    """The page from its cached region: ``region`` alone for htmx, else inside ``base.html``.

    ``context()`` is only called on a miss; it returns the template context and the page title,
    or None when there is no such page (then so does this).
    """
    partial = _wants_partial(request)
    name = region if partial else "content"

    def compute():
        found = context()
        if found is None:
            return None
        values, title = found
        return {"title": title, "html": render_to_string(f"{template}#{name}", values, request=request)}

    page = guide_cached("page", get_language(), request.path, name, *parts, compute=compute)
    if page is None:
        return None
    if partial:
        switcher = render_to_string("_language_switcher.html", {"oob": True}, request=request)
        return render(request, "errors_kb/region.html", {"html": mark_safe(page["html"] + switcher)})  # noqa: S308
    return render(request, "errors_kb/page.html", {"title": page["title"], "html": mark_safe(page["html"])})  # noqa: S308


@require_safe
@vary_on_headers("HX-Request")
def entry_index(request):
    query = SearchForm(request.GET).query()

    def context():
        values = {"query": query}
        if query:
            values["results"] = search_results(selectors.entry_search(query=query), query=query, lang=get_language())
        else:
            values["groups"] = selectors.entry_groups()
        return values, _("Error guide")

    return _guide_page(request, template="errors_kb/entry_index.html", region="results", parts=[query], context=context)


@require_safe
@vary_on_headers("HX-Request")
def entry_detail(request, slug):
    language = get_language()
    compare = CompareForm(request.GET).language(page_language=language)

    def context():
        entry = selectors.entry_get(slug=slug)
        if entry is None:
            return None
        columns = entry_page_columns(entry, languages=[language, compare] if compare else [language])
        return {"entry": entry, "columns": columns, "compare": compare}, columns[0]["title"]

    page = _guide_page(
        request, template="errors_kb/entry_detail.html", region="entry", parts=[compare], context=context
    )
    return page or render(request, "errors_kb/entry_not_found.html", {"slug": slug}, status=404)
