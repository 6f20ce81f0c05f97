"""Match rules (data on guide entries), compiled once and cached per version stamp.

Exact evidence (code, type, status, exception) is derived from each entry's own fields
(`error_codes`, `error_types`, `http_status`, `other_statuses`, `sdk_exceptions`,
`client_exceptions`, `evidence_weight`); MatchRule rows carry message and text patterns only;
per-concept wordings in three languages come from Concept rows (the vocabulary: loaded from
data/diagnosis_vocabulary.json, edited in the admin).

The stamp lives in the Django cache so every process follows admin edits: a
post_save/post_delete on MatchRule, Entry or the vocabulary calls `rules_invalidate()` (see
`errors_kb.apps`), which drops this process's copy and the shared stamp once the
saving transaction has committed; the next `rules_current()` in any process sees
the stamp changed and recompiles. Dropped any earlier, a process compiling in that
window would read the old rows and keep them under the new stamp. A process reads the
stamp at most about once a second (STAMP_READ_EVERY), not once per diagnosis.
"""

import logging
import re
import re._constants as sre_constants
import re._parser as sre_parse
import threading
import time
import uuid
from dataclasses import dataclass

import ahocorasick
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from errors_kb.diagnosis.extract import bare_name
from errors_kb.diagnosis.known_messages import MessageIndex, opening, recognisable, specific
from errors_kb.diagnosis.nearest import profile
from troubleshooter.lib.languages import LANGUAGE_CODES

STAMP_KEY = "errors_kb:match-rules-stamp"
# ASCII word boundaries: `\bapi\b` must find "API" in "调用API时" and "API키가", where CJK letters are
# word characters to Unicode and no boundary would be seen.
RULE_FLAGS = re.I | re.M | re.ASCII
PATTERN_WIDE = re.compile(r"\(\?[aiLmsux]+\)|\\[1-9]|\(\?P=")  # global inline flags, back-references
EXACT_WEIGHTS = {"code": 0.9, "type": 0.75}  # for a value one entry alone lists; shared values split it
SOLE_OWNER = {"code": 0.9, "type": 0.75, "status": 0.75, "exception": 0.6}  # a value only one condition lists
EXCEPTION_EVIDENCE = 0.8  # an exception name says a little less than the status it stands for
OTHER_EVIDENCE = 0.25  # an entry's other statuses, and exceptions whose own page names another status
EXACT_LABELS = {
    "code": {"en": "code %s", "zh-hans": "错误码 %s", "ko": "오류 코드 %s"},
    "type": {"en": "type %s", "zh-hans": "错误类型 %s", "ko": "오류 유형 %s"},
    "status": {"en": "HTTP status %s", "zh-hans": "HTTP 状态码 %s", "ko": "HTTP 상태 코드 %s"},
    "exception": {"en": "exception %s", "zh-hans": "异常 %s", "ko": "예외 %s"},
}
MIN_CODE_SIGN = 12  # characters of an error code or type that counts as an API sign (not `bad_request`)
# ...that any service or program may print: these say nothing about an LLM API.
GENERIC_CODES = frozenset(
    {
        "internal_error",
        "internal_server_error",
        "server_error",
        "gateway_timeout",
        "service_unavailable",
        "too_many_requests",
        "permission_denied",
        "permission_error",
        "resource_not_found",
        "resource_conflict",
        "invalid_json",
        "invalid_type",
        "invalid_value",
        "invalid_parameter",
        "missing_parameter",
        "content_filter",
        "conflict_error",
        "quota_exceeded",
        "unprocessable_entity",
        "authentication_error",
    }
)
PROVIDER_MESSAGE_WEIGHT = 0.9  # another provider's documented wording names its entry as surely as a code
PROVIDER_MESSAGE_LABEL = {
    "en": "the message is how %s words this error",
    "zh-hans": "这是 %s 对这个错误的说法",
    "ko": "%s에서 이 오류를 알리는 메시지",
}
TIERS = {
    "message": "strong",
    "code": "strong",
    "type": "strong",
    "text": "strong",
    "exception": "weak",
    "status": "weak",
}

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached = {"stamp": None, "rules": None, "read_at": 0.0}
STAMP_READ_EVERY = 1.0  # seconds: an admin's edit reaches every process within about this long


@dataclass(frozen=True)
class CompiledRule:
    slug: str
    field: str
    regex: re.Pattern | None  # None for exact evidence: looked up by value in RuleSet.exact, never searched
    weight: float
    labels: dict  # language code -> label ("" when the admin left it empty)
    curated: bool = False  # an admin's rule row on the message: a wording API errors use, not a generic concept

    def label(self, language):
        text = self.labels.get(language) or self.labels.get(settings.LANGUAGE_CODE)
        if text:
            return text
        return _("%(field)s matches “%(pattern)s”") % {"field": self.field, "pattern": self.regex.pattern}


class Prefiltered:
    """Patterns searched only where they can match.

    Case-insensitive alternations of dozens or hundreds of wordings are the slowest searches the diagnoser makes,
    and most texts hold few of their words. Each pattern is split into its top-level alternatives, and one
    Aho–Corasick pass over the lowered text finds which alternatives' literals (`required_literals`) it holds:
    only those are searched. An alternative without a known literal always is.
    """

    def __init__(self, patterns):
        self._alternatives = []  # (index of the pattern, one of its alternatives, compiled)
        always, by_needle = set(), {}
        for index, pattern in enumerate(patterns):
            for part in _standalone_alternatives(pattern):
                alternative = len(self._alternatives)
                self._alternatives.append((index, re.compile(part, RULE_FLAGS)))
                needles = required_literals(part)
                if needles is None:
                    always.add(alternative)
                for needle in needles or ():
                    by_needle.setdefault(needle, set()).add(alternative)
        self._always = frozenset(always)
        self._automaton = None
        if by_needle:
            self._automaton = ahocorasick.Automaton()
            for needle, alternatives in by_needle.items():
                self._automaton.add_word(needle, frozenset(alternatives))
            self._automaton.make_automaton()

    def matching(self, text):
        """The indexes of the patterns `text` matches, in order."""
        matched = set()
        for index, regex in self._candidates(text):
            if index not in matched and regex.search(text):
                matched.add(index)
        return sorted(matched)

    def matches_any(self, text):
        return any(regex.search(text) for _index, regex in self._candidates(text))

    def _candidates(self, text):
        wanted = set(self._always)
        if self._automaton is not None:
            for _end, alternatives in self._automaton.iter(text.lower()):
                wanted |= alternatives
        return [self._alternatives[alternative] for alternative in sorted(wanted)]


def _standalone_alternatives(pattern):
    parts = top_level_alternatives(pattern)
    if len(parts) > 1 and all(pattern_error(part) is None for part in parts):
        return parts
    return (pattern,)


def top_level_alternatives(pattern):
    """`a|b(c|d)|[|]` -> ("a", "b(c|d)", "[|]"); the pattern alone when an alternative would change meaning on its
    own: global inline flags such as `(?i)` and back-references reach across alternatives."""
    if PATTERN_WIDE.search(pattern):
        return (pattern,)
    parts, depth, start, position, in_class = [], 0, 0, 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            position += 1 + pattern.startswith("^", position + 1)
            position += pattern.startswith("]", position)  # a "]" first in a class is a literal
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:position])
            start = position + 1
        position += 1
    parts.append(pattern[start:])
    return tuple(parts)


@dataclass(frozen=True)
class RuleSet:
    rules_by_field: dict  # field -> tuple of CompiledRule
    titles: dict  # slug -> {language: title}
    error_codes: dict  # slug -> list of the entry's codes (to say what would settle a tie)
    messages: MessageIndex | None = None  # the guide's and other providers' verbatim messages, by opening
    api_signs: Prefiltered | None = None  # wordings only a failed HTTP API call produces (vocabulary data)
    api_context: Prefiltered | None = None  # words that place a generic failure in an API's world (LLM words too)
    llm_context: Prefiltered | None = None  # words only an LLM API's world uses
    other_services: Prefiltered | None = None  # names and addresses of services that are not LLM APIs
    profiles: dict | None = None  # slug -> trigram profile of the entry's own texts (nearest.py)
    exact: dict | None = None  # field -> {lowercase value: tuple of CompiledRule}: looked up, not searched

    def __post_init__(self):
        prefiltered = {
            field: Prefiltered(r.regex.pattern for r in rules) for field, rules in self.rules_by_field.items()
        }
        object.__setattr__(self, "_prefiltered", prefiltered)

    def matching(self, field, value):
        """The field's rules that `value` matches."""
        rules = self.rules_by_field.get(field, ())
        return [rules[index] for index in self._prefiltered[field].matching(value)] if rules else []

    def knows_message(self, lowered_text):
        return self.messages is not None and self.messages.knows(lowered_text)

    def quotes_message(self, lowered_text):
        return self.messages is not None and self.messages.quotes(lowered_text)

    def message_evidence(self, lowered_message):
        """The rules of every provider's wording the message carries (the guide's own messages only gate)."""
        if self.messages is None:
            return []
        return [rule for _opening, rules in self.messages.found(lowered_message) for rule in rules]


def pattern_error(pattern):
    """None when `pattern` compiles, else a translated sentence saying why not."""
    try:
        re.compile(pattern, RULE_FLAGS)
    except re.error as exc:
        return _("not a valid regular expression: %(reason)s (at position %(position)s).") % {
            "reason": exc.msg,
            "position": exc.pos if exc.pos is not None else "?",
        }
    return None


def required_literals(pattern):
    """Lowercase strings, one of which every match of `pattern` contains; None when unknown.

    A cheap `in` test on the lowered text then skips most regex searches: case-insensitive
    alternations are the slowest thing the diagnoser does.
    """
    try:
        parsed = sre_parse.parse(pattern, RULE_FLAGS)
    except re.error:
        return None
    found = _literals_of(list(parsed))
    return tuple(sorted(found)) if found else None


def _literals_of(tokens):
    candidates, run = [], []
    for op, value in tokens + [(None, None)]:
        if op is sre_constants.LITERAL:
            run.append(chr(value))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        if op is sre_constants.SUBPATTERN:
            candidates.append(_literals_of(list(value[3])))
        elif op is sre_constants.BRANCH:
            branches = [_literals_of(list(branch)) for branch in value[1]]
            candidates.append(None if any(b is None for b in branches) else set().union(*branches))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and value[0] >= 1:
            candidates.append(_literals_of(list(value[2])))
    usable = [c for c in candidates if c and all(_safe_needle(n) for n in c)]
    if not usable:
        return None
    best = max(usable, key=lambda c: (min(len(n) for n in c), -len(c)))
    return {n.lower() for n in best}


def _safe_needle(needle):
    # Case folding beyond ASCII is where `in` on lowered text and re.IGNORECASE could disagree.
    return len(needle) >= 2 and all(c.isascii() or c.lower() == c.upper() for c in needle)


def rules_invalidate(**_signal_kwargs):
    """Forget the compiled rules when the current transaction commits (at once outside one)."""
    transaction.on_commit(_rules_forget)


def _rules_forget():
    with _lock:
        _cached["stamp"] = None
        _cached["rules"] = None
    try:
        cache.delete(STAMP_KEY)
    except Exception:  # noqa: BLE001 - an unreachable cache must not undo an admin's save
        logger.warning("could not reach the cache to invalidate the diagnoser's rules", exc_info=True)


def rules_current():
    """The compiled rules, rebuilt only when the shared stamp has moved.

    Without the shared cache no process can tell whether another one changed the rules,
    so they are rebuilt from the database for each call until the cache is back.
    """
    rules = _cached["rules"]
    if rules is not None and time.monotonic() - _cached["read_at"] < STAMP_READ_EVERY:
        return rules  # the shared stamp is read at most about once a second per process
    try:
        stamp = _shared_stamp()
    except Exception:  # noqa: BLE001 - a diagnosis must not fail because the cache is down
        logger.warning("cache unreachable: compiling the diagnoser's rules without it", exc_info=True)
        return _compile_all()
    rules = _cached["rules"]
    _cached["read_at"] = time.monotonic()
    if rules is not None and stamp is not None and stamp == _cached["stamp"]:
        return rules
    with _lock:
        rules = _compile_all()
        _cached["stamp"] = stamp
        _cached["rules"] = rules
    return rules


def _shared_stamp():
    """The rules' version every process agrees on; the first process to ask sets it."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        cache.add(STAMP_KEY, uuid.uuid4().hex, timeout=None)
        stamp = cache.get(STAMP_KEY)
    return stamp


def _compile_all():
    from errors_kb.models import Concept, Entry, MatchRule, ProviderMessage

    languages = LANGUAGE_CODES
    by_field = {}
    for rule in MatchRule.objects.select_related("entry").order_by("entry_id", "position", "id"):
        try:
            regex = re.compile(rule.pattern, RULE_FLAGS)
        except re.error:
            continue  # refused by validation on save; a row written around it must not break diagnosis
        labels = {code: getattr(rule, build_localized_fieldname("label", code)) or "" for code in languages}
        by_field.setdefault(rule.field, []).append(
            CompiledRule(
                slug=rule.entry.slug,
                field=rule.field,
                regex=regex,
                weight=rule.weight,
                labels=labels,
                curated=rule.field == "message",
            )
        )
    entries = list(Entry.objects.all())
    existing = {entry.slug for entry in entries}
    vocabulary = _vocabulary()
    by_field.setdefault("message", []).extend(_concept_rules(vocabulary.get("concepts", {}), existing))
    slugs = {rule.slug for rules in by_field.values() for rule in rules}
    slugs |= {entry.slug for entry in entries if entry.kind == "condition"}
    titles, error_codes, profiles = {}, {}, {}
    for entry in (entry for entry in entries if entry.slug in slugs):
        titles[entry.slug] = {}
        for code in languages:
            with translation.override(code):
                titles[entry.slug][code] = entry.title
        profiles[entry.slug] = profile(
            [*(entry.examples or ()), *(entry.api_messages or ()), *titles[entry.slug].values()]
        )
        error_codes[entry.slug] = [str(c) for c in entry.error_codes or []]
    codes = {"codes": _code_signs(entries)}
    wordings = list(  # other providers' wordings: (entry id, entry slug, provider, code, message)
        ProviderMessage.objects.order_by("entry_id", "position", "id").values_list(
            "entry_id", "entry__slug", "provider", "code", "message"
        )
    )
    return RuleSet(
        rules_by_field={name: tuple(rules) for name, rules in by_field.items()},
        titles=titles,
        error_codes=error_codes,
        messages=_message_index(entries, wordings),
        api_signs=_alternation(vocabulary[Concept.Role.API_SIGNS], codes),
        api_context=_alternation(vocabulary[Concept.Role.API_CONTEXT], vocabulary[Concept.Role.LLM_CONTEXT]),
        llm_context=_alternation(vocabulary[Concept.Role.LLM_CONTEXT], codes),  # an LLM API's own error codes too
        other_services=_alternation(vocabulary[Concept.Role.OTHER_APIS]),
        profiles=profiles,
        exact=_exact_rules(entries, wordings),
    )


def _exact_rules(entries, wordings):
    """Exact evidence derived from each entry's own fields: one source of truth, no rule rows.

    Codes (its own, and those other providers send with its wordings) and types: a value one entry
    alone lists is strong evidence for it; a value several entries share (`invalid_request_error`,
    `model_not_found`) is split between them, so the message decides. Statuses and exception names
    are weak evidence weighted by the entry's `evidence_weight`: its `http_status` counts fully, its
    `other_statuses` and an exception whose own page names another status count less, and a status
    or exception only one condition lists counts as fairly sure.
    """
    conditions = [e for e in entries if e.kind == "condition"]
    page_status = {
        bare_name(name): e.http_status for e in entries if e.kind == "exception" for name in e.sdk_exceptions or ()
    }
    evidence = {"code": {}, "type": {}, "status": {}, "exception": {}}  # field -> value -> {slug: weight}
    provider_codes = {}
    for entry_id, _slug, _provider, code, _message in wordings:
        if code:
            provider_codes.setdefault(entry_id, []).append(code)
    for entry in conditions:
        codes = [*(entry.error_codes or ()), *provider_codes.get(entry.id, ())]
        for field, values in (("code", codes), ("type", entry.error_types)):
            for value in _clean_values(values):
                if value.isdigit():
                    continue  # a body's `"code": 404` is its status (weak evidence), not a code naming a cause
                evidence[field].setdefault(value, {})[entry.slug] = EXACT_WEIGHTS[field]
        weight = entry.evidence_weight
        statuses = [(entry.http_status, 1.0)] if entry.http_status else []
        statuses += [(status, OTHER_EVIDENCE) for status in entry.other_statuses or () if status != entry.http_status]
        for status, factor in statuses:
            evidence["status"].setdefault(str(status), {})[entry.slug] = weight * factor
        names = [bare_name(n) for n in entry.sdk_exceptions or () if str(n).startswith("openai.")]
        own = {bare_name(n) for n in entry.client_exceptions or ()}
        for name in dict.fromkeys([*names, *own]):
            primary = name in own or page_status.get(name) == entry.http_status
            evidence["exception"].setdefault(name, {})[entry.slug] = (
                weight * EXCEPTION_EVIDENCE * (1.0 if primary else OTHER_EVIDENCE)
            )
    derived = {}  # field -> {lowercase value: rules}
    for field, by_value in evidence.items():
        for value, weights in by_value.items():
            rules = derived.setdefault(field, {}).setdefault(value.lower(), [])
            for slug, weight in weights.items():
                if len(weights) == 1:
                    weight = max(weight, SOLE_OWNER[field])
                elif field in EXACT_WEIGHTS:
                    weight /= len(weights)
                labels = {code: EXACT_LABELS[field][code] % value for code in EXACT_LABELS[field]}
                rules.append(CompiledRule(slug=slug, field=field, regex=None, weight=round(weight, 4), labels=labels))
    return {field: {value: tuple(rules) for value, rules in by_value.items()} for field, by_value in derived.items()}


def _clean_values(values):
    return dict.fromkeys(str(v).strip().lower() for v in values or () if str(v).strip())


def _vocabulary():
    """The Concept rows as {role: {language: [wording]} for each role but entries, "concepts": {name: …}}."""
    from errors_kb.models import Concept

    vocabulary = {role: {} for role in Concept.Role if role != Concept.Role.ENTRIES}
    vocabulary["concepts"] = {}
    for concept in Concept.objects.prefetch_related("entry_links__entry"):
        wordings = {code: concept.wording_lines(code) for code in LANGUAGE_CODES}
        if concept.role == Concept.Role.ENTRIES:
            vocabulary["concepts"][concept.name] = {
                **wordings,
                "label": {
                    code: getattr(concept, build_localized_fieldname("label", code)) or "" for code in LANGUAGE_CODES
                },
                "entries": {link.entry.slug: link.weight for link in concept.entry_links.all()},
            }
        else:
            for code, lines in wordings.items():
                vocabulary[concept.role].setdefault(code, []).extend(lines)
    return vocabulary


def _code_signs(entries):
    """The entries' own error codes and types that no other text uses (`insufficient_quota`,
    `invalid_request_error`): a text carrying one came from an API's answer."""
    values = {str(v) for e in entries for v in [*(e.error_codes or ()), *(e.error_types or ())]}
    values = sorted(v for v in values if "_" in v and len(v) >= MIN_CODE_SIGN and v not in GENERIC_CODES)
    return [rf"(?-i:\b{re.escape(v)}\b)" for v in values]  # written as the API writes them, lowercase


def _alternation(*by_languages):
    wordings = [w for by_language in by_languages for words in by_language.values() for w in words]
    wordings = [w for w in wordings if pattern_error(w) is None]
    return Prefiltered(wordings) if wordings else None


def _concept_rules(concepts, slugs):
    """Per-concept wordings (vocabulary data) as "message" rules on the entries they point to."""
    for concept in concepts.values():
        wordings = [w for code, _name in settings.LANGUAGES for w in concept.get(code, ())]
        pattern = "|".join(f"(?:{w})" for w in wordings if pattern_error(w) is None)
        if not pattern:
            continue
        regex = re.compile(pattern, RULE_FLAGS)
        for slug, weight in concept.get("entries", {}).items():
            if slug in slugs:
                yield CompiledRule(
                    slug=slug,
                    field="message",  # the message (or the text's head when none was read): cheap and to the point
                    regex=regex,
                    weight=float(weight),
                    labels=dict(concept.get("label", {})),
                )


def _message_index(entries, wordings):
    """Every verbatim message by its opening: the guide's own show that an API answered; another provider's
    wording is also evidence for the entry it belongs to, unless the guide gives that opening to another entry."""
    guide = {}
    for entry in entries:
        for message in entry.api_messages or ():
            text = opening(str(message))
            if recognisable(text):
                guide.setdefault(text, set()).add(entry.slug)
    providers = {}  # opening -> {slug: [provider, ...]}
    for _entry_id, slug, provider, _code, message in wordings:
        text = opening(message)
        if specific(text) and guide.get(text, {slug}) == {slug}:
            providers.setdefault(text, {}).setdefault(slug, []).append(provider)
    index = {text: () for text in guide}
    for text, by_slug in providers.items():
        weight = round(PROVIDER_MESSAGE_WEIGHT / len(by_slug), 4)  # a wording two entries share settles neither
        index[text] = tuple(
            CompiledRule(
                slug=slug,
                field="message",
                regex=None,
                weight=weight,
                labels={
                    code: label % ", ".join(dict.fromkeys(names)) for code, label in PROVIDER_MESSAGE_LABEL.items()
                },
                curated=True,
            )
            for slug, names in by_slug.items()
        )
    return MessageIndex(index)
