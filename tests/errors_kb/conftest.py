"""Fixtures for the guide and diagnoser tests (the shipped guide itself: tests/conftest.py).

A test that needs another guide says so: ``empty_guide``, ``small_guide``
(tests/errors_kb/fixtures) or ``factories.sample_guide()`` clear the guide inside the
test's own transaction.
"""

import pytest

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from tests.errors_kb.factories import SMALL_GUIDE, guide_clear


@pytest.fixture
def diagnose_rules(shipped_guide):
    """The diagnoser's rules: the shipped guide's match rules."""
    return shipped_guide


@pytest.fixture
def empty_guide(db):
    guide_clear()


@pytest.fixture
def small_guide(empty_guide):
    """The three cross-linked entries of tests/errors_kb/fixtures/guide_small.json, and nothing else."""
    report = guide_load(data=guide_read_file(SMALL_GUIDE))
    assert report.ok, report.errors
    return report
