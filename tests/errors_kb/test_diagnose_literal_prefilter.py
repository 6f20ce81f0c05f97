"""The literal prefilter skips searches, never matches: a rule, each of its top-level alternatives, or a
vocabulary alternation searched only where one of its literals occurs finds exactly what searching everything
finds, on real pastes and on texts built from the rules' own literals in any case."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors_kb.diagnosis.rules import (
    RULE_FLAGS,
    CompiledRule,
    FieldRules,
    required_literals,
    rules_current,
    top_level_alternatives,
)
from tests.errors_kb.evaluation_sets import DEVELOPMENT, cases

ALTERNATIONS = ("api_signs", "api_context", "llm_context", "other_services")


def _every_rule_searched(ruleset, field, value):
    return [rule for rule in ruleset.rules_by_field[field] if rule.regex.search(value)]


def _agree(ruleset, text):
    for field in ruleset.rules_by_field:
        assert ruleset.matching(field, text) == _every_rule_searched(ruleset, field, text), field
    for name in ALTERNATIONS:
        wordings = getattr(ruleset, name)
        assert bool(wordings.search(text)) == bool(wordings.pattern.search(text)), name


@pytest.mark.django_db
def test_on_real_pastes_the_prefilter_finds_what_searching_everything_finds(diagnose_rules):
    ruleset = rules_current()
    texts = [case["text"] for name in ("blind12", "blind11") for files in DEVELOPMENT[name] for case in cases(files)]
    assert len(texts) > 600
    for text in texts:
        _agree(ruleset, text)


def _literals(ruleset):
    found = {needle for rules in ruleset.rules_by_field.values() for rule in rules for needle in rule.needles or ()}
    return sorted(found)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_on_texts_made_of_the_rules_own_literals_the_prefilter_finds_the_same(diagnose_rules, data):
    ruleset = rules_current()
    piece = st.one_of(
        st.sampled_from(_literals(ruleset)).map(str.upper),
        st.sampled_from(_literals(ruleset)).map(str.title),
        st.sampled_from(_literals(ruleset)),
        st.text(max_size=12),
        st.sampled_from([" ", "\n", ": ", "429", "Error code: 401 - ", "{'error': {'message': '", "”。"]),
    )
    text = "".join(data.draw(st.lists(piece, max_size=12)))
    _agree(ruleset, text)


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
    pattern = r"quota exceeded|\d{3}!"
    rule = CompiledRule(
        slug="made-up",
        field="text",
        regex=re.compile(pattern, RULE_FLAGS),
        weight=0.5,
        labels={},
        needles=required_literals(pattern),
    )
    rules = FieldRules([rule])
    assert rules.matching("it failed: 429!") == [rule]
    assert rules.matching("QUOTA EXCEEDED") == [rule]
    assert rules.matching("nothing here") == []
