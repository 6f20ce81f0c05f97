"""The shipped guide and the shipped flow, loaded."""

import pytest

from errors_kb.guide_data import guide_load, guide_read_file
from troubleshooter.wizard.flow_data import flow_load, flow_read_file


@pytest.fixture
def guide(db):
    report = guide_load(data=guide_read_file())
    assert report.ok, report.errors


@pytest.fixture
def flow(guide):
    report = flow_load(data=flow_read_file())
    assert report.ok, report.errors
    return report
