"""Ranking on an in-memory rule set: how evidence adds up (each candidate's share), counts against, and stays
honest when it cannot settle. Calibrated confidences: test_diagnose_calibration.py."""

import re

from errors_kb.diagnosis.ranking import MAX_MATCHES, rank
from errors_kb.diagnosis.rules import RULE_FLAGS, CompiledRule, RuleSet


def rule(slug, field, pattern, weight, label=""):
    return CompiledRule(
        slug=slug,
        field=field,
        regex=re.compile(pattern, RULE_FLAGS),
        weight=weight,
        labels={"en": label or f"{field} {pattern}"},
    )


def ruleset(*rules):
    by_field = {}
    for one in rules:
        by_field.setdefault(one.field, []).append(one)
    return RuleSet(rules_by_field={k: tuple(v) for k, v in by_field.items()}, titles={}, error_codes={})


def ranked(values, *rules):
    matches, ambiguous, _surest = rank(values, ruleset(*rules), "en")
    return [(m.condition, m.share) for m in matches], ambiguous


def test_one_strong_rule_names_its_condition_with_its_weight():
    matches, ambiguous = ranked({"code": "insufficient_quota"}, rule("quota", "code", "^insufficient_quota$", 0.9))
    assert matches == [("quota", 0.9)]
    assert not ambiguous


def test_independent_evidence_adds_up_without_passing_one():
    matches, _ambiguous = ranked(
        {"message": "slow down", "status": "429"},
        rule("slow-down", "message", "slow down", 0.6),
        rule("slow-down", "status", "^429$", 0.5),
    )
    assert matches == [("slow-down", 0.8)]  # 1 - (1 - 0.6) * (1 - 0.5)


def test_a_negative_weight_counts_against():
    rules = (rule("made-up", "text", "widget", 0.9), rule("made-up", "text", "harmless", -1.0))
    assert ranked({"text": "widget broke"}, *rules)[0] == [("made-up", 0.9)]
    assert ranked({"text": "harmless widget"}, *rules)[0] == []


def test_status_alone_is_discounted_once_another_entry_has_strong_evidence():
    matches, _ambiguous = ranked(
        {"status": "429", "message": "The server had an error while processing your request."},
        rule("rate-limit", "status", "^429$", 0.5),
        rule("server-error", "message", "server had an error", 0.9),
    )
    assert [slug for slug, _confidence in matches] == ["server-error", "rate-limit"]
    assert matches[1][1] < 0.2


def test_competing_weak_evidence_is_shared_and_called_ambiguous():
    matches, ambiguous = ranked(
        {"status": "429"},
        rule("rate-limit", "status", "^429$", 0.5),
        rule("quota", "status", "^429$", 0.4),
        rule("concurrent", "status", "^429$", 0.3),
    )
    assert [slug for slug, _confidence in matches] == ["rate-limit", "quota", "concurrent"]
    assert sum(confidence for _slug, confidence in matches) <= 1.01
    assert matches[0][1] < 0.5
    assert ambiguous


def test_it_lists_at_most_the_best_few_and_drops_the_negligible():
    rules = [rule(f"entry-{n}", "text", "boom", 0.5) for n in range(MAX_MATCHES + 3)]
    matches, _ambiguous = ranked({"text": "boom"}, *rules)
    assert len(matches) == MAX_MATCHES
    assert ranked({"text": "nothing here"}, *rules)[0] == []


def test_the_evidence_is_the_labels_of_the_rules_that_matched_strongest_first():
    matches, _ambiguous, _surest = rank(
        {"code": "insufficient_quota", "status": "429"},
        ruleset(
            rule("quota", "status", "^429$", 0.3, label="status 429"),
            rule("quota", "code", "^insufficient_quota$", 0.9, label="code insufficient_quota"),
        ),
        "en",
    )
    assert matches[0].evidence == ["code insufficient_quota", "status 429"]
