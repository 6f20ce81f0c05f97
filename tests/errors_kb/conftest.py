"""Fixtures for the guide and diagnoser tests.

The shipped guide is loaded once per test session (once per xdist worker) into the
test database, before any test runs. Every test runs in a transaction that is rolled
back, so each one sees the whole guide and leaves it as it was. A test that needs
another guide says so: ``empty_guide``, ``small_guide`` (tests/errors_kb/fixtures)
or ``factories.sample_guide()`` clear the guide inside the test's own transaction.
"""

import pytest

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry
from tests.errors_kb.factories import SMALL_GUIDE, guide_clear


def _shipped_guide_load():
    report = guide_load(data=guide_read_file())
    assert report.ok, report.errors


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _shipped_guide_load()


@pytest.fixture
def shipped_guide(db):
    """Slugs of the shipped guide, which the database holds.

    A ``transaction=True`` test flushes the database when it ends (pytest-django runs
    those last); a test after one loads the guide again, inside its own transaction.
    """
    if not Entry.objects.exists():
        _shipped_guide_load()
    return set(Entry.objects.values_list("slug", flat=True))


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
