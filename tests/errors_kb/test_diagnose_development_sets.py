"""The development sets collected alongside the fresh frozen one (tests/errors_kb/data/fresh/*dev*):
real texts the rules and vocabulary were improved on, misses read. They guard what was learnt from them;
they say nothing about texts the diagnoser never saw (test_diagnose_frozen_sets.py does)."""

import json
from pathlib import Path

import pytest

from errors_kb.diagnose import diagnose_text

DATA = Path(__file__).resolve().parent / "data" / "fresh"
SETS = {
    # name: (API texts, non-API texts, top-1 floor, no-match floor)
    "fresh-dev": (
        ["en_dev_cases.jsonl", "cjk_dev_cases.jsonl"],
        ["en_not_api_dev.jsonl", "cjk_not_api_dev.jsonl"],
        0.95,
        0.95,
    ),
    "dev2": (
        ["en_dev2_cases.jsonl", "cjk_dev2_cases.jsonl"],
        ["en_not_api_dev2.jsonl", "cjk_not_api_dev2.jsonl"],
        0.93,
        0.84,
    ),
}


def _cases(names):
    return [
        json.loads(line)
        for name in names
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize("name", SETS)
def test_the_development_api_texts_are_named_right(diagnose_rules, name):
    api_files, _not_api, floor, _ = SETS[name]
    cases = _cases(api_files)
    misses = []
    for case in cases:
        best = diagnose_text(case["text"]).best
        if (best.condition if best else None) not in {case["condition"], *(case.get("accept") or [])}:
            misses.append((case["condition"], best and best.condition, case["text"][:90]))
    share = 1 - len(misses) / len(cases)
    print(f"\n{name}: top-1 {share:.3f} ({len(cases) - len(misses)}/{len(cases)})")
    assert share >= floor, misses


@pytest.mark.parametrize("name", SETS)
def test_the_development_texts_that_are_not_api_errors_stay_unanswered(diagnose_rules, name):
    _api, not_api_files, _, floor = SETS[name]
    cases = _cases(not_api_files)
    answered = [(diagnose_text(case["text"]).best, case["text"][:90]) for case in cases]
    answered = [(best.condition, text) for best, text in answered if best]
    share = 1 - len(answered) / len(cases)
    print(f"\n{name}: non-API no match {share:.3f}")
    assert share >= floor, answered
