"""JSON answers of the API: UTF-8, non-ASCII text left readable."""

from django.http import JsonResponse


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
