"""Hostile entries: only http(s), no internal addresses (after DNS and on every hop), DNS failures."""

from __future__ import annotations

import ipaddress

import pytest

from awesome_approx.links.results import DEAD, UNKNOWN
from awesome_approx.links.scheduler import HostLimiter
from awesome_approx.links.strategies.http import check_url
from awesome_approx.net.safety import (
    DnsFailure,
    Refused,
    SafetyPolicy,
    lookup_failed,
    name_not_found,
    refusal_reason,
)
from awesome_approx.net.transport import Fetcher
from fakes.faults import FaultServer

REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("fd12:3456::1", "private"),
    ("169.254.1.1", "link-local"),
    ("fe80::1", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.254", "carrier-grade NAT"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("169.254.169.254", "cloud metadata"),
    ("fd00:ec2::254", "cloud metadata"),
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6 is judged as the IPv4 address
    ("::ffff:169.254.169.254", "cloud metadata"),
    ("0.0.0.0", "unspecified"),
]


@pytest.mark.parametrize(("address", "kind"), REFUSED)
def test_internal_addresses_are_refused(address, kind):
    assert kind in refusal_reason(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "100.128.0.1"])
def test_public_addresses_are_allowed(address):
    assert refusal_reason(ipaddress.ip_address(address)) is None


def resolver_from(table):
    def resolve(host, port):
        answer = table[host]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return resolve


def test_a_name_resolving_to_any_private_address_is_refused_after_dns():
    policy = SafetyPolicy(resolver=resolver_from({"evil.example": ["93.184.215.14", "10.0.0.5"]}))
    with pytest.raises(Refused, match=r"evil\.example resolves to 10\.0\.0\.5, a private address"):
        policy.check_url("https://evil.example/x")


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)",
                                 "gopher://example.org/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(Refused, match="only http and https"):
        SafetyPolicy(resolver=resolver_from({})).check_url(url)


def test_allow_private_lifts_the_address_rule_only():
    policy = SafetyPolicy(allow_private=True, resolver=resolver_from({}))
    assert policy.check_url("http://127.0.0.1:8080/") == ["127.0.0.1"]
    with pytest.raises(Refused):
        policy.check_url("ftp://127.0.0.1/")


def test_dns_errors_say_whether_the_name_is_missing_or_the_lookup_failed():
    policy = SafetyPolicy(resolver=resolver_from({"gone.example": name_not_found("gone.example"),
                                                  "offline.example": lookup_failed("offline.example")}))
    with pytest.raises(DnsFailure) as missing:
        policy.check_url("https://gone.example/")
    assert missing.value.permanent
    with pytest.raises(DnsFailure) as offline:
        policy.check_url("https://offline.example/")
    assert not offline.value.permanent


def test_a_host_that_does_not_resolve_is_dead_after_two_lookups(context_for):
    ctx = context_for()
    calls = []

    def resolve(host, port):
        calls.append(host)
        raise name_not_found(host)

    ctx.safety.resolver = resolve
    result = check_url("https://no-such-host.example/paper", ctx)
    assert result.outcome == DEAD
    assert result.dns_failure and not result.answered
    assert calls == ["no-such-host.example", "no-such-host.example"]


def test_a_failed_lookup_is_unknown(context_for):
    ctx = context_for()
    ctx.safety.resolver = resolver_from({"offline.example": lookup_failed("offline.example")})
    assert check_url("https://offline.example/", ctx).outcome == UNKNOWN


def test_entry_urls_on_loopback_are_refused_without_any_request(context_for, options_for):
    ctx = context_for(options=options_for(allow_private=False))
    with FaultServer() as web:
        result = check_url(web.url + "/ok", ctx)
        assert result.outcome == UNKNOWN and result.reason.startswith("refused:")
        assert web.requests == []


def test_connect_time_check_refuses_a_peer_that_dns_rebinding_made_private():
    """The first lookup said public; the connection lands on loopback: the socket check refuses it."""
    policy = SafetyPolicy(resolver=resolver_from({}))
    fetcher = Fetcher("t@example.org", policy, HostLimiter())
    with FaultServer() as web, pytest.raises(Refused, match="loopback"):
        fetcher.page("GET", web.url + "/ok", read_body=False)
    assert web.requests == []


def test_dns_rebinding_is_reported_as_refused_not_as_an_error(context_for, options_for, fake_dns):
    """DNS says public at the check; the connection lands on loopback: the link is refused, unfetched."""
    fake_dns["rebind.example"] = "127.0.0.1"
    ctx = context_for(options=options_for(allow_private=False))
    ctx.safety.resolver = resolver_from({"rebind.example": ["93.184.215.14"]})
    with FaultServer() as web:
        result = check_url(f"http://rebind.example:{web.port}/ok", ctx)
        assert result.outcome == UNKNOWN
        assert result.reason.startswith("refused: rebind.example resolves to 127.0.0.1, a loopback address")
        assert web.requests == []


def test_peer_check_allows_public_peers():
    class Peer:
        def getpeername(self):
            return ("93.184.215.14", 443)

    SafetyPolicy().check_peer(Peer(), "example.org")  # no exception
