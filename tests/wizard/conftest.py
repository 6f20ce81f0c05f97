"""The shipped flow, loaded once per test session on top of the shipped guide (tests/conftest.py),
and again inside a test's transaction when an earlier transactional test flushed them."""

import pytest

from tests.conftest import shipped_guide_ensure
from troubleshooter.wizard.flow_data import flow_load, flow_read_file
from troubleshooter.wizard.models import Node


def _shipped_flow_load():
    if not Node.objects.exists():
        report = flow_load(data=flow_read_file())
        assert report.ok, report.errors


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        shipped_guide_ensure()  # a transactional test run earlier on this worker may have flushed it
        _shipped_flow_load()


@pytest.fixture
def guide(shipped_guide):
    """The shipped guide, and no wizard nodes (for tests that load the flow themselves)."""
    Node.objects.all().delete()


@pytest.fixture
def flow(shipped_guide):
    _shipped_flow_load()
