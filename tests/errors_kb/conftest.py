"""Fixtures for the guide and diagnoser tests: the shipped guide loaded, English restored."""

import pytest

from errors_kb.guide_data import guide_load, guide_read_file


@pytest.fixture
def diagnose_rules(db):
    """The shipped guide, with every entry's match rules, steps and texts."""
    report = guide_load(data=guide_read_file())
    assert report.ok, report
    return report


@pytest.fixture
def english_afterwards():
    """Requests in other languages leave that language active in the thread; put English back."""
    yield
    from django.utils import translation

    translation.activate("en")
