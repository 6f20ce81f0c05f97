import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import system_packages  # noqa: E402


def test_without_root_a_missing_package_stops_with_one_sentence_naming_it(monkeypatch):
    monkeypatch.setitem(system_packages.CHECKS, "redis-server", lambda: False)
    monkeypatch.setattr(system_packages.os, "geteuid", lambda: 1000)

    with pytest.raises(SystemExit) as stop:
        system_packages.ensure_packages(["redis-server"])

    assert str(stop.value) == (
        "Troubleshooter needs these Debian packages; install them with: sudo apt-get install redis-server"
    )


def test_present_packages_need_nothing(monkeypatch):
    monkeypatch.setitem(system_packages.CHECKS, "gettext", lambda: True)
    monkeypatch.setattr(system_packages.subprocess, "run", lambda *a, **k: pytest.fail("apt-get was called"))

    system_packages.ensure_packages(["gettext"])
