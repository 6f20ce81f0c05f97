"""Guide entries as plain dicts in one language: for the JSON API, for the compare view, for search results.

Markdown fields stay Markdown here; templates render them with the `markdown` filter.
"""

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from errors_kb.models import Entry
from errors_kb.selectors import exception_entries_by_name, search_terms
from troubleshooter.lib.languages import LANGUAGE_CODES

SNIPPET_RADIUS = 80
MARKDOWN_NOISE = re.compile(r"(\*\*|\*|`|^#+\s*|^\s*[-+]\s+|^\s*\d+\.\s+)", re.MULTILINE)
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def who_acts_sentence(who_acts):
    sentences = {
        Entry.Actor.YOU: _("You can fix this yourself."),
        Entry.Actor.ORG_OWNER: _(
            "Your organization's owner has to act: billing, limits and roles are theirs to change."
        ),
        Entry.Actor.OPENAI: _("OpenAI has to act; there is nothing wrong with your request."),
        Entry.Actor.PROVIDER: _("Your gateway, proxy or network provider has to act."),
    }
    return sentences.get(who_acts, "")


def retry_sentence(retry):
    sentences = {
        Entry.Retry.YES: _("Retrying helps: send the request again, with exponential backoff."),
        Entry.Retry.AFTER_WAIT: _(
            "Retrying helps, but only after a wait: honour the Retry-After header if there is one."
        ),
        Entry.Retry.NO: _("Retrying does not help: the same request fails until the cause is fixed."),
    }
    return sentences.get(retry, "")


def entry_url(entry, *, lang, request=None):
    with translation.override(lang):
        path = reverse("errors_kb:entry_detail", kwargs={"slug": entry.slug})
    return request.build_absolute_uri(path) if request else path


def entry_summary_data(entry, *, lang, request=None):
    """The fields a list shows, in one language."""
    with translation.override(lang):
        return {
            "slug": entry.slug,
            "kind": entry.kind,
            "title": entry.title,
            "summary": entry.summary,
            "http_status": entry.http_status,
            "error_codes": list(entry.error_codes),
            "error_types": list(entry.error_types),
            "sdk_exceptions": list(entry.sdk_exceptions),
            "url": entry_url(entry, lang=lang, request=request),
        }


def entry_detail_data(entry, *, lang, request=None):
    """Everything an entry says, in one language; Markdown fields as Markdown source."""
    data = entry_summary_data(entry, lang=lang, request=request)
    with translation.override(lang):
        data.update(
            {
                "lang": lang,
                "api_messages": list(entry.api_messages),
                "cause": entry.cause,
                "solution": entry.solution,
                "body": entry.body,
                "sources_note": entry.sources_note,
                "reasons": [reason.text for reason in entry.reasons.all()],
                "steps": [step.text for step in entry.steps.all()],
                "who_acts": entry.who_acts,
                "retry": entry.retry,
                "who_acts_text": who_acts_sentence(entry.who_acts),
                "retry_text": retry_sentence(entry.retry),
                "examples": list(entry.examples),
                "related": [
                    {
                        "slug": other.slug,
                        "title": other.title,
                        "url": entry_url(other, lang=lang, request=request),
                    }
                    for other in entry.related.all()
                ],
            }
        )
    return data


def entry_page_columns(entry, *, languages):
    """The entry page's columns (one per language), each with its exception names linked to their pages."""
    pages = exception_entries_by_name(entry.sdk_exceptions)
    columns = []
    for lang in languages:
        column = entry_detail_data(entry, lang=lang)
        column["exception_links"] = [
            {
                "name": name,
                "url": entry_url(pages[name], lang=lang) if name in pages and pages[name].pk != entry.pk else None,
            }
            for name in entry.sdk_exceptions
        ]
        columns.append(column)
    return columns


def _plain(text):
    return MARKDOWN_LINK.sub(r"\1", MARKDOWN_NOISE.sub("", text or "")).replace("\n", " ").strip()


def _texts_in_reading_order(entry, *, lang):
    """Where a snippet may come from: the page language first, then the verbatim messages, then the others."""
    languages = [lang] + [code for code in LANGUAGE_CODES if code != lang]
    for position, code in enumerate(languages):
        with translation.override(code):
            fields = [entry.summary, entry.cause, entry.solution, entry.body, entry.sources_note]
            fields += [reason.text for reason in entry.reasons.all()]
            fields += [step.text for step in entry.steps.all()]
            fields.append(entry.title)
        for text in fields:
            yield code, text
        if position == 0:
            for message in entry.api_messages + entry.examples:
                yield "en", message


def search_snippet(entry, *, query, lang):
    """A short excerpt around the first word of the query, split so the template can mark the match."""
    terms = search_terms(query)
    if terms:
        needle = terms[0].casefold()
        for code, text in _texts_in_reading_order(entry, lang=lang):
            plain = _plain(text)
            found = plain.casefold().find(needle)
            if found < 0 or len(plain.casefold()) != len(plain):
                continue
            start = max(0, found - SNIPPET_RADIUS)
            end = min(len(plain), found + len(needle) + SNIPPET_RADIUS)
            return {
                "lang": code,
                "before": ("…" if start else "") + plain[start:found],
                "match": plain[found : found + len(needle)],
                "after": plain[found + len(needle) : end] + ("…" if end < len(plain) else ""),
            }
    with translation.override(lang):
        return {"lang": lang, "before": entry.summary, "match": "", "after": ""}
