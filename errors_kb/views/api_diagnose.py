"""POST /api/diagnose: {"text": "…", "lang": optional} → the diagnosis as JSON (DESIGN.md's shape)."""

import json

from django.core.exceptions import RequestDataTooBig
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_variables

from errors_kb.diagnose import diagnose_text
from errors_kb.forms_diagnose import MAX_TEXT_BYTES, TextProblem, text_check
from errors_kb.views.json_responses import api_language, json_error, json_response


@csrf_exempt
@sensitive_variables("payload", "text")  # a pasted text never reaches an error report
def diagnose(request):
    payload = None
    try:
        if request.method != "POST":
            raise TextProblem(_('Use POST with a JSON body: {"text": "…"}.'), status=405)
        payload = _payload(request)
        text = text_check(payload.get("text"))
    except TextProblem as problem:
        with translation.override(_language(request, payload)):
            return json_error(str(problem.message), status=problem.status)
    language = _language(request, payload)
    return json_response(diagnose_text(text, language=language).as_dict())


def _payload(request):
    if request.content_type != "application/json":
        raise TextProblem(_("Send the text as JSON (Content-Type: application/json)."), status=415)
    try:
        body = request.body
    except RequestDataTooBig:
        body = None
    if body is None or len(body) > MAX_TEXT_BYTES * 6 + 1024:  # a JSON-escaped 64 KB text fits well under this
        raise TextProblem(_("The text is longer than %(limit)s KB.") % {"limit": MAX_TEXT_BYTES // 1024}, status=413)
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise TextProblem(_("The request body is not valid UTF-8."), status=400) from None
    except ValueError:
        raise TextProblem(_("The request body is not valid JSON."), status=400) from None
    if not isinstance(payload, dict):
        raise TextProblem(_('Send a JSON object: {"text": "…"}.'), status=400)
    if "text" not in payload:
        raise TextProblem(_('The JSON object needs a "text" field.'), status=400)
    return payload


def _language(request, payload):
    return api_language(request, payload.get("lang") if isinstance(payload, dict) else None)
