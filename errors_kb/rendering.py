"""Guide Markdown as the pages show it: cross-references resolved, rendered and sanitised once per guide version.

A cross-reference is written ``[[slug]]`` in any translated Markdown field; it
becomes a link to that entry showing its title in the page's language. An
unknown slug stays as plain text (the loader's validation reports it).
"""

import re

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from modeltranslation.utils import build_localized_fieldname

from errors_kb.guide_file import CROSS_REFERENCE
from errors_kb.guide_version import guide_cached
from errors_kb.models import Entry
from troubleshooter.lib.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from troubleshooter.lib.markdown import render_markdown

MARKDOWN_FIELDS = ("cause", "solution", "body", "sources_note")


def entry_titles():
    """slug → {language: title} for every entry (English where a title is missing); one query per guide version."""

    def compute():
        columns = [build_localized_fieldname("title", code) for code in LANGUAGE_CODES]
        return {
            slug: {code: title or titles[0] for code, title in zip(LANGUAGE_CODES, titles, strict=True)}
            for slug, *titles in Entry.objects.values_list("slug", *columns)
        }

    return guide_cached("titles", compute=compute)


def entry_path(slug, *, lang):
    with translation.override(lang):
        return reverse("errors_kb:entry_detail", kwargs={"slug": slug})


def resolve_cross_references(text, *, lang, link, titles=None):
    """``[[slug]]`` → ``link(title, path)``; unknown slugs become the slug as plain text."""
    titles = entry_titles() if titles is None else titles

    def replace(match):
        slug = match.group(1)
        if slug not in titles:
            return slug
        return link(titles[slug].get(lang) or titles[slug][DEFAULT_LANGUAGE], entry_path(slug, lang=lang))

    return CROSS_REFERENCE.sub(replace, text or "")


def html_link(title, path):
    return f'<a href="{escape(path)}">{escape(title)}</a>'


def markdown_link(title, path):
    return "[{}]({})".format(re.sub(r"([\[\]\\*_`])", r"\\\1", title), path)


def markdown_html(text, *, lang, titles=None):
    return render_markdown(resolve_cross_references(text, lang=lang, link=html_link, titles=titles))


def entry_html(entry, *, lang):
    """An entry's Markdown fields, reasons and steps as safe HTML in one language; rendered once per guide version."""

    def compute():
        titles = entry_titles()
        with translation.override(lang):
            html = {
                name: str(markdown_html(getattr(entry, name), lang=lang, titles=titles)) for name in MARKDOWN_FIELDS
            }
            html["reasons"] = [
                str(markdown_html(reason.text, lang=lang, titles=titles)) for reason in entry.reasons.all()
            ]
            html["steps"] = [str(markdown_html(step.text, lang=lang, titles=titles)) for step in entry.steps.all()]
        return html

    return guide_cached("html", entry.pk, entry.revision, lang, compute=compute)


MARKDOWN_FENCED_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
MARKDOWN_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$", re.MULTILINE)
MARKDOWN_NOISE = re.compile(r"(\*\*|__|\*|`+|^#+\s*|^\s*>\s?|^\s*[-+*]\s+|^\s*\d+\.\s+)", re.MULTILINE)
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")


def markdown_plain(text, *, lang, titles=None):
    """Markdown as one line of plain text: no code blocks, emphasis, code marks, table pipes, links or tags."""
    text = resolve_cross_references(text, lang=lang, link=lambda title, path: title, titles=titles)
    text = MARKDOWN_FENCED_CODE.sub(" ", text)
    text = MARKDOWN_TABLE_RULE.sub(" ", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = MARKDOWN_NOISE.sub("", HTML_TAG.sub("", text))
    text = text.replace("|", " ")
    return re.sub(r"\s+", " ", text).strip()
