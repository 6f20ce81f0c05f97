"""Regression floors on the frozen evaluation set: real texts collected from public issues and pages
by someone who did not tune, committed before the rework it judges, never tuned on.

  blind15  fresh15/*  (collected from deb5b0a on, while blind14 was being spent; measured there and at ebb404b;
                       blind4 to blind14 before it were measured the same way, then spent)

Only aggregate figures are reported, never which texts missed: looking at them would turn the set into
training data. The floor is the figure measured after the rework, so a later change cannot quietly make
the diagnoser worse on texts it never saw; scripts/measure_diagnoser.py prints the detail. The sets
frozen earlier (first, fresh, blind3, blind4 to blind14) are spent and guarded in test_diagnose_development_sets.py.
"""

import pytest

from errors_kb.diagnose import diagnose_text
from tests.errors_kb.evaluation_sets import FROZEN, cases

FLOORS = {"blind15": (0.80, 0.82)}  # top-1, no match on non-API, as measured after the rework (ebb404b)


@pytest.mark.parametrize("name", FROZEN)
def test_the_frozen_api_texts_stay_at_least_as_right_as_measured(diagnose_rules, name):
    api_cases, floor = cases(FROZEN[name][0]), FLOORS[name][0]
    right = 0
    for case in api_cases:
        matches = diagnose_text(case["text"]).matches
        accepted = {case["condition"], *(case.get("accept") or [])}
        right += bool(matches) and matches[0].condition in accepted

    share = right / len(api_cases)
    assert share >= floor, f"{name}: top-1 {right}/{len(api_cases)} = {share:.3f}"


@pytest.mark.parametrize("name", FROZEN)
def test_frozen_texts_that_are_not_api_errors_stay_unanswered(diagnose_rules, name):
    not_api_cases, floor = cases(FROZEN[name][1]), FLOORS[name][1]
    unanswered = sum(not diagnose_text(case["text"]).matches for case in not_api_cases)

    share = unanswered / len(not_api_cases)
    assert share >= floor, f"{name}: non-API no match {unanswered}/{len(not_api_cases)} = {share:.3f}"
