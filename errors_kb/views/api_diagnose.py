"""POST /api/diagnose: {"text": "…", "lang": optional} → the diagnosis as JSON (DESIGN.md's shape)."""

from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from errors_kb.diagnose import diagnose_text
from errors_kb.diagnosis.text_input import MAX_TEXT_BYTES, TextProblem, text_check
from troubleshooter.lib.jsonapi import ApiError, api_language, json_api
from troubleshooter.lib.ratelimit import rate_limited

# A JSON-escaped 64 KB text (\uXXXX is six bytes a character) fits well under this.
MAX_BODY_BYTES = MAX_TEXT_BYTES * 6 + 1024


@json_api(methods=("POST",), body=True, max_body_bytes=MAX_BODY_BYTES)
@rate_limited(group="diagnose", rate_setting="diagnose")
@sensitive_variables("payload", "text")  # a pasted text never reaches an error report
def diagnose(request, *, payload):
    if "text" not in payload:
        raise ApiError(_('The JSON object needs a "text" field.'), status=400)
    try:
        text = text_check(payload["text"])
    except TextProblem as problem:
        raise ApiError(problem.message, status=problem.status) from None
    language = api_language(request, payload.get("lang"))
    return diagnose_text(text, language=language).as_dict()
