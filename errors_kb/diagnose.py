"""The diagnoser: a pasted error text in, ranked guide conditions with evidence out.

One plain module for the API view, the page, the command and other apps
(`diagnose_text`); it imports nothing from the web layer. Extraction is code
(`errors_kb.diagnosis.extract`); which condition the extracted facts point to is
data (MatchRule rows on guide entries, `errors_kb.diagnosis.rules`).
Nothing pasted is stored or logged.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from errors_kb.diagnosis.extract import Extracted, extract_text
from errors_kb.diagnosis.gate import is_api_error
from errors_kb.diagnosis.keys import key_hints
from errors_kb.diagnosis.nearest import nearest
from errors_kb.diagnosis.ranking import Match, rank
from errors_kb.diagnosis.rules import rules_current

EXTRACTED_LABELS = {
    "status": pgettext_lazy("extracted field", "HTTP status"),
    "type": pgettext_lazy("extracted field", "type"),
    "code": pgettext_lazy("extracted field", "code"),
    "param": pgettext_lazy("extracted field", "param"),
    "message": pgettext_lazy("extracted field", "message"),
    "exception": pgettext_lazy("extracted field", "exception"),
    "sdk": pgettext_lazy("extracted field", "openai library"),
    "request_id": pgettext_lazy("extracted field", "request id"),
    "chain": pgettext_lazy("extracted field", "other exceptions in the text"),
}
SDK_LABELS = {
    "v0": pgettext_lazy("openai library", "v0 (before 1.0, openai.error.*)"),
    "v1": pgettext_lazy("openai library", "v1 or later (openai.*Error)"),
}
RATE_LIMIT_LABELS = {
    "limit": pgettext_lazy("rate limit", "rate limit: the limit"),
    "used": pgettext_lazy("rate limit", "rate limit: already used"),
    "requested": pgettext_lazy("rate limit", "rate limit: this request"),
    "per": pgettext_lazy("rate limit", "rate limit: counted per"),
    "retry_after": pgettext_lazy("rate limit", "rate limit: try again in"),
}


def NOT_AN_API_ERROR():  # noqa: N802 - a translated constant, read in the diagnosis' language
    return _(
        "This does not look like a failed API call, so nothing is diagnosed. Paste what the OpenAI library or "
        "the API returned: the exception with its message, the status line (for example “Error code: 429”) or "
        "the error body."
    )


QUOTA_OR_RATE = frozenset({"429-rate-limit", "429-quota-exceeded", "429-concurrent-limit"})


def BARE_429():  # noqa: N802 - a translated constant, read in the diagnosis' language
    return _(
        "A 429 alone does not tell an empty balance from a rate limit. Look at the error body's code: "
        "insufficient_quota means the quota or balance is used up (waiting will not help: add credits or raise "
        "the budget); rate_limit_exceeded means too many requests or tokens per minute (wait and retry). A 429 "
        "that persists for minutes on a first request is almost always quota."
    )


CONNECTION_FAMILY = frozenset({"connection-error", "timeout"})
GENERIC_CONNECTION_EXCEPTIONS = frozenset({"APIConnectionError", "APITimeoutError", "Timeout"})


@dataclass
class Diagnosis:
    matches: list = field(default_factory=list)  # of Match, best first
    extracted: Extracted = field(default_factory=Extracted)
    key_hints: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    ambiguous: bool = False
    settle_with: list = field(default_factory=list)
    titles: dict = field(default_factory=dict)  # slug -> title in the diagnosis' language

    @property
    def best(self):
        return self.matches[0] if self.matches else None

    def as_dict(self):
        """The API's answer: DESIGN.md's `matches` and `extracted`, then the extras."""
        return {
            "matches": [
                {
                    "condition": m.condition,
                    "confidence": m.confidence,
                    "evidence": m.evidence,
                    "title": self.titles.get(m.condition, m.condition),
                }
                for m in self.matches
            ],
            "extracted": self.extracted.as_dict(),
            "rate_limit": self.extracted.rate_limit,
            "key_hints": self.key_hints,
            "notes": self.notes,
            "ambiguous": self.ambiguous,
            "settle_with": self.settle_with,
        }


def diagnose_text(text, *, language=None):
    """Diagnose one pasted error text; human-readable parts in `language` (default: the active one)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        language = translation.get_language()
        extracted = extract_text(text or "")
        ruleset = rules_current()
        matches, ambiguous, sureness = rank(extracted.field_values(), ruleset, language)
        if not is_api_error(extracted, ruleset, sureness):
            # No status in context, no error body, no HTTP client's exception, no known API
            # message: `FileNotFoundError`, `took 500 ms`, `OpenAI(timeout=600)` are not API errors.
            return Diagnosis(
                extracted=extracted, notes=[NOT_AN_API_ERROR()], settle_with=_settle_with(extracted, [], False, ruleset)
            )
        notes = _notes(extracted)
        if not matches:
            suggestion = _nearest_entry(extracted, ruleset, language)
            if suggestion:
                matches, ambiguous = [suggestion], True
                notes.append(_("No rule explains this text: the suggestion only resembles the guide's examples."))
        elif _bare_429(extracted, matches):
            notes.insert(0, BARE_429())
        return Diagnosis(
            matches=matches,
            extracted=extracted,
            key_hints=key_hints(extracted.masked_key),
            notes=notes,
            ambiguous=ambiguous,
            settle_with=_settle_with(extracted, matches, ambiguous, ruleset),
            titles={m.condition: ruleset.titles.get(m.condition, {}).get(language, m.condition) for m in matches},
        )


def _nearest_entry(extracted, ruleset, language):
    found = nearest("\n".join(extracted.messages) or extracted.rule_text, ruleset.profiles or {})
    if not found:
        return None
    slug, confidence = found
    return Match(condition=slug, confidence=confidence, evidence=[_("the text resembles this entry's examples")])


def _bare_429(extracted, matches):
    """A 429 with no code, type or message that settles quota against rate limit."""
    return extracted.status == 429 and not (extracted.code or extracted.type) and matches[0].condition in QUOTA_OR_RATE


def diagnosis_entries(diagnosis):
    """slug -> Entry (steps prefetched) for the conditions a diagnosis names; read by the page."""
    from errors_kb.models import Entry

    slugs = [m.condition for m in diagnosis.matches]
    entries = Entry.objects.filter(slug__in=slugs).prefetch_related("steps")
    return {entry.slug: entry for entry in entries}


def extracted_rows(diagnosis):
    """(label, value) pairs of what the text carries, labelled in the active language."""
    extracted = diagnosis.extracted
    rows = [
        (EXTRACTED_LABELS[key], SDK_LABELS.get(value, value) if key == "sdk" else value)
        for key, value in extracted.as_dict().items()
        if value not in (None, "")
    ]
    # The chained causes (httpx.ProxyError under APIConnectionError) often name the real problem.
    chain = [name for name in extracted.exceptions if "." in name and name != extracted.exception]
    if chain:
        rows.append((EXTRACTED_LABELS["chain"], ", ".join(chain)))
    figures = extracted.rate_limit or {}
    rows += [(label, figures[key]) for key, label in RATE_LIMIT_LABELS.items() if key in figures]
    return rows


def _notes(extracted):
    figures = extracted.rate_limit or {}
    if figures.get("request_too_large"):
        return [
            _(
                "This one request (%(requested)s) is larger than the whole limit (%(limit)s): waiting will not "
                "help. Make the request smaller, or raise the limit."
            )
            % {"requested": figures["requested"], "limit": figures["limit"]}
        ]
    return []


def _settle_with(extracted, matches, ambiguous, ruleset):
    if not matches:
        return [
            _(
                "The complete error: the status line, the error body (its message, type and code) or the whole traceback."
            )
        ]
    if not ambiguous:
        return []
    candidates = [m.condition for m in matches]
    hints = []
    language = translation.get_language()
    codes = [
        (code, ruleset.titles.get(slug, {}).get(language, slug))
        for slug in candidates
        for code in ruleset.error_codes.get(slug, [])[:2]
    ]
    if not extracted.code and codes:
        hints.append(
            _("The error body's code field: %(codes)s.")
            % {"codes": "; ".join(f"{code} → {title}" for code, title in codes)}
        )
    if not extracted.messages:
        hints.append(_("The error message, word for word (the body's message field)."))
    exception = (extracted.exception or "").rsplit(".", 1)[-1]
    if CONNECTION_FAMILY & set(candidates) or exception in GENERIC_CONNECTION_EXCEPTIONS:
        hints.append(
            _(
                "The whole traceback, including the exception above “The above exception was the direct cause of "
                "the following exception”: it names the real cause (DNS, proxy, TLS, refused, timeout)."
            )
        )
    if extracted.status is None:
        hints.append(_("The HTTP status code of the response."))
    if any(slug.startswith("401-") for slug in candidates) and not extracted.masked_key:
        hints.append(_("The full error message: for a bad key it shows the key's first and last characters."))
    return hints or [_("The complete error body as the API returned it.")]
