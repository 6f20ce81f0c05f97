"""Reads of the guide: one entry, the index groupings, search.

Search looks at every language's text, whatever the page language, so a reader
who pastes a Chinese phrase into the English page still finds the entry.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from modeltranslation.utils import build_localized_fieldname

from errors_kb.models import Entry, Reason, Step
from troubleshooter.lib.languages import LANGUAGE_CODES

TRANSLATED_ENTRY_FIELDS = ("title", "summary", "cause", "solution", "body", "sources_note")
VERBATIM_LIST_FIELDS = ("api_messages", "error_codes", "error_types", "sdk_exceptions", "examples")
# The long Markdown columns: lists and the index never show them, so they are not read there.
LONG_TEXT_COLUMNS = tuple(
    column
    for field in ("cause", "solution", "body", "sources_note")
    for column in (field, *(build_localized_fieldname(field, code) for code in LANGUAGE_CODES))
) + ("examples",)


def entry_get(*, slug):
    """The entry with this slug and what its page shows, or None."""
    return Entry.objects.filter(slug=slug).prefetch_related("reasons", "steps", "related").first()


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


# Punctuation around a word ("code:", "(429)", "'insufficient_quota',") is pasted along, not searched for.
TERM_EDGES = ".,:;!?\"'`()[]{}<>“”‘’「」（），。：；"


def search_terms(query):
    terms = (term.strip(TERM_EDGES) for term in (query or "").split())
    return [term for term in terms if any(char.isalnum() for char in term)]


def _term_filter(term):
    """Entries that mention the term anywhere, in any language; case-insensitive."""
    condition = Q(slug__icontains=term)
    for field in TRANSLATED_ENTRY_FIELDS:
        for code in LANGUAGE_CODES:
            condition |= Q(**{f"{build_localized_fieldname(field, code)}__icontains": term})
    for field in VERBATIM_LIST_FIELDS:
        # JSON is stored with \u escapes for non-ASCII, but the verbatim fields are English.
        condition |= Q(**{f"{field}__icontains": term})
    if term.isdigit():
        condition |= Q(http_status=int(term))

    text_matches = Q()
    for code in LANGUAGE_CODES:
        text_matches |= Q(**{f"{build_localized_fieldname('text', code)}__icontains": term})
    in_reasons = Reason.objects.filter(text_matches, entry=OuterRef("pk"))
    in_steps = Step.objects.filter(text_matches, entry=OuterRef("pk"))
    return condition | Q(Exists(in_reasons)) | Q(Exists(in_steps))


def entry_search(*, query, kind=None):
    """Entries matching every word of the query; an empty query matches everything.

    Without a query nothing needs a snippet, so the long texts, reasons and steps stay unread.
    """
    entries = entry_list(kind=kind)
    terms = search_terms(query)
    if not terms:
        return entries.defer(*LONG_TEXT_COLUMNS)
    for term in terms:
        entries = entries.filter(_term_filter(term))
    found = list(entries.prefetch_related("reasons", "steps"))
    kind_rank = {kind: rank for rank, kind in enumerate(Entry.Kind.values)}
    return sorted(found, key=lambda entry: (-_relevance(entry, terms), kind_rank[entry.kind], entry.sort_order))


# Where a word is found says how much the entry is about it: a code or a title beats a passing mention.
RELEVANCE_WEIGHTS = (
    (12, ("slug",), ("title",), ()),
    (10, (), (), ("error_codes", "error_types", "sdk_exceptions")),
    (6, (), ("summary",), ("api_messages",)),
)


def _exact_names(entry):
    """What a reader may type whole: the slug, codes, types, and exception names with or without their module."""
    names = {entry.slug, *entry.error_codes, *entry.error_types}
    for exception in entry.sdk_exceptions:
        names |= {exception, exception.rsplit(".", 1)[-1]}
    return {name.lower() for name in names}


def _relevance(entry, terms):
    """Per word: the best place it was found, more when the word names the entry itself."""
    score = 0
    exact = _exact_names(entry)
    for term in (term.lower() for term in terms):
        places = [0]
        for weight, plain, translated, lists in RELEVANCE_WEIGHTS:
            texts = [getattr(entry, name) for name in plain]
            texts += [
                getattr(entry, build_localized_fieldname(name, code)) or ""
                for name in translated
                for code in LANGUAGE_CODES
            ]
            texts += [item for name in lists for item in getattr(entry, name)]
            if any(term in text.lower() for text in texts):
                places.append(weight)
        score += max(places)
        if term.isdigit() and entry.http_status == int(term):
            score += 8
        if term == entry.slug or (term in exact and entry.kind == Entry.Kind.EXCEPTION):
            score += 20  # the page about exactly this
        elif term in exact:
            score += 6
    return score
