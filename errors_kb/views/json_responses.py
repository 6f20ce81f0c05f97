"""JSON answers of the API: UTF-8, non-ASCII text left readable, errors in the caller's language."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def json_response(data, *, status=200, headers=None):
    return JsonResponse(
        data,
        status=status,
        headers=headers,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )


def json_error(message, *, status, headers=None):
    return json_response({"error": message}, status=status, headers=headers)


def api_language(request, requested=None):
    """The language an answer is written in: a valid ``lang`` the caller asked for, else Accept-Language."""
    if isinstance(requested, str) and requested.lower() in LANGUAGE_CODES:
        return requested.lower()
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE
