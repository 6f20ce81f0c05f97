"""Accuracy on an independent, hand-written evaluation set (tests/errors_kb/data/holdout_cases.jsonl).

The set was written apart from data/dev_cases.jsonl and follows its labelling
conventions: top-1 must be one of the case's `accept` slugs.
"""

import json
from pathlib import Path

import pytest

from errors_kb.diagnose import diagnose_text

pytestmark = pytest.mark.django_db
HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout_cases.jsonl"
REQUIRED_ACCURACY = 0.95


def load_cases():
    return [json.loads(line) for line in HOLDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_holdout_set_is_well_formed():
    cases = load_cases()
    assert len(cases) >= 120
    for case in cases:
        assert {"text", "condition", "accept", "language", "form", "note"} <= set(case), case
        assert case["condition"] in case["accept"], case


def test_it_names_the_right_condition_for_the_holdout_cases(diagnose_rules):
    cases = load_cases()
    unknown = {slug for case in cases for slug in case["accept"]} - diagnose_rules
    assert not unknown, f"accepted slugs with no guide entry: {sorted(unknown)}"
    misses = []
    for case in cases:
        diagnosis = diagnose_text(case["text"])
        top = diagnosis.best.condition if diagnosis.best else None
        if top not in case["accept"]:
            others = [m.condition for m in diagnosis.matches[1:3]]
            misses.append(f"expected {case['condition']}, got {top} (then {others}): {case['text'][:100]!r}")
    accuracy = 1 - len(misses) / len(cases)
    print(f"\nholdout cases: top-1 accuracy {accuracy:.3f} ({len(cases) - len(misses)}/{len(cases)})")
    for miss in misses:
        print("  ", miss)
    assert accuracy >= REQUIRED_ACCURACY, "\n".join([f"accuracy {accuracy:.3f}"] + misses)
