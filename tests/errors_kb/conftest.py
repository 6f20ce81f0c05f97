"""Fixtures for the guide and diagnoser tests: the shipped guide loaded."""

import pytest

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load


@pytest.fixture
def diagnose_rules(db):
    """The shipped guide, with every entry's match rules, steps and texts."""
    report = guide_load(data=guide_read_file())
    assert report.ok, report
    return report
