"""Regression floors on the frozen evaluation sets: real texts collected from public issues and pages
by someone who did not tune, committed before the rework they judge, never tuned on.

  first  blind_cases.jsonl, not_api_errors.jsonl                 (measured before and after the first rework)
  fresh  fresh/*_blind_cases.jsonl, fresh/*_not_api_blind.jsonl  (measured before and after the second)
  blind3 fresh3/*                                                (frozen during the second, measured on the
                                                                  commit it was frozen at and at its end)

Only aggregate figures are reported, never which texts missed: looking at them would turn the sets into
training data. Each floor is the figure measured after its rework, so a later change cannot quietly make
the diagnoser worse on texts it never saw; scripts/measure_diagnoser.py prints the detail.
"""

import json
from pathlib import Path

import pytest

from errors_kb.diagnose import diagnose_text

DATA = Path(__file__).parent / "data"
SETS = {
    # name: (API texts, non-API texts, top-1 floor, no-match floor)
    "first": (["blind_cases.jsonl"], ["not_api_errors.jsonl"], 0.96, 0.85),
    "fresh": (
        ["fresh/en_blind_cases.jsonl", "fresh/cjk_blind_cases.jsonl"],
        ["fresh/en_not_api_blind.jsonl", "fresh/cjk_not_api_blind.jsonl"],
        0.88,
        0.91,
    ),
    "blind3": (
        ["fresh3/en_blind_cases.jsonl", "fresh3/cjk_blind_cases.jsonl"],
        ["fresh3/en_not_api_blind.jsonl", "fresh3/cjk_not_api_blind.jsonl"],
        0.79,
        0.97,
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
def test_the_frozen_api_texts_stay_at_least_as_right_as_measured(diagnose_rules, name):
    api_files, _not_api, floor, _ = SETS[name]
    cases = _cases(api_files)
    right = 0
    for case in cases:
        matches = diagnose_text(case["text"]).matches
        accepted = {case["condition"], *(case.get("accept") or [])}
        right += bool(matches) and matches[0].condition in accepted

    share = right / len(cases)
    assert share >= floor, f"{name}: top-1 {right}/{len(cases)} = {share:.3f}"


@pytest.mark.parametrize("name", SETS)
def test_frozen_texts_that_are_not_api_errors_stay_unanswered(diagnose_rules, name):
    _api, not_api_files, _, floor = SETS[name]
    cases = _cases(not_api_files)
    unanswered = sum(not diagnose_text(case["text"]).matches for case in cases)

    share = unanswered / len(cases)
    assert share >= floor, f"{name}: non-API no match {unanswered}/{len(cases)} = {share:.3f}"
