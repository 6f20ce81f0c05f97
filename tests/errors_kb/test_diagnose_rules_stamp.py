"""The rules' shared stamp is read at most about once a second per process; edits elsewhere still arrive."""

import pytest
from django.core.cache import cache

from errors_kb.diagnosis import rules
from errors_kb.diagnosis.rules import STAMP_KEY, rules_current

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(rules.time, "monotonic", clock)
    rules._rules_forget()  # an earlier test's copy was read on the real clock
    return clock


@pytest.fixture
def stamp_reads(monkeypatch):
    reads = []
    real = rules._shared_stamp
    monkeypatch.setattr(rules, "_shared_stamp", lambda: reads.append(1) or real())
    return reads


def test_many_diagnoses_within_a_second_read_the_stamp_once(diagnose_rules, clock, stamp_reads):
    first = rules_current()
    for _ in range(50):
        clock.now += 0.01
        assert rules_current() is first
    assert len(stamp_reads) == 1


def test_another_process_edit_arrives_once_a_second_has_passed(diagnose_rules, clock, stamp_reads):
    first = rules_current()
    cache.set(STAMP_KEY, "another process saved a rule", timeout=None)
    clock.now += 0.5
    assert rules_current() is first
    clock.now += 0.6
    assert rules_current() is not first
    assert len(stamp_reads) == 2


def test_an_edit_in_this_process_arrives_at_once(diagnose_rules, clock, django_capture_on_commit_callbacks):
    first = rules_current()
    with django_capture_on_commit_callbacks(execute=True):
        rules.rules_invalidate()
    assert rules_current() is not first
