"""/<lang>/diagnose/: paste an error, read the diagnosis (htmx swaps the #diagnosis partial)."""

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from errors_kb.diagnose import diagnose_text, diagnosis_entries, extracted_rows
from errors_kb.diagnosis.text_input import MAX_TEXT_BYTES
from errors_kb.forms.paste import DiagnoseForm
from troubleshooter.lib.ratelimit import rate_limited

TEMPLATE = "errors_kb/diagnose.html"


# Diagnosing reads the text and writes nothing, so there is nothing to forge; without a CSRF
# check an expired session cannot throw away what the user pasted.
@never_cache  # it shows what was pasted: no cache may keep a copy
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(group="diagnose", rate_setting="diagnose")
@sensitive_post_parameters("text")  # a pasted text never reaches an error report
def diagnose_page(request):
    if request.method != "POST":
        return render(request, TEMPLATE, {"form": DiagnoseForm()})
    try:
        form = DiagnoseForm(request.POST)
        valid = form.is_valid()
    except RequestDataTooBig:
        too_big = _("The text is longer than %(limit)s KB.") % {"limit": MAX_TEXT_BYTES // 1024}
        return _render(request, {"form": DiagnoseForm(), "page_error": too_big}, status=413)
    if not valid:
        return _render(request, {"form": form}, status=form.status_code)
    diagnosis = diagnose_text(form.cleaned_data["text"])
    return _render(request, {"form": form, "result": _result(diagnosis)}, status=200)


def _render(request, context, *, status):
    if request.htmx:
        # htmx does not swap 4xx answers; the partial carries the error message instead.
        return render(request, f"{TEMPLATE}#diagnosis", context)
    return render(request, TEMPLATE, context, status=status)


def _result(diagnosis):
    entries = diagnosis_entries(diagnosis)
    shown = [_match(diagnosis, match, entries) for match in diagnosis.matches]
    return {
        "best": shown[0] if shown else None,
        "candidates": shown[1:],
        "ambiguous": diagnosis.ambiguous,
        "key_hints": diagnosis.key_hints,
        "notes": diagnosis.notes,
        "settle_with": diagnosis.settle_with,
        "extracted": extracted_rows(diagnosis),
    }


def _match(diagnosis, match, entries):
    entry = entries.get(match.condition)
    return {
        "condition": match.condition,
        "title": diagnosis.titles.get(match.condition, match.condition),
        "url": reverse("errors_kb:entry_detail", kwargs={"slug": match.condition}),
        "percent": round(match.confidence * 100),
        "evidence": match.evidence,
        "steps": list(entry.steps.all()) if entry else [],
    }
