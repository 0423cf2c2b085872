"""Refuse to fetch what a hostile entry could aim at: internal addresses and non-web schemes.

A pull request controls the URLs CI fetches, so only http and https are fetched, and a host is refused
when any address it resolves to is loopback, private, link-local, carrier-grade NAT (100.64.0.0/10),
multicast, unspecified, reserved, or a cloud metadata address. The rule is applied after DNS resolution
and again on every redirect hop (the checker follows redirects itself), and a second time at connect
time on the socket's actual peer address (`check_peer`), so a name that resolves differently the second
time (DNS rebinding) is still refused. `allow_private` lifts the address rule (tests on loopback).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

METADATA = (ipaddress.ip_network("169.254.169.254/32"), ipaddress.ip_network("fd00:ec2::254/128"),
            ipaddress.ip_network("100.100.100.200/32"))
CGNAT = ipaddress.ip_network("100.64.0.0/10")
# getaddrinfo errors that mean "this name does not exist", as opposed to "could not ask".
NAME_NOT_FOUND = {getattr(socket, n) for n in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, n)}


class Refused(Exception):
    """We will not fetch this URL; the message says why."""


class DnsFailure(Exception):
    def __init__(self, host: str, permanent: bool, detail: str) -> None:
        super().__init__(f"{host}: {detail}")
        self.host = host
        self.permanent = permanent  # the name does not exist (vs. could not ask: no network, timeout)


def refusal_reason(address: Address) -> str | None:
    """Why an address must not be fetched, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address in net for net in METADATA if net.version == address.version):
        return "a cloud metadata address"
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("carrier-grade NAT", address.version == 4 and address in CGNAT),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("not public", not address.is_global),
    )
    return next((f"a {name} address" for name, hit in checks if hit), None)


def system_resolver(host: str, port: int) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


def _legacy_ipv4(host: str) -> Address | None:
    """An IPv4 address in the forms resolvers still accept (2130706433, 0x7f.1, 0177.0.0.1), else None."""
    if not host or not all(c in "0123456789abcdefxABCDEFX." for c in host) or not host[0].isdigit():
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def unreachable_host_reason(host: str) -> str | None:
    """Why no reader could open a link to `host`, judged without DNS: a `localhost` name, or an address
    literal (in any form a resolver accepts) that the policy refuses. None for every other host."""
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return "a localhost name"
    if not host or not (host[0].isdigit() or ":" in host):  # a name: only DNS could tell, and we do not ask
        return None
    address = _literal(host) or _legacy_ipv4(host)
    return refusal_reason(address) if address is not None else None


@dataclass
class SafetyPolicy:
    allow_private: bool = False
    resolver: Resolver = system_resolver
    exempt: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(default=())
    """Networks allowed even when private (an internal mirror, or a test's own loopback server)."""

    def check_url(self, url: str) -> list[str]:
        """Raise Refused or DnsFailure; return the addresses the host resolves to."""
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise Refused(f"not a valid URL: {error}") from error
        if parts.scheme not in ("http", "https"):
            raise Refused(f"only http and https links are fetched, not '{parts.scheme or 'no scheme'}'")
        host = parts.hostname
        if not host:
            raise Refused("the URL has no host")
        literal = _literal(host)
        addresses = [str(literal)] if literal else self._resolve(host, port)
        self.check_addresses(host, addresses)
        return addresses

    def check_addresses(self, host: str, addresses: Iterable[str]) -> None:
        if self.allow_private:
            return
        for text in addresses:
            address = ipaddress.ip_address(text.split("%")[0])
            if any(address in net for net in self.exempt if net.version == address.version):
                continue
            reason = refusal_reason(address)
            if reason:
                raise Refused(f"{host} resolves to {address}, {reason}")

    def check_peer(self, sock: socket.socket, host: str) -> None:
        """Connect-time check on the address actually connected to (defeats DNS rebinding)."""
        self.check_addresses(host, [sock.getpeername()[0]])

    def _resolve(self, host: str, port: int) -> list[str]:
        try:
            addresses = self.resolver(host, port)
        except socket.gaierror as error:
            permanent = error.errno in NAME_NOT_FOUND
            raise DnsFailure(host, permanent, error.strerror or str(error)) from error
        except (OSError, UnicodeError) as error:
            raise DnsFailure(host, False, str(error)) from error
        if not addresses:
            raise DnsFailure(host, True, "no address")
        return addresses


def name_not_found(host: str) -> socket.gaierror:
    """The error a resolver raises for a name that does not exist (for injected test resolvers)."""
    return socket.gaierror(getattr(socket, "EAI_NONAME", -2), "Name or service not known")


def lookup_failed(host: str) -> socket.gaierror:
    """The error of a resolver that could not ask (offline machine)."""
    return socket.gaierror(getattr(socket, "EAI_AGAIN", -3), "Temporary failure in name resolution")

