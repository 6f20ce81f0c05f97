"""The outbound guard: the server calls public addresses only.

Every request the site sends out (health checks, webhooks) goes through ``outbound_client()``,
whose connections are opened by ``GuardedBackend``: it resolves the name, refuses loopback,
private, link-local, carrier-grade NAT, reserved and metadata addresses (also in their
IPv4-mapped IPv6 forms), and connects to the very address it checked, so a second DNS answer
cannot rebind it. Names in HEALTH_OUTBOUND_ALLOWED_HOSTS skip the address check (development
allows the simulator on loopback). Redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
import threading

import httpcore
import httpx
from django.conf import settings

METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254"))


class OutboundRefused(Exception):
    """The name resolves to an address the server must not call."""

    def __init__(self, *, host: str, address: str):
        self.host, self.address = host, address
        super().__init__(f"refused to connect to {host} ({address}): not a public address")


def address_is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    # is_global, not is_private: 100.64.0.0/10 (carrier-grade NAT) is neither private nor global.
    return address.is_global and not address.is_multicast and address not in METADATA_ADDRESSES


def host_is_allowed(host: str) -> bool:
    return host.strip("[]").lower() in {h.strip("[]").lower() for h in settings.HEALTH_OUTBOUND_ALLOWED_HOSTS}


def resolve(host: str, port: int) -> list[str]:
    """Every address a name resolves to (the seam tests patch); raises socket.gaierror."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def resolve_checked(host: str, port: int) -> list[str]:
    """The addresses to connect to, all of them public unless the host is allowed by name."""
    host = host.strip("[]")
    addresses = resolve(host, port)
    if not host_is_allowed(host):
        for address in addresses:
            if not address_is_public(ipaddress.ip_address(address.split("%", 1)[0])):
                raise OutboundRefused(host=host, address=address)
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses the guard has checked."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = resolve_checked(host, port)
        except socket.gaierror as error:
            raise httpcore.ConnectError(f"[Errno {error.errno}] {error.strerror}: {host}") from error
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


_clients: dict[str, httpx.Client] = {}
_clients_lock = threading.Lock()


def outbound_client(*, proxy: str = "") -> httpx.Client:
    """One long-lived client per process (and per proxy): guarded, no redirects, no env proxies."""
    with _clients_lock:
        client = _clients.get(proxy)
        if client is None:
            transport = httpx.HTTPTransport(proxy=proxy or None, trust_env=False)
            transport._pool._network_backend = GuardedBackend()  # httpx has no public hook for it
            client = httpx.Client(
                transport=transport,
                follow_redirects=False,
                trust_env=False,
                timeout=httpx.Timeout(10.0, connect=settings.HEALTH_CONNECT_TIMEOUT),
                limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            )
            _clients[proxy] = client
        return client
