"""Reads of the guide: one entry, the index groupings, search.

Search looks at every language's text, whatever the page language, so a reader
who pastes a Chinese phrase into the English page still finds the entry.
"""

from collections import defaultdict

from modeltranslation.utils import build_localized_fieldname

from errors_kb import search
from errors_kb.models import Entry
from troubleshooter.lib.languages import LANGUAGE_CODES

# The long Markdown columns: lists and the index never show them, so they are not read there.
LONG_TEXT_COLUMNS = tuple(
    column
    for field in ("cause", "solution", "body", "sources_note", "search_terms")
    for column in (field, *(build_localized_fieldname(field, code) for code in LANGUAGE_CODES))
) + ("examples",)


def entry_get(*, slug):
    """The entry with this slug and what its page shows, or None."""
    return Entry.objects.filter(slug=slug).prefetch_related("reasons", "steps", "related", "provider_messages").first()


def entry_list(*, kind=None):
    entries = Entry.objects.all()
    if kind:
        entries = entries.filter(kind=kind)
    return entries


def exception_entry_slug(name):
    """The slug an exception's own page has: openai.error.RateLimitError → openai-error-ratelimiterror."""
    if not name.lower().startswith("openai."):
        name = f"openai.{name}"
    return name.replace(".", "-").lower()


def exception_version(name):
    """v0 names live in openai.error (library before 1.0); everything else is v1."""
    return "v0" if name.lower().startswith("openai.error.") else "v1"


def exception_entries_by_name(names):
    """Map each exception name to the exception entry that explains it, for names that have one."""
    slugs = {name: exception_entry_slug(name) for name in names}
    found = {entry.slug: entry for entry in Entry.objects.exceptions().filter(slug__in=set(slugs.values()))}
    return {name: found[slug] for name, slug in slugs.items() if slug in found}


def entry_groups():
    """The index: conditions by HTTP status, by SDK exception (v1, v0) and by error code; topics."""
    entries = list(Entry.objects.defer(*LONG_TEXT_COLUMNS))
    conditions = [entry for entry in entries if entry.kind == Entry.Kind.CONDITION]

    by_status = defaultdict(list)
    without_status = []
    by_code = defaultdict(list)
    by_exception = defaultdict(list)
    for entry in conditions:
        if entry.http_status:
            by_status[entry.http_status].append(entry)
        else:
            without_status.append(entry)
        for code in entry.error_codes:
            by_code[code].append(entry)
        for name in entry.sdk_exceptions:
            by_exception[name].append(entry)

    exception_entries = [entry for entry in entries if entry.kind == Entry.Kind.EXCEPTION]
    for entry in exception_entries:
        for name in entry.sdk_exceptions:
            by_exception.setdefault(name, [])
    pages = exception_entries_by_name(by_exception)
    for entry in exception_entries:  # a name without a page of its own (openai.APIStatusError): the page naming it
        for name in entry.sdk_exceptions:
            pages.setdefault(name, entry)

    exceptions = {"v1": [], "v0": []}
    for name in sorted(by_exception, key=str.lower):
        exceptions[exception_version(name)].append(
            {"name": name, "page": pages.get(name), "entries": by_exception[name]}
        )
    listed_pages = {group["page"].pk for version in exceptions.values() for group in version if group["page"]}

    return {
        "by_status": [{"status": status, "entries": by_status[status]} for status in sorted(by_status)],
        "without_status": without_status,
        "by_exception": exceptions,
        "other_exception_pages": [entry for entry in exception_entries if entry.pk not in listed_pages],
        "by_code": [{"code": code, "entries": by_code[code]} for code in sorted(by_code)],
        "topics": [entry for entry in entries if entry.kind == Entry.Kind.TOPIC],
    }


def http_statuses():
    """The HTTP statuses that have at least one condition, ascending."""
    return list(
        Entry.objects.conditions()
        .exclude(http_status=None)
        .order_by("http_status")
        .values_list("http_status", flat=True)
        .distinct()
    )


def entry_search(*, query, kind=None):
    """Entries about the query, best first (see ``errors_kb.search``); an empty query lists every entry.

    Results show titles, badges and snippets from the search index, so the long texts stay unread.
    """
    entries = entry_list(kind=kind).defer(*LONG_TEXT_COLUMNS)
    if not search.query_tokens(query):
        return list(entries)
    ids = search.index_search(search.search_index(), query=query, kind=kind)
    found = entries.in_bulk(ids)
    return [found[entry_id] for entry_id in ids if entry_id in found]
