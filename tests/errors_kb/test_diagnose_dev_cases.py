"""Accuracy on the labelled real pastes in tests/errors_kb/data/dev_cases.jsonl (top-1 in `accept`)."""

import json
from pathlib import Path

import pytest

from errors_kb.diagnose import diagnose_text

pytestmark = pytest.mark.django_db
DEV_CASES = Path(__file__).resolve().parent / "data" / "dev_cases.jsonl"
REQUIRED_ACCURACY = 0.95


def test_it_names_the_right_condition_for_the_real_dev_cases(diagnose_rules):
    cases = [json.loads(line) for line in DEV_CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    labelled = [case for case in cases if case["condition"] is not None]
    assert len(labelled) > 100
    misses = []
    for case in labelled:
        diagnosis = diagnose_text(case["text"])
        top = diagnosis.best.condition if diagnosis.best else None
        if top not in case["accept"]:
            misses.append((case["condition"], top, case["text"][:80]))
    accuracy = 1 - len(misses) / len(labelled)
    print(f"\ndev cases: top-1 accuracy {accuracy:.3f} ({len(labelled) - len(misses)}/{len(labelled)})")
    for expected, got, text in misses:
        print(f"  expected {expected}, got {got}: {text!r}")
    assert accuracy >= REQUIRED_ACCURACY
