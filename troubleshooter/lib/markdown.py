"""Markdown from guide entries to HTML that is safe to show: rendered, then sanitized."""

import threading

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "kbd",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "code": {"class"}, "th": {"align"}, "td": {"align"}}
EXTENSIONS = ["fenced_code", "tables", "sane_lists"]
_parsers = threading.local()  # building a parser costs more than most conversions: one per thread, reset per use


def _parser():
    if not hasattr(_parsers, "parser"):
        _parsers.parser = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    return _parsers.parser.reset()


def render_markdown(text):
    """Return sanitized HTML: scripts, event handlers and javascript: links never survive."""
    html = _parser().convert(text or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has removed everything unsafe
