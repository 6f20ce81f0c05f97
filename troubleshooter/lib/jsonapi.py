"""The JSON API's plumbing: methods, JSON bodies, and every error as JSON in the caller's language.

A view decorated with ``json_api`` reads ``request`` (and, with ``body=True``, a parsed JSON
object as ``payload``), raises ``ApiError`` for what the caller got wrong, and returns data or
a response. The caller's language is a valid ``lang`` (query string or body), else
Accept-Language; the whole view runs in it.
"""

import functools
import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from troubleshooter.lib.languages import LANGUAGE_CODES

API_PREFIX = "/api/"


class ApiError(Exception):
    """What the caller got wrong: a translated message and the HTTP status to answer with."""

    def __init__(self, message, *, status=400, headers=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.headers = headers


def json_response(data, *, status=200, headers=None):
    return JsonResponse(
        data,
        status=status,
        headers=headers,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
        safe=False,
    )


def json_error(message, *, status, headers=None):
    return json_response({"error": str(message)}, status=status, headers=headers)


def api_language(request, requested=None):
    """A valid ``lang`` the caller asked for, else the best match of Accept-Language."""
    if isinstance(requested, str) and requested.lower() in LANGUAGE_CODES:
        return requested.lower()
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def json_api(*, methods=("GET",), body=False, max_body_bytes=64 * 1024):
    """Decorate an API view: method check (405 with ``Allow``), JSON body parsing, JSON errors.

    GET implies HEAD. With ``body=True`` the view gets ``payload``: a JSON object of at most
    ``max_body_bytes`` sent as application/json (else 415, 413 or 400).
    """
    allowed = tuple(methods) + (("HEAD",) if "GET" in methods and "HEAD" not in methods else ())

    def decorate(view):
        @csrf_exempt  # no session cookie authorises these calls; nothing for a forged form to ride on
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            payload = None
            try:
                if request.method not in allowed:
                    raise ApiError(
                        _("Method %(method)s not allowed; use %(allowed)s.")
                        % {"method": request.method, "allowed": ", ".join(allowed)},
                        status=405,
                        headers={"Allow": ", ".join(allowed)},
                    )
                if body:
                    payload = json_object(request, max_bytes=max_body_bytes)
                    kwargs["payload"] = payload
            except ApiError as problem:
                with translation.override(_language(request, payload)):
                    return _problem_response(problem)
            with translation.override(_language(request, payload)):
                try:
                    answer = view(request, *args, **kwargs)
                except ApiError as problem:
                    return _problem_response(problem)
                return answer if hasattr(answer, "status_code") else json_response(answer)

        return wrapper

    return decorate


def json_object(request, *, max_bytes):
    """The request body as a JSON object, or ApiError saying in the active language what is wrong."""
    if request.content_type != "application/json":
        raise ApiError(_("Send JSON (Content-Type: application/json)."), status=415)
    try:
        raw = request.body
    except RequestDataTooBig:
        raw = None
    if raw is None or len(raw) > max_bytes:
        raise ApiError(
            _("The request body is larger than %(limit)s KB.") % {"limit": max(1, max_bytes // 1024)}, status=413
        )
    try:
        payload = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(_("The request body is not valid UTF-8."), status=400) from None
    except RecursionError:
        raise ApiError(_("The request body is nested too deeply."), status=400) from None
    except ValueError:
        raise ApiError(_("The request body is not valid JSON."), status=400) from None
    if not isinstance(payload, dict):
        raise ApiError(_("Send a JSON object."), status=400)
    return payload


def is_api_request(request):
    return request.path.startswith(API_PREFIX)


def api_not_found(request):
    with translation.override(api_language(request, request.GET.get("lang"))):
        return json_error(_("There is no API endpoint at %(path)s.") % {"path": request.path}, status=404)


def api_server_error(request):
    with translation.override(api_language(request, request.GET.get("lang"))):
        return json_error(_("Something went wrong on our side. Please try again in a moment."), status=500)


def api_database_unavailable(request):
    with translation.override(api_language(request, request.GET.get("lang"))):
        return json_error(_("The service is briefly unavailable. Please try again in a minute."), status=503)


def _language(request, payload):
    requested = payload.get("lang") if isinstance(payload, dict) else request.GET.get("lang")
    return api_language(request, requested)


def _problem_response(problem):
    return json_error(problem.message, status=problem.status, headers=problem.headers)
