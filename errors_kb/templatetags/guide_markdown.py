from django import template
from django.utils.translation import get_language

from errors_kb.rendering import markdown_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Guide Markdown, sanitised, with ``[[slug]]`` cross-references linked in the page's language."""
    return markdown_html(text, lang=get_language())
