"""The literal prefilter skips searches, never matches: patterns split into their top-level alternatives and
searched only where one of an alternative's literals occurs (the match rules, the vocabulary's alternations) find
exactly what searching everything finds, on real pastes and on texts built from the rules' own literals in any case."""

import functools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors_kb.diagnosis.rules import (
    RULE_FLAGS,
    CompiledRule,
    Prefiltered,
    RuleSet,
    required_literals,
    rules_current,
    top_level_alternatives,
)
from tests.errors_kb.evaluation_sets import DEVELOPMENT, cases


def _every_rule_searched(ruleset, field, value):
    return [rule for rule in ruleset.rules_by_field[field] if rule.regex.search(value)]


@functools.cache
def _prefiltered_fields(fields):
    """Each field's patterns in a Prefiltered of the test's own (the rule set's are private)."""
    return {field: Prefiltered(patterns) for field, patterns in fields}


def _patterns(ruleset):
    return tuple(
        (field, tuple(rule.regex.pattern for rule in rules)) for field, rules in ruleset.rules_by_field.items()
    )


def _agree(ruleset, prefiltered, text):
    for field in ruleset.rules_by_field:
        searched = _every_rule_searched(ruleset, field, text)
        assert ruleset.matching(field, text) == searched, field
        assert prefiltered[field].matches_any(text) == bool(searched), field


@pytest.mark.django_db
def test_on_real_pastes_the_prefilter_finds_what_searching_everything_finds(diagnose_rules):
    ruleset = rules_current()
    prefiltered = _prefiltered_fields(_patterns(ruleset))
    texts = [case["text"] for name in ("blind12", "blind11") for files in DEVELOPMENT[name] for case in cases(files)]
    assert len(texts) > 600
    for text in texts:
        _agree(ruleset, prefiltered, text)


@functools.cache
def _literals(fields):
    parts = (part for _field, patterns in fields for pattern in patterns for part in top_level_alternatives(pattern))
    return sorted({needle for part in parts for needle in required_literals(part) or ()})


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_on_texts_made_of_the_rules_own_literals_the_prefilter_finds_the_same(diagnose_rules, data):
    ruleset = rules_current()
    fields = _patterns(ruleset)
    literals = st.sampled_from(_literals(fields))
    piece = st.one_of(
        literals.map(str.upper),
        literals.map(str.title),
        literals,
        st.text(max_size=12),
        st.sampled_from([" ", "\n", ": ", "429", "Error code: 401 - ", "{'error': {'message': '", "”。"]),
    )
    text = "".join(data.draw(st.lists(piece, max_size=12)))
    _agree(ruleset, _prefiltered_fields(fields), text)


@pytest.mark.parametrize(
    ("pattern", "alternatives"),
    [
        (r"a|b(c|d)|[|]", ("a", "b(c|d)", "[|]")),
        (r"[]|]x|y", ("[]|]x", "y")),
        (r"[^]|]x|y", ("[^]|]x", "y")),
        (r"\|a|b", (r"\|a", "b")),
        (r"x(?:y|z)|(?<=a|b)c", ("x(?:y|z)", "(?<=a|b)c")),
        ("a|", ("a", "")),
        (r"(?i)a|b", (r"(?i)a|b",)),  # a global flag reaches every alternative
        (r"(a)\1|b", (r"(a)\1|b",)),  # so does a back-reference's group
    ],
)
def test_a_pattern_splits_into_its_top_level_alternatives_only(pattern, alternatives):
    assert top_level_alternatives(pattern) == alternatives


def test_an_alternative_without_a_literal_is_always_searched():
    rule = CompiledRule(
        slug="made-up", field="text", regex=re.compile(r"quota exceeded|\d{3}!", RULE_FLAGS), weight=0.5, labels={}
    )
    ruleset = RuleSet(rules_by_field={"text": (rule,)}, titles={}, error_codes={})
    assert ruleset.matching("text", "it failed: 429!") == [rule]
    assert ruleset.matching("text", "QUOTA EXCEEDED") == [rule]
    assert ruleset.matching("text", "nothing here") == []
