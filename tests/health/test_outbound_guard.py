"""The outbound guard: public addresses only, checked after resolving, connected to as checked."""

import httpcore
import pytest

from troubleshooter.health import outbound
from troubleshooter.health.outbound import GuardedBackend, OutboundRefused, outbound_client, resolve_checked

REFUSED_HOSTS = [
    "127.0.0.1",
    "localhost",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.10",
    "169.254.10.10",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "0177.0.0.1",
    "2130706433",
    "0x7f000001",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[fd00:ec2::254]",
    "[fe80::1]",
]


@pytest.fixture
def nothing_allowed(settings):
    settings.HEALTH_OUTBOUND_ALLOWED_HOSTS = []


@pytest.mark.parametrize("host", REFUSED_HOSTS)
def test_it_refuses_non_public_addresses(host, nothing_allowed):
    with pytest.raises(OutboundRefused):
        resolve_checked(host, 443)


def test_it_lets_a_public_address_through(nothing_allowed):
    assert resolve_checked("8.8.8.8", 443) == ["8.8.8.8"]


@pytest.mark.parametrize("host", ["0177.0.0.1", "2130706433", "[::ffff:127.0.0.1]"])
def test_the_development_allow_list_opens_loopback_by_name_only(host, settings):
    assert "127.0.0.1" in settings.HEALTH_OUTBOUND_ALLOWED_HOSTS
    assert resolve_checked("127.0.0.1", 80) == ["127.0.0.1"]
    with pytest.raises(OutboundRefused):
        resolve_checked(host, 80)


def test_a_name_with_one_private_answer_among_public_ones_is_refused(nothing_allowed, monkeypatch):
    monkeypatch.setattr(outbound, "resolve", lambda host, port: ["93.184.216.34", "10.0.0.5"])
    with pytest.raises(OutboundRefused):
        resolve_checked("mixed.example", 443)


def test_a_name_that_resolves_public_then_private_is_connected_to_as_checked(nothing_allowed, monkeypatch):
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    monkeypatch.setattr(outbound, "resolve", lambda host, port: next(answers))
    connected = []
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", lambda self, host, port, *a: connected.append(host))
    GuardedBackend().connect_tcp("rebind.example", 443)
    assert connected == ["93.184.216.34"]
    with pytest.raises(OutboundRefused):  # the second answer, private, is checked again and refused
        GuardedBackend().connect_tcp("rebind.example", 443)
    assert connected == ["93.184.216.34"]


def test_the_shared_client_refuses_a_private_name_before_connecting(nothing_allowed, monkeypatch):
    monkeypatch.setattr(outbound, "resolve", lambda host, port: ["169.254.169.254"])
    with pytest.raises(OutboundRefused):
        outbound_client().get("http://metadata.example/latest/meta-data/")


def test_the_shared_client_does_not_follow_redirects(openai_simulator):
    assert outbound_client().follow_redirects is False
