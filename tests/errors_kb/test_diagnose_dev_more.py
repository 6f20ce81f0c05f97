"""Accuracy on tests/errors_kb/data/dev_more_cases.jsonl: real wordings gathered from public issues
(Azure, OpenRouter, litellm, one-api/new-api, Codex, Chinese and Korean apps) to tune the rules and
vocabulary on. Top-1 must be one of the case's `accept` slugs."""

import json
from pathlib import Path

import pytest

from errors_kb.diagnose import diagnose_text

pytestmark = pytest.mark.django_db
CASES = Path(__file__).resolve().parent / "data" / "dev_more_cases.jsonl"
REQUIRED_ACCURACY = 0.95


def test_it_names_the_right_condition_for_the_gathered_wordings(diagnose_rules):
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 40
    misses = []
    for case in cases:
        best = diagnose_text(case["text"]).best
        if (best.condition if best else None) not in case["accept"]:
            misses.append((case["condition"], best and best.condition, case["text"][:90]))
    accuracy = 1 - len(misses) / len(cases)
    print(f"\ngathered wordings: top-1 accuracy {accuracy:.3f} ({len(cases) - len(misses)}/{len(cases)})")
    assert accuracy >= REQUIRED_ACCURACY, misses
