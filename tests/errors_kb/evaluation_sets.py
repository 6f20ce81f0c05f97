"""The diagnoser's evaluation sets, in one place for the tests and scripts/measure_diagnoser.py.

Each set: (files of labelled API error texts, files of texts that are not API errors), under
tests/errors_kb/data/. Frozen sets are judged by aggregates only; development sets were tuned on.
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FROZEN = {
    "blind15": (
        ["fresh15/en_blind_cases.jsonl", "fresh15/cjk_blind_cases.jsonl"],
        ["fresh15/en_not_api_blind.jsonl", "fresh15/cjk_not_api_blind.jsonl"],
    ),
}
DEVELOPMENT = {
    "blind14": (
        ["fresh14/en_blind_cases.jsonl", "fresh14/cjk_blind_cases.jsonl"],
        ["fresh14/en_not_api_blind.jsonl", "fresh14/cjk_not_api_blind.jsonl"],
    ),
    "blind13": (
        ["fresh13/en_blind_cases.jsonl", "fresh13/cjk_blind_cases.jsonl"],
        ["fresh13/en_not_api_blind.jsonl", "fresh13/cjk_not_api_blind.jsonl"],
    ),
    "blind12": (
        ["fresh12/en_blind_cases.jsonl", "fresh12/cjk_blind_cases.jsonl"],
        ["fresh12/en_not_api_blind.jsonl", "fresh12/cjk_not_api_blind.jsonl"],
    ),
    "blind11": (
        ["fresh11/en_blind_cases.jsonl", "fresh11/cjk_blind_cases.jsonl"],
        ["fresh11/en_not_api_blind.jsonl", "fresh11/cjk_not_api_blind.jsonl"],
    ),
    "blind10": (
        ["fresh10/en_blind_cases.jsonl", "fresh10/cjk_blind_cases.jsonl"],
        ["fresh10/en_not_api_blind.jsonl", "fresh10/cjk_not_api_blind.jsonl"],
    ),
    "blind9": (
        ["fresh9/en_blind_cases.jsonl", "fresh9/cjk_blind_cases.jsonl"],
        ["fresh9/en_not_api_blind.jsonl", "fresh9/cjk_not_api_blind.jsonl"],
    ),
    "blind8": (
        ["fresh8/en_blind_cases.jsonl", "fresh8/cjk_blind_cases.jsonl"],
        ["fresh8/en_not_api_blind.jsonl", "fresh8/cjk_not_api_blind.jsonl"],
    ),
    "blind7": (
        ["fresh7/en_blind_cases.jsonl", "fresh7/cjk_blind_cases.jsonl"],
        ["fresh7/en_not_api_blind.jsonl", "fresh7/cjk_not_api_blind.jsonl"],
    ),
    "blind6": (
        ["fresh6/en_blind_cases.jsonl", "fresh6/cjk_blind_cases.jsonl"],
        ["fresh6/en_not_api_blind.jsonl", "fresh6/cjk_not_api_blind.jsonl"],
    ),
    "blind5": (
        ["fresh5/en_blind_cases.jsonl", "fresh5/cjk_blind_cases.jsonl"],
        ["fresh5/en_not_api_blind.jsonl", "fresh5/cjk_not_api_blind.jsonl"],
    ),
    "blind4": (
        ["fresh4/en_blind_cases.jsonl", "fresh4/cjk_blind_cases.jsonl"],
        ["fresh4/en_not_api_blind.jsonl", "fresh4/cjk_not_api_blind.jsonl"],
    ),
    "first": (["blind_cases.jsonl"], ["not_api_errors.jsonl"]),
    "fresh": (
        ["fresh/en_blind_cases.jsonl", "fresh/cjk_blind_cases.jsonl"],
        ["fresh/en_not_api_blind.jsonl", "fresh/cjk_not_api_blind.jsonl"],
    ),
    "blind3": (
        ["fresh3/en_blind_cases.jsonl", "fresh3/cjk_blind_cases.jsonl"],
        ["fresh3/en_not_api_blind.jsonl", "fresh3/cjk_not_api_blind.jsonl"],
    ),
    "fresh-dev": (
        ["fresh/en_dev_cases.jsonl", "fresh/cjk_dev_cases.jsonl"],
        ["fresh/en_not_api_dev.jsonl", "fresh/cjk_not_api_dev.jsonl"],
    ),
    "dev2": (
        ["fresh/en_dev2_cases.jsonl", "fresh/cjk_dev2_cases.jsonl"],
        ["fresh/en_not_api_dev2.jsonl", "fresh/cjk_not_api_dev2.jsonl"],
    ),
}
SETS = {**FROZEN, **DEVELOPMENT}


def cases(names):
    """Every labelled line of the named files (paths under DATA)."""
    return [
        json.loads(line)
        for name in names
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
