"""From matched rules to ranked conditions with honest confidences.

Each matching rule adds its weight to its entry (noisy-or: independent pieces of
evidence); a negative weight counts against. Status and exception names are weak
evidence: real traffic mislabels them (a 400 carrying an overload, a RateLimitError
carrying a server error), so an entry known only by them is discounted as soon as
another entry has evidence from the message, code, type or text. Each candidate's
share of the total evidence (once it exceeds 1) ranks it and says whether the text
settles between candidates (a bare 429: about 0.45 / 0.35 / …); the first answer's
confidence is that share calibrated against how often such answers were right
(calibration.py).
"""

from dataclasses import dataclass

from errors_kb.diagnosis.calibration import confidences
from errors_kb.diagnosis.rules import TIERS

STRONG_WEIGHT = 0.6
WEAK_ONLY_DISCOUNT = 0.3
MIN_CONFIDENCE = 0.04
MAX_MATCHES = 5
AMBIGUOUS_BELOW = 0.5
AMBIGUOUS_RATIO = 0.7


@dataclass(frozen=True)
class Sureness:
    """The weight of the surest strong rule that matched, and of the surest curated message rule."""

    any_rule: float = 0.0
    message_rule: float = 0.0


@dataclass
class Match:
    condition: str
    confidence: float  # calibrated for the first match (calibration.py)
    evidence: list
    share: float = 0.0  # of all the evidence found: what ranks and what settles ambiguity


def rank(values, ruleset, language):
    """Matches best first, whether the evidence fails to settle between them, and how sure the surest
    message, code, type or text rule that matched is (`Sureness`; 0.0 when none did)."""
    hits = {}
    for field in ruleset.rules_by_field:
        value = values.get(field)
        if not value:
            continue
        for rule in ruleset.matching(field, value):
            hits.setdefault(rule.slug, []).append(rule)
    for rule in ruleset.message_evidence(values.get("message", "").lower()):
        hits.setdefault(rule.slug, []).append(rule)
    for field, by_value in (ruleset.exact or {}).items():
        lines = dict.fromkeys(line.strip() for line in values.get(field, "").lower().splitlines())
        for line in lines:
            for rule in by_value.get(line, ()):
                hits.setdefault(rule.slug, []).append(rule)

    scores, strong, surest, surest_message = {}, set(), 0.0, 0.0
    for slug, rules in hits.items():
        missing, against = 1.0, 1.0
        for rule in rules:
            if rule.weight >= 0:
                missing *= 1.0 - min(rule.weight, 1.0)
                if TIERS.get(rule.field) == "strong":
                    surest = max(surest, rule.weight)
                    if rule.curated:
                        surest_message = max(surest_message, rule.weight)
                    if rule.weight >= STRONG_WEIGHT:
                        strong.add(slug)
            else:
                against *= 1.0 + max(rule.weight, -1.0)
        if missing < 1.0:
            scores[slug] = (1.0 - missing) * against
    if strong:
        for slug in scores:
            if slug not in strong:
                scores[slug] *= WEAK_ONLY_DISCOUNT

    total = max(1.0, sum(scores.values()))
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    shares = [(slug, round(score / total, 2)) for slug, score in ranked[:MAX_MATCHES]]
    shares = [(slug, share) for slug, share in shares if share >= MIN_CONFIDENCE]
    ambiguous = _ambiguous([share for _, share in shares])
    settled = confidences([share for _, share in shares], ambiguous=ambiguous)
    matches = [
        Match(condition=slug, confidence=confidence, evidence=_evidence(hits[slug], language), share=share)
        for (slug, share), confidence in zip(shares, settled, strict=True)
    ]
    return matches, ambiguous, Sureness(any_rule=surest, message_rule=surest_message)


def _evidence(rules, language):
    labels = []
    for rule in sorted((r for r in rules if r.weight > 0), key=lambda r: -r.weight):
        label = rule.label(language)
        if label not in labels:
            labels.append(label)
    return labels


def _ambiguous(shares):
    if not shares:
        return False
    top = shares[0]
    second = shares[1] if len(shares) > 1 else 0.0
    return top < AMBIGUOUS_BELOW or second >= top * AMBIGUOUS_RATIO
