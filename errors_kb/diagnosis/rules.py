"""Match rules (data on guide entries), compiled once and cached per version stamp.

The stamp lives in the Django cache so every process follows admin edits: a
post_save/post_delete on MatchRule or Entry calls `rules_invalidate()` (see
`errors_kb.apps`), which drops this process's copy and the shared stamp once the
saving transaction has committed; the next `rules_current()` in any process sees
the stamp changed and recompiles. Dropped any earlier, a process compiling in that
window would read the old rows and keep them under the new stamp.
"""

import logging
import re
import re._constants as sre_constants
import re._parser as sre_parse
import threading
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from troubleshooter.lib.languages import LANGUAGE_CODES

STAMP_KEY = "errors_kb:match-rules-stamp"
RULE_FLAGS = re.I | re.M
STRONG_CODE_WEIGHT = 0.8
PLAIN_CODE = re.compile(r"(?<![\\\w])(\w+)(?=\)?\$|\|)")
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
_cached = {"stamp": None, "rules": None}


@dataclass(frozen=True)
class CompiledRule:
    slug: str
    field: str
    regex: re.Pattern
    weight: float
    labels: dict  # language code -> label ("" when the admin left it empty)
    needles: tuple | None = None  # lowercase literals one of which any match contains; None: always search

    def matches(self, value, lowered):
        if self.needles is not None and not any(needle in lowered for needle in self.needles):
            return False
        return self.regex.search(value) is not None

    def label(self, language):
        text = self.labels.get(language) or self.labels.get(settings.LANGUAGE_CODE)
        if text:
            return text
        return _("%(field)s matches “%(pattern)s”") % {"field": self.field, "pattern": self.regex.pattern}


@dataclass(frozen=True)
class RuleSet:
    rules_by_field: dict  # field -> tuple of CompiledRule
    titles: dict  # slug -> {language: title}
    error_codes: dict  # slug -> list of the entry's codes (to say what would settle a tie)


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
    try:
        stamp = _shared_stamp()
    except Exception:  # noqa: BLE001 - a diagnosis must not fail because the cache is down
        logger.warning("cache unreachable: compiling the diagnoser's rules without it", exc_info=True)
        return _compile_all()
    rules = _cached["rules"]
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
    from errors_kb.models import Entry, MatchRule

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
                needles=required_literals(rule.pattern),
            )
        )
    slugs = {rule.slug for rules in by_field.values() for rule in rules}
    titles, error_codes = {}, {}
    for entry in Entry.objects.filter(slug__in=slugs):
        titles[entry.slug] = {}
        for code in languages:
            with translation.override(code):
                titles[entry.slug][code] = entry.title
        error_codes[entry.slug] = [str(c) for c in entry.error_codes or []] or _codes_named_by_rules(
            by_field.get("code", ()), entry.slug
        )
    return RuleSet(
        rules_by_field={name: tuple(rules) for name, rules in by_field.items()},
        titles=titles,
        error_codes=error_codes,
    )


def _codes_named_by_rules(code_rules, slug):
    """The first plain code each strong code rule names (`^(?:insufficient_quota|…)$` → insufficient_quota)."""
    codes = []
    for rule in code_rules:
        if rule.slug != slug or rule.weight < STRONG_CODE_WEIGHT:
            continue
        words = PLAIN_CODE.findall(rule.regex.pattern)
        if words and not words[0].isdigit():
            codes.append(words[0])
    return codes
