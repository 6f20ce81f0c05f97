"""The shipped guide and the shipped flow, loaded once per test session (as tests/errors_kb does)
and again inside a test's transaction when an earlier transactional test flushed them."""

import pytest

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry
from troubleshooter.wizard.flow_data import flow_load, flow_read_file
from troubleshooter.wizard.models import Node


def _shipped_guide_load():
    if not Entry.objects.exists():
        report = guide_load(data=guide_read_file())
        assert report.ok, report.errors


def _shipped_flow_load():
    if not Node.objects.exists():
        report = flow_load(data=flow_read_file())
        assert report.ok, report.errors


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _shipped_guide_load()
        _shipped_flow_load()


@pytest.fixture
def guide(db):
    """The shipped guide, and no wizard nodes (for tests that load the flow themselves)."""
    _shipped_guide_load()
    Node.objects.all().delete()


@pytest.fixture
def flow(db):
    _shipped_guide_load()
    _shipped_flow_load()
