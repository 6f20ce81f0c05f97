"""The language switcher: the same page, query string kept, under another language prefix."""

from django import template
from django.utils.translation import get_language, get_language_info

from troubleshooter.lib.languages import LANGUAGE_CODES

register = template.Library()


def _path_in_language(path, *, current, target):
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{target}/{path[len(prefix) :]}"
    return f"/{target}/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: code, name in that language, URL, and whether it is the page's."""
    request = context["request"]
    current = get_language()
    query = request.GET.urlencode()
    links = []
    for code in LANGUAGE_CODES:
        url = _path_in_language(request.path, current=current, target=code)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": f"{url}?{query}" if query else url,
                "current": code == current,
            }
        )
    return links
