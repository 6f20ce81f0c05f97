"""Guide entries as plain dicts in one language: for the JSON API, for the compare view, for search results.

Markdown fields stay Markdown for the API (cross-references become Markdown links); the pages
get them rendered once per guide version (``errors_kb.rendering``).
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from errors_kb import search
from errors_kb.models import Entry
from errors_kb.rendering import entry_html, markdown_link, resolve_cross_references
from errors_kb.selectors import exception_entries_by_name
from troubleshooter.lib.languages import script_language


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

    def markdown(text):
        def link(title, path):
            return markdown_link(title, request.build_absolute_uri(path) if request else path)

        return resolve_cross_references(text, lang=lang, link=link)

    with translation.override(lang):
        data.update(
            {
                "lang": lang,
                "api_messages": list(entry.api_messages),
                "provider_messages": [
                    {
                        "provider": m.provider,
                        "status": m.status,
                        "code": m.code,
                        "message": m.message,
                        "message_lang": script_language(m.message),
                    }
                    for m in entry.provider_messages.all()
                ],
                "cause": markdown(entry.cause),
                "solution": markdown(entry.solution),
                "body": markdown(entry.body),
                "sources_note": markdown(entry.sources_note),
                "reasons": [markdown(reason.text) for reason in entry.reasons.all()],
                "steps": [markdown(step.text) for step in entry.steps.all()],
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
        column["html"] = entry_html(entry, lang=lang)
        column["language_name"] = get_language_info(lang)["name_local"]
        column["exception_links"] = [
            {
                "name": name,
                "url": entry_url(pages[name], lang=lang) if name in pages and pages[name].pk != entry.pk else None,
            }
            for name in entry.sdk_exceptions
        ]
        columns.append(column)
    return columns


def search_results(entries, *, query, lang):
    """Each entry found with an excerpt in the page's language, plain text, the match marked."""
    index = search.search_index()
    return [
        {"entry": entry, "snippet": search.index_snippet(index, entry_id=entry.pk, query=query, lang=lang)}
        for entry in entries
    ]
