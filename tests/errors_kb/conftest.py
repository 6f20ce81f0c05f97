"""Fixtures for the guide and diagnoser tests: the shipped guide loaded."""

import pytest

from errors_kb.guide_data import guide_load, guide_read_file


@pytest.fixture
def diagnose_rules(db):
    """The shipped guide, with every entry's match rules, steps and texts."""
    report = guide_load(data=guide_read_file())
    assert report.ok, report
    return report
