"""Shared fixtures for the link checker tests: fast contexts against loopback fakes, and no internet.

Every test here runs with DNS limited to loopback (any other name fails as if it did not exist), so a
slip in a test can never reach a real host.
"""

from __future__ import annotations

import ipaddress
import random
import socket
from pathlib import Path

import pytest

from awesome_approx.links.checker import Options, build_context
from awesome_approx.links.pacing import FakeClock, RetryPolicy
from awesome_approx.net.transport import Timeouts
from awesome_approx.sources.endpoints import ENV_VARS, Endpoints

REPO_ROOT = Path(__file__).resolve().parents[2]
LOOPBACK_NAMES = {"localhost"}


@pytest.fixture
def fake_dns() -> dict[str, str]:
    """Names a test maps to a loopback address (e.g. a quirky host name onto a fault server)."""
    return {}


@pytest.fixture(autouse=True)
def hermetic_environment(monkeypatch):
    """Tests decide these themselves: a maintainer's or CI's settings must not change outcomes."""
    for name in ("CI", "GITHUB_TOKEN", *ENV_VARS.values()):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def no_internet(monkeypatch, fake_dns):
    real = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in fake_dns:
            return real(fake_dns[name], *args, **kwargs)
        try:
            if ipaddress.ip_address(name.strip("[]")).is_loopback:
                return real(host, *args, **kwargs)
        except ValueError:
            pass
        if name in LOOPBACK_NAMES:
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, f"test DNS: {name} is not loopback")

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture
def clock():
    return FakeClock()


def fast_options(clock: FakeClock | None = None, **overrides) -> Options:
    """Options for tests: short timeouts, instant (recorded) backoff, loopback allowed, no arXiv pause."""
    fake = clock or FakeClock()
    settings = dict(
        timeouts=Timeouts(connect=1.0, read=0.5, body=0.5),
        retry=RetryPolicy(attempts=3, base_delay=0.5, max_delay=30.0, sleep=fake.sleep, rng=random.Random(1)),
        allow_private=True,
        arxiv_interval=3.0,
        monotonic=fake,
        pacer_sleep=fake.sleep,
        wall_clock=lambda: 1_800_000_000.0,
        time_budget=None,
    )
    settings.update(overrides)
    return Options(**settings)


def make_context(endpoints: Endpoints | None = None, options: Options | None = None):
    return build_context(options or fast_options(), endpoints or Endpoints(), "t@example.org")


@pytest.fixture
def options_for():
    """options_for(clock, **overrides) -> Options for fast tests."""
    return fast_options


@pytest.fixture
def context_for():
    """context_for(endpoints=None, options=None) -> Context for fast tests."""
    return make_context
